import type { ServerResponse } from 'node:http';
import type { GatewayRequest } from '../pipeline/http-message.js';
import type { Exchange, Gateway } from '../server/gateway.js';
import { ExchangeStore, type ExchangeStoreOptions } from './exchange-store.js';
import { INSPECTOR_PREFIX, isInspectorRequest, serveInspector } from './inspector-routes.js';

export interface Inspector {
  readonly store: ExchangeStore;
  /** Path of the page on gatehouse's own port. */
  readonly path: string;
  /** Keeps an exchange for the inspector (called for every request the listener answers). */
  record(exchange: Exchange): void;
  /** The listener's hook: the inspector answers its own paths, streaming when it needs to. */
  readonly routes: {
    handles(target: string): boolean;
    serve(request: GatewayRequest, res: ServerResponse): Promise<void>;
  };
}

export function createInspector(
  gateway: Gateway,
  options: ExchangeStoreOptions & { readonly onReplay?: (exchange: Exchange) => void } = {},
): Inspector {
  const store = new ExchangeStore(options);
  const routeOptions = { gateway, store, ...(options.onReplay ? { onReplay: options.onReplay } : {}) };
  return {
    store,
    path: INSPECTOR_PREFIX,
    record: (exchange) => {
      store.record(exchange);
    },
    routes: { handles: isInspectorRequest, serve: (request, res) => serveInspector(routeOptions, request, res) },
  };
}
