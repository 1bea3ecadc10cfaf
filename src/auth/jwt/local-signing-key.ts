/**
 * The local signing key behind `gatehouse token`: generated once, kept in `.gatehouse/` (private JWK in
 * token-key.json, public keys in jwks.json), so a developer can sign test tokens that a JWT or Cognito authorizer
 * accepts when gatehouse starts with `--jwks ISSUER=.gatehouse/jwks.json`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';

export interface LocalKey {
  readonly privateJwk: JWK;
  readonly jwksFile: string;
  readonly kid: string;
}

export async function ensureLocalKey(dir: string, alg: 'RS256' | 'ES256'): Promise<LocalKey> {
  const keyFile = join(dir, `token-key-${alg.toLowerCase()}.json`);
  const jwksFile = join(dir, 'jwks.json');
  try {
    const privateJwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
    return { privateJwk, jwksFile, kid: privateJwk.kid ?? '' };
  } catch {
    // first use: generate below
  }
  await mkdir(dir, { recursive: true });
  const { exportJWK, generateKeyPair } = await import('jose');
  const pair = await generateKeyPair(alg, { extractable: true });
  const kid = `gatehouse-${alg.toLowerCase()}-${Date.now().toString(36)}`;
  const privateJwk: JWK = { ...(await exportJWK(pair.privateKey)), kid, alg };
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  let keys: JWK[] = [];
  try {
    keys = (JSON.parse(await readFile(jwksFile, 'utf8')) as { keys: JWK[] }).keys ?? [];
  } catch {
    keys = [];
  }
  await writeFile(keyFile, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  await writeFile(jwksFile, `${JSON.stringify({ keys: [...keys, publicJwk] }, null, 2)}\n`);
  return { privateJwk, jwksFile, kid };
}

export async function signLocalToken(
  key: LocalKey,
  claims: Record<string, unknown>,
  expiresInSeconds: number,
  kid?: string,
): Promise<string> {
  const alg = key.privateJwk.alg ?? 'RS256';
  const now = Math.floor(Date.now() / 1000);
  const { importJWK, SignJWT } = await import('jose');
  const privateKey = await importJWK(key.privateJwk, alg);
  return new SignJWT({ iat: now, exp: now + expiresInSeconds, ...claims })
    .setProtectedHeader({ alg, kid: kid ?? key.kid, typ: 'JWT' })
    .sign(privateKey);
}
