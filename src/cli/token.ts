/**
 * `gatehouse token`: prints a signed test JWT for the local key (.gatehouse/), for JWT and Cognito authorizers.
 * Without --issuer, the issuer of the template's first JWT or Cognito authorizer is used.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuthOptions, IamCredential } from '../auth/auth-options.js';
import type { JwksFileOption } from '../auth/jwt/jwks-store.js';
import { ensureLocalKey, signLocalToken } from '../auth/jwt/local-signing-key.js';
import { cognitoIssuerOf } from '../auth/rest/rest-cognito-authorizer.js';
import { findDefaultTemplate, loadSamTemplate } from '../config/index.js';
import type { ApiModel } from '../model/rest-api.js';
import { UsageError } from './usage-error.js';

export async function runToken(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      template: { type: 'string', short: 't' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      scope: { type: 'string' },
      'token-use': { type: 'string' },
      sub: { type: 'string', default: 'gatehouse-user' },
      claims: { type: 'string' },
      kid: { type: 'string' },
      alg: { type: 'string', default: 'RS256' },
      'expires-in': { type: 'string', default: '3600' },
      dir: { type: 'string', default: '.gatehouse' },
    },
    allowPositionals: false,
  });
  const alg = values.alg;
  if (alg !== 'RS256' && alg !== 'ES256') throw new UsageError(`--alg must be RS256 or ES256, got ${alg}`);
  let extra: Record<string, unknown> = {};
  if (values.claims) {
    try {
      extra = JSON.parse(values.claims) as Record<string, unknown>;
    } catch {
      throw new UsageError('--claims must be a JSON object, e.g. --claims \'{"email":"a@b.c"}\'');
    }
  }
  const found = values.issuer ? undefined : await issuerFromTemplate(values.template);
  const issuer = values.issuer ?? found?.issuer;
  if (issuer === undefined) throw new UsageError('no JWT or Cognito authorizer in the template; pass --issuer URL');
  const expiresIn = Number(values['expires-in']);
  if (!Number.isFinite(expiresIn)) throw new UsageError(`--expires-in must be a number of seconds, got ${values['expires-in']}`);
  const key = await ensureLocalKey(resolve(values.dir), alg);
  const audience = values.audience ?? found?.audience;
  const claims: Record<string, unknown> = {
    iss: issuer,
    sub: values.sub,
    ...(audience ? { aud: audience } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
    ...((values['token-use'] ?? found?.tokenUse) ? { token_use: values['token-use'] ?? found?.tokenUse } : {}),
    ...extra,
  };
  process.stdout.write(`${await signLocalToken(key, claims, expiresIn, values.kid)}\n`);
  process.stderr.write(`Signed for ${issuer} with ${key.jwksFile}; start gatehouse with --jwks ${issuer}=${key.jwksFile}\n`);
  return 0;
}

async function issuerFromTemplate(
  file: string | undefined,
): Promise<{ issuer: string; audience?: string; tokenUse?: string } | undefined> {
  const template = file ? resolve(file) : await findDefaultTemplate(process.cwd());
  if (!template) return undefined;
  const model: ApiModel = await loadSamTemplate(template);
  for (const api of model.httpApis) {
    for (const a of api.authorizers ?? []) {
      if (a.type === 'JWT') return { issuer: a.issuer, ...(a.audience[0] ? { audience: a.audience[0] } : {}) };
    }
  }
  for (const api of model.restApis) {
    for (const a of api.authorizers ?? []) {
      const issuer = a.type === 'COGNITO_USER_POOLS' ? cognitoIssuerOf(a.providerArns[0] ?? '') : undefined;
      if (issuer) return { issuer, tokenUse: 'id' };
    }
  }
  return undefined;
}

/** `--jwks ISSUER=FILE` / `--jwks FILE`, `--iam-credentials ACCESS_KEY:SECRET`, plus AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. */
export function readAuthCliOptions(
  jwks: readonly string[] | undefined,
  iam: readonly string[] | undefined,
  env = process.env,
): AuthOptions | undefined {
  const files: JwksFileOption[] = (jwks ?? []).map((entry) => {
    const eq = entry.lastIndexOf('=');
    return eq > 0 && /^https?:\/\//.test(entry)
      ? { issuer: entry.slice(0, eq), file: resolve(entry.slice(eq + 1)) }
      : { file: resolve(entry) };
  });
  const credentials: IamCredential[] = (iam ?? []).map((entry) => {
    const [accessKeyId, secretAccessKey, userArn] = entry.split(':::');
    const colon = entry.indexOf(':');
    if (userArn === undefined && colon > 0)
      return { accessKeyId: entry.slice(0, colon), secretAccessKey: entry.slice(colon + 1) };
    if (!accessKeyId || !secretAccessKey) throw new UsageError(`--iam-credentials must be ACCESS_KEY:SECRET, got ${entry}`);
    return { accessKeyId, secretAccessKey, ...(userArn ? { userArn } : {}) };
  });
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    credentials.push({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY });
  }
  if (files.length === 0 && credentials.length === 0) return undefined;
  return { ...(files.length ? { jwks: files } : {}), ...(credentials.length ? { iamCredentials: credentials } : {}) };
}
