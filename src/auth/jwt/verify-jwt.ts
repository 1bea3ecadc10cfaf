/**
 * JWT validation as API Gateway's JWT authorizer does it, one named check at a time, so a rejection says which
 * check failed. Documented order (http-api-jwt-authorizer.html#http-api-jwt-authorizer.evaluation): decode; check
 * the algorithm and signature with the issuer's public key ("only RSA-based algorithms are supported"); validate
 * claims: kid matches a key of the JWKS, iss equals the issuer, aud (or client_id when there is no aud) is one of
 * the audiences, exp is after now, nbf and iat are before now, scope or scp holds one of the route's scopes.
 * Signatures are verified with jose (real RS256 / ES256 verification).
 */
import type { JWK } from 'jose';
import { type JwksStore, JwksUnavailableError } from './jwks-store.js';

export type JwtCheck =
  | 'malformed'
  | 'algorithm'
  | 'kid'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-before'
  | 'issued-at'
  | 'scope';

export interface JwtRequirements {
  readonly issuer: string;
  /** Empty = no audience check (Cognito user pool authorizers check the pool, not an audience). */
  readonly audience: readonly string[];
  readonly scopes: readonly string[];
  /** RSA only for API Gateway (documented); ES256 is accepted where the caller allows it. */
  readonly algorithms: readonly string[];
}

export type JwtResult =
  | { readonly ok: true; readonly claims: Record<string, unknown>; readonly scopes: readonly string[]; readonly keyFrom: string }
  | { readonly ok: false; readonly check: JwtCheck; readonly reason: string; readonly claims?: Record<string, unknown> }
  | { readonly ok: 'unavailable'; readonly reason: string };

/** Clock skew tolerated on exp/nbf/iat. AWS does not document one; none is applied (inferred). */
const SKEW_SECONDS = 0;

export async function verifyJwt(
  token: string,
  requirements: JwtRequirements,
  keys: JwksStore,
  now = Date.now(),
): Promise<JwtResult> {
  // jose is loaded on first use: only APIs with JWT or Cognito authorizers need it.
  const { compactVerify, decodeProtectedHeader, importJWK } = await import('jose');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, check: 'malformed', reason: 'the token is not a JWT (three base64url parts, a JSON header)' };
  }
  const alg = header.alg ?? '';
  if (!requirements.algorithms.includes(alg)) {
    return {
      ok: false,
      check: 'algorithm',
      reason: `the token is signed with ${alg || 'no algorithm'}; API Gateway accepts ${requirements.algorithms.join(', ')} (only RSA-based algorithms are supported)`,
    };
  }
  let keySet: Awaited<ReturnType<JwksStore['keySetFor']>>;
  let jwk: JWK | undefined;
  try {
    keySet = await keys.keySetFor(requirements.issuer);
    jwk = findKey(keySet.keys.keys, header.kid);
    if (jwk === undefined) {
      keySet = await keys.keySetFor(requirements.issuer, true);
      jwk = findKey(keySet.keys.keys, header.kid);
    }
  } catch (error) {
    if (error instanceof JwksUnavailableError) return { ok: 'unavailable', reason: error.message };
    throw error;
  }
  if (jwk === undefined) {
    return {
      ok: false,
      check: 'kid',
      reason: `the token's kid ${JSON.stringify(header.kid ?? null)} is not a key of the JWKS of ${requirements.issuer} (${keySet.from})`,
    };
  }
  let payload: Uint8Array;
  try {
    const key = await importJWK({ ...jwk, alg }, alg);
    payload = (await compactVerify(token, key, { algorithms: [alg] })).payload;
  } catch (error) {
    return {
      ok: false,
      check: 'signature',
      reason: `the signature does not verify with key ${jwk.kid ?? '(no kid)'} of ${keySet.from}: ${(error as Error).message}`,
    };
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) throw new Error('not an object');
  } catch {
    return { ok: false, check: 'malformed', reason: 'the token payload is not a JSON object' };
  }
  const failed = checkClaims(claims, requirements, Math.floor(now / 1000));
  if (failed) return { ...failed, claims };
  return { ok: true, claims, scopes: scopesOf(claims), keyFrom: keySet.from };
}

function checkClaims(
  claims: Record<string, unknown>,
  req: JwtRequirements,
  nowSeconds: number,
): { ok: false; check: JwtCheck; reason: string } | undefined {
  if (claims.iss !== req.issuer) {
    return {
      ok: false,
      check: 'issuer',
      reason: `iss is ${JSON.stringify(claims.iss ?? null)}, the authorizer's issuer is ${req.issuer}`,
    };
  }
  if (req.audience.length > 0) {
    // Documented: client_id is validated only if aud is not present; with both, aud is evaluated.
    const aud = claims.aud !== undefined ? claims.aud : claims.client_id;
    const list = Array.isArray(aud) ? aud : [aud];
    if (!list.some((a) => typeof a === 'string' && req.audience.includes(a))) {
      const which = claims.aud !== undefined ? 'aud' : 'client_id';
      return {
        ok: false,
        check: 'audience',
        reason: `${which} is ${JSON.stringify(aud ?? null)}, none of the audiences [${req.audience.join(', ')}]`,
      };
    }
  }
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS <= nowSeconds) {
    return {
      ok: false,
      check: 'expired',
      reason:
        typeof claims.exp === 'number'
          ? `exp ${isoOf(claims.exp)} is not after now (${isoOf(nowSeconds)})`
          : 'the token has no numeric exp claim',
    };
  }
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > nowSeconds) {
    return { ok: false, check: 'not-before', reason: `nbf ${isoOf(claims.nbf)} is after now (${isoOf(nowSeconds)})` };
  }
  if (typeof claims.iat === 'number' && claims.iat - SKEW_SECONDS > nowSeconds) {
    return { ok: false, check: 'issued-at', reason: `iat ${isoOf(claims.iat)} is after now (${isoOf(nowSeconds)})` };
  }
  if (req.scopes.length > 0) {
    const has = scopesOf(claims);
    if (!req.scopes.some((s) => has.includes(s))) {
      return {
        ok: false,
        check: 'scope',
        reason: `the token's scopes [${has.join(' ')}] include none of the required [${req.scopes.join(', ')}]`,
      };
    }
  }
  return undefined;
}

/** `scope` (space-separated, OAuth) or `scp` (a list or a string). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

function findKey(keys: readonly JWK[], kid: string | undefined): JWK | undefined {
  return kid === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.kid === kid);
}

function isoOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** `Bearer xyz` or `xyz` (documented for HTTP API JWT authorizers). */
export function stripBearer(value: string): string {
  const match = /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? (match[1] as string) : value.trim();
}
