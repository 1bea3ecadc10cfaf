/**
 * Watches the template (and local DefinitionUri files): after a change it loads the template again and hands the
 * model to the gateway, which deploys it or keeps it pending (src/deploy/deployment-manager.ts). A template that
 * does not load leaves every stage serving what it served, and the report says why (file:line).
 */
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isTemplateError } from '../config/template-error.js';
import type { DeployMode, TemplateChange } from '../deploy/deployment-manager.js';
import type { ApiModel } from '../model/rest-api.js';
import type { ControlEvent } from './control/control-interface.js';
import type { Gateway } from './gateway.js';

/** Everything about deployments the terminal (or a test) may want to show. */
export type DeploymentReport =
  | { readonly kind: 'template-applied'; readonly mode: DeployMode; readonly change: TemplateChange }
  | {
      readonly kind: 'template-error';
      readonly message: string;
      /** What keeps serving: `Prod → deployment 3`. */
      readonly serving: readonly { readonly stage: string; readonly deploymentNumber: number }[];
    }
  | ControlEvent;

export interface TemplateReloadOptions {
  readonly template: string;
  readonly load: () => Promise<ApiModel>;
  readonly gateway: Gateway;
  readonly onReport?: (report: DeploymentReport) => void;
  /** After a model was applied (index.ts watches new function folders). */
  readonly onApplied?: (model: ApiModel, change: TemplateChange) => Promise<void> | void;
  /** Changes closer together than this make one reload. Default 100 ms. */
  readonly debounceMs?: number;
}

export interface TemplateReload {
  /** Loads the template now (what a change triggers). */
  reload(): Promise<void>;
  close(): void;
}

export function watchTemplate(options: TemplateReloadOptions): TemplateReload {
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  let lastText: string | undefined;

  const watchFilesOf = (model: ApiModel) => {
    files = new Set([resolve(options.template), ...(model.definitionFiles ?? []).map((f) => resolve(f))]);
    // Editors often replace a file (write a temporary, rename it over): watch folders, not files.
    for (const folder of new Set([...files].map((f) => dirname(f)))) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name !== null && files.has(resolve(folder, name.toString()))) changed();
        });
        watcher.on('error', () => watchers.delete(folder));
        watchers.set(folder, watcher);
      } catch {
        // A folder that is gone cannot change.
      }
    }
  };

  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(() => reload()).catch(() => {});
    }, options.debounceMs ?? 100);
    timer.unref();
  };

  const reload = async (): Promise<void> => {
    if (closed) return;
    // Saving without a change (or an editor touching the file) is no change.
    const text = await readTemplates([...files]);
    if (text === lastText) return;
    let model: ApiModel;
    try {
      model = await options.load();
    } catch (error) {
      if (!isTemplateError(error) && !(error instanceof Error)) throw error;
      lastText = text;
      options.gateway.deployments.recordTemplateError(error.message);
      const serving = options.gateway.deployments
        .restStages()
        .map((s) => ({ stage: s.stage.name, deploymentNumber: s.deployment.number }));
      report({ kind: 'template-error', message: error.message, serving });
      return;
    }
    lastText = text;
    const change = options.gateway.applyTemplate(model);
    watchFilesOf(model);
    await options.onApplied?.(model, change);
    report({ kind: 'template-applied', mode: options.gateway.deployments.mode, change });
  };

  const report = (r: DeploymentReport) => {
    try {
      options.onReport?.(r);
    } catch {
      // A broken listener must not stop reloads.
    }
  };

  watchFilesOf(options.gateway.model);
  lastText = [...files].map((f) => readTextSync(f)).join('\0');
  return {
    reload: () => {
      queue = queue.then(() => reload());
      return queue;
    },
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function readTextSync(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return `<missing ${basename(file)}>`;
  }
}

async function readTemplates(files: readonly string[]): Promise<string> {
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => `<missing ${basename(f)}>`)));
  return texts.join('\0');
}
