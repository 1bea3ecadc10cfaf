/**
 * Where the public keys of a JWT issuer come from. AWS fetches the issuer's JWKS (its OIDC discovery document's
 * `jwks_uri`; for Cognito user pools `{issuer}/.well-known/jwks.json`) and "can cache the public key for two hours"
 * (documented, http-api-jwt-authorizer.html). Locally a JWKS file can stand in for an issuer (`--jwks ISSUER=FILE`,
 * or `--jwks FILE` for every issuer), so protected routes work offline with `gatehouse token`.
 */
import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';

export interface JwksFileOption {
  /** The issuer the file stands in for; undefined = every issuer without a file of its own. */
  readonly issuer?: string;
  readonly file: string;
}

export interface JwksStoreOptions {
  readonly files?: readonly JwksFileOption[];
  /** For tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export interface LoadedKeySet {
  readonly keys: JSONWebKeySet;
  /** `file /path/jwks.json` or the URL it was fetched from. */
  readonly from: string;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

export class JwksStore {
  private readonly cache = new Map<string, { set: LoadedKeySet; at: number }>();

  constructor(private readonly options: JwksStoreOptions = {}) {}

  /** The key set for an issuer; `refresh` skips the cache (a kid that is not in the cached set). */
  async keySetFor(issuer: string, refresh = false): Promise<LoadedKeySet> {
    const cached = this.cache.get(issuer);
    if (!refresh && cached && Date.now() - cached.at < TWO_HOURS_MS) return cached.set;
    const set = await this.load(issuer);
    this.cache.set(issuer, { set, at: Date.now() });
    return set;
  }

  private async load(issuer: string): Promise<LoadedKeySet> {
    const files = this.options.files ?? [];
    const file =
      files.find((f) => f.issuer !== undefined && trimSlash(f.issuer) === trimSlash(issuer)) ??
      files.find((f) => f.issuer === undefined);
    if (file) {
      try {
        return { keys: parseKeySet(await readFile(file.file, 'utf8'), file.file), from: `file ${file.file}` };
      } catch (error) {
        throw new JwksUnavailableError(`cannot read the JWKS file ${file.file} given for ${issuer}: ${(error as Error).message}`);
      }
    }
    return this.fetchKeySet(issuer);
  }

  private async fetchKeySet(issuer: string): Promise<LoadedKeySet> {
    const doFetch = this.options.fetch ?? fetch;
    const base = trimSlash(issuer);
    let jwksUri = `${base}/.well-known/jwks.json`;
    // Documented: the keys come from the issuer's jwks_uri (OIDC discovery). Cognito publishes the same keys at
    // /.well-known/jwks.json, used when there is no discovery document.
    try {
      const discovery = await doFetch(`${base}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (discovery.ok) {
        const doc = (await discovery.json()) as { jwks_uri?: unknown };
        if (typeof doc.jwks_uri === 'string') jwksUri = doc.jwks_uri;
      }
    } catch {
      // fall back to /.well-known/jwks.json
    }
    let text: string;
    try {
      const response = await doFetch(jwksUri, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new JwksUnavailableError(
        `cannot fetch the JWKS of ${issuer} from ${jwksUri} (${(error as Error).message}); offline, start with --jwks ${issuer}=path/to/jwks.json (gatehouse token writes .gatehouse/jwks.json)`,
      );
    }
    try {
      return { keys: parseKeySet(text, jwksUri), from: jwksUri };
    } catch (error) {
      throw new JwksUnavailableError((error as Error).message);
    }
  }
}

function parseKeySet(text: string, where: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new Error(`${where} has no "keys" list (a JWKS is {"keys": [...]})`);
  return parsed as JSONWebKeySet;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
