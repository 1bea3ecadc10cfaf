import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoIssuerOf } from '../../src/auth/rest/rest-cognito-authorizer.js';
import { type StartedGateway, startGateway } from '../../src/index.js';
import type { RestCognitoAuthorizer } from '../../src/model/auth.js';
import { fixtureTemplate } from '../support/fixture-gateway.js';

// JWT and Cognito authorizers with real RS256 signatures (keys generated here with jose), a JWKS served by a
// loopback HTTP server (HTTP API JWT authorizer) or given as a file (REST Cognito authorizer, `--jwks ISSUER=FILE`),
// HTTP API Lambda authorizers (real functions), and AWS_IAM verified against requests signed by AWS's own SigV4
// implementation (@smithy/signature-v4).
// Documented: JWT workflow and claims (http-api-jwt-authorizer.html), 401 + www-authenticate with "the token does not
// have a valid audience" (http-api-troubleshooting-jwt.html), HTTP Lambda authorizer simple responses and 403
// (http-api-lambda-authorizer.html), Cognito ID vs access tokens (apigateway-integrate-with-cognito.html), IAM 403
// messages (knowledge-center/api-gateway-iam-sigv4-mismatch). Inferred: the other error_description texts, REST
// Cognito claim formatting (exp as a Java date) and the 403 insufficient_scope answer.

/** The Checksum the signer hashes with (what @smithy/hash-node provides), on node:crypto. */
class Sha256 {
  private hash;
  constructor(private readonly secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = this.create();
  }
  private create() {
    const key = this.secret;
    if (key === undefined) return createHash('sha256');
    return createHmac('sha256', typeof key === 'string' ? key : bytes(key));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

function bytes(data: ArrayBuffer | ArrayBufferView): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const credentials = { accessKeyId: 'AKIDGATEHOUSETEST01', secretAccessKey: 'secret/for+tests/only/0123456789abcdefghij' };
let jwksServer: Server;
let issuer: string;
let gateway: StartedGateway;
let rsaKey: CryptoKey;
let poolKey: CryptoKey;
let poolIssuer: string;
let jwksRequests = 0;

async function sign(
  key: CryptoKey,
  claims: Record<string, unknown>,
  options: { kid?: string; alg?: string; expiresIn?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + (options.expiresIn ?? 600), ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'test-key-1' })
    .sign(key);
}

beforeAll(async () => {
  const jwt = await generateKeyPair('RS256', { extractable: true });
  const pool = await generateKeyPair('RS256', { extractable: true });
  rsaKey = jwt.privateKey;
  poolKey = pool.privateKey;
  const publicJwk: JWK = { ...(await exportJWK(jwt.publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    jwksRequests += 1;
    if (req.url === '/issuer/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys.json` }));
    } else if (req.url === '/issuer/keys.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/issuer`;
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-jwks-'));
  const poolJwks = join(dir, 'pool-jwks.json');
  await writeFile(poolJwks, JSON.stringify({ keys: [{ ...(await exportJWK(pool.publicKey)), kid: 'pool-key', alg: 'RS256' }] }));
  // The pool's issuer is derived from the template (a stable local pool id); read it from a first load.
  const probe = await startGateway({ template: fixtureTemplate('authorizers') });
  const poolAuth = probe.model.restApis[0]?.authorizers?.find((a) => a.name === 'PoolAuth') as RestCognitoAuthorizer;
  poolIssuer = cognitoIssuerOf(poolAuth.providerArns[0] ?? '') ?? '';
  await probe.close();
  gateway = await startGateway({
    template: fixtureTemplate('authorizers'),
    parameterOverrides: { JwtIssuer: issuer },
    auth: { jwks: [{ issuer: poolIssuer, file: poolJwks }], iamCredentials: [credentials] },
  });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

type Echo = { requestContext: { authorizer?: Record<string, unknown>; identity?: Record<string, unknown> } };

describe('HTTP API JWT authorizer', () => {
  it('verifies the signature with the JWKS from the issuer and passes claims and scopes (payload 2.0)', async () => {
    const token = await sign(rsaKey, {
      iss: issuer,
      aud: 'gatehouse-tests',
      sub: 'u-1',
      scope: 'read write',
      groups: ['a', 'b'],
    });
    const res = await gateway.inject({ path: '/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const authorizer = (res.json() as Echo).requestContext.authorizer as {
      jwt: { claims: Record<string, string>; scopes: string[] };
    };
    expect(authorizer.jwt.claims.sub).toBe('u-1');
    expect(authorizer.jwt.claims.aud).toBe('gatehouse-tests');
    expect(typeof authorizer.jwt.claims.exp).toBe('string');
    expect(authorizer.jwt.claims.groups).toBe('[a b]');
    expect(authorizer.jwt.scopes).toEqual(['read', 'write']);
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('puts claims and scopes at requestContext.authorizer for payload 1.0, and accepts the token without Bearer', async () => {
    const token = await sign(rsaKey, { iss: issuer, client_id: 'gatehouse-tests', sub: 'u-2' });
    const res = await gateway.inject({ path: '/me-v1', headers: { authorization: token } });
    expect(res.status).toBe(200);
    expect((res.json() as Echo).requestContext.authorizer).toMatchObject({ claims: { sub: 'u-2' } });
  });

  it('answers 401 with www-authenticate naming the audience check (documented text)', async () => {
    const token = await sign(rsaKey, { iss: issuer, aud: 'someone-else' });
    const res = await gateway.inject({ path: '/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.text()).toBe('{"message":"Unauthorized"}');
    expect(res.header('www-authenticate')).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    expect(res.explanation).toContain('aud is "someone-else", none of the audiences [gatehouse-tests]');
  });

  it('rejects an expired token, a foreign signature, a wrong issuer and an ES256 token', async () => {
    const other = await generateKeyPair('RS256');
    const es = await generateKeyPair('ES256');
    const cases = [
      [await sign(rsaKey, { iss: issuer, aud: 'gatehouse-tests' }, { expiresIn: -60 }), 'the token has expired'],
      [await sign(other.privateKey, { iss: issuer, aud: 'gatehouse-tests' }), 'the token signature is invalid'],
      [await sign(rsaKey, { iss: 'https://elsewhere', aud: 'gatehouse-tests' }), 'the token does not have a valid issuer'],
      [await sign(es.privateKey, { iss: issuer, aud: 'gatehouse-tests' }, { alg: 'ES256' }), 'unsupported algorithm'],
    ] as const;
    for (const [token, description] of cases) {
      const res = await gateway.inject({ path: '/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(res.header('www-authenticate')).toContain(description);
    }
  });

  it('answers 401 without a token, and 403 when the token lacks the route scopes', async () => {
    expect((await gateway.inject({ path: '/me' })).status).toBe(401);
    const token = await sign(rsaKey, { iss: issuer, aud: 'gatehouse-tests', scope: 'read' });
    const res = await gateway.inject({ path: '/admin', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(res.explanation).toContain('include none of the required [admin]');
    const admin = await sign(rsaKey, { iss: issuer, aud: 'gatehouse-tests', scope: 'admin' });
    expect((await gateway.inject({ path: '/admin', headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
  });

  it('leaves Authorizer: NONE routes open', async () => {
    expect((await gateway.inject({ path: '/open' })).status).toBe(200);
  });
});

describe('HTTP API Lambda authorizers', () => {
  it('payload 2.0 simple response: isAuthorized true passes context at requestContext.authorizer.lambda', async () => {
    const res = await gateway.inject({ path: '/simple', headers: { 'x-token': 'yes' } });
    expect(res.status).toBe(200);
    const lambda = ((res.json() as Echo).requestContext.authorizer as { lambda: Record<string, unknown> }).lambda;
    expect(lambda).toMatchObject({ user: 'carol', version: '2.0', identity: ['yes'] });
    expect(lambda.routeArn).toMatch(/\/\$default\/GET\/simple$/);
  });

  it('payload 2.0 simple response: isAuthorized false is 403 Forbidden; a missing identity source 401', async () => {
    const denied = await gateway.inject({ path: '/simple', headers: { 'x-token': 'no' } });
    expect(denied.status).toBe(403);
    expect(denied.text()).toBe('{"message":"Forbidden"}');
    expect((await gateway.inject({ path: '/simple' })).status).toBe(401);
  });

  it('caches the result by identity source for ReauthorizeEvery seconds', async () => {
    await gateway.inject({ path: '/simple', headers: { 'x-token': 'yes' } });
    const again = await gateway.inject({ path: '/simple', headers: { 'x-token': 'yes' } });
    expect(again.trace.awsLog.join('\n')).toContain('Using cached authorizer result for Simple');
  });

  it('payload 1.0 IAM policy: Allow passes, Deny is 403', async () => {
    const ok = await gateway.inject({ path: '/policy', headers: { 'x-token': 'yes' } });
    expect(ok.status).toBe(200);
    expect((ok.json() as Echo).requestContext.authorizer).toMatchObject({ user: 'carol', version: '1.0', principalId: 'carol' });
    const denied = await gateway.inject({ path: '/policy', headers: { 'x-token': 'no' } });
    expect(denied.status).toBe(403);
    expect(denied.explanation).toContain('Statement[0] Deny');
  });

  it('answers 500 when the authorizer function throws', async () => {
    const res = await gateway.inject({ path: '/simple', headers: { 'x-token': 'throw' } });
    expect(res.status).toBe(500);
    expect(res.text()).toBe('{"message":"Internal Server Error"}');
  });
});

describe('REST Cognito user pool authorizer', () => {
  it('accepts an ID token of the pool and passes the claims as strings, exp as a Java date', async () => {
    const token = await sign(
      poolKey,
      { iss: poolIssuer, token_use: 'id', sub: 'p-1', email_verified: true, 'cognito:groups': ['admins'] },
      { kid: 'pool-key' },
    );
    const res = await gateway.inject({ path: '/dev/profile', headers: { Authorization: token } });
    expect(res.status).toBe(200);
    const claims = ((res.json() as Echo).requestContext.authorizer as { claims: Record<string, string> }).claims;
    expect(claims).toMatchObject({ sub: 'p-1', email_verified: 'true', 'cognito:groups': 'admins', token_use: 'id' });
    expect(claims.exp).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
  });

  it('wants an access token with one of the scopes where the method has AuthorizationScopes', async () => {
    const idToken = await sign(poolKey, { iss: poolIssuer, token_use: 'id' }, { kid: 'pool-key' });
    expect((await gateway.inject({ path: '/dev/orders', headers: { Authorization: idToken } })).status).toBe(401);
    const access = await sign(poolKey, { iss: poolIssuer, token_use: 'access', scope: 'orders/read' }, { kid: 'pool-key' });
    expect((await gateway.inject({ path: '/dev/orders', headers: { Authorization: access } })).status).toBe(200);
  });

  it('answers 401 for another pool and "The incoming token has expired" for an expired token', async () => {
    const foreign = await sign(rsaKey, { iss: issuer, token_use: 'id' });
    expect((await gateway.inject({ path: '/dev/profile', headers: { Authorization: foreign } })).status).toBe(401);
    const expired = await sign(poolKey, { iss: poolIssuer, token_use: 'id' }, { kid: 'pool-key', expiresIn: -5 });
    const res = await gateway.inject({ path: '/dev/profile', headers: { Authorization: expired } });
    expect(res.status).toBe(401);
    expect(res.text()).toBe('{"message":"The incoming token has expired"}');
  });
});

describe('AWS_IAM (SigV4 signed by @smithy/signature-v4)', () => {
  const signer = (secretAccessKey = credentials.secretAccessKey) =>
    new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: { ...credentials, secretAccessKey },
      sha256: Sha256,
    });

  async function signedRequest(path: string, body: string, secret?: string) {
    const signed = await signer(secret).sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path,
      headers: { host: '127.0.0.1', 'content-type': 'application/json' },
      body,
    });
    return gateway.inject({ method: 'POST', path, headers: signed.headers as Record<string, string>, body });
  }

  it('REST: a valid signature passes and fills requestContext.identity', async () => {
    const res = await signedRequest('/dev/signed', '{"a":1}');
    expect(res.status).toBe(200);
    const identity = (res.json() as Echo).requestContext.identity ?? {};
    expect(identity.accessKey).toBe(credentials.accessKeyId);
    expect(identity.userArn).toBe('arn:aws:iam::123456789012:user/gatehouse');
    expect(identity.caller).toMatch(/^AIDA/);
  });

  it('REST: unsigned is 403 Missing Authentication Token; a wrong secret is 403 with the canonical string', async () => {
    const unsigned = await gateway.inject({ method: 'POST', path: '/dev/signed', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.text()).toBe('{"message":"Missing Authentication Token"}');
    const wrong = await signedRequest('/dev/signed', '{"a":1}', 'not-the-secret');
    expect(wrong.status).toBe(403);
    const message = (wrong.json() as { message: string }).message;
    expect(message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    expect(message).toContain("The Canonical String for this request should have been\n'POST\n/dev/signed\n");
    expect(wrong.header('x-amzn-ErrorType')).toBe('InvalidSignatureException');
  });

  it('REST: a tampered body no longer matches the signature', async () => {
    const signed = await signer().sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/dev/signed',
      headers: { host: '127.0.0.1' },
      body: '{"a":1}',
    });
    const res = await gateway.inject({
      method: 'POST',
      path: '/dev/signed',
      headers: signed.headers as Record<string, string>,
      body: '{"a":2}',
    });
    expect(res.status).toBe(403);
    expect(res.trace.failure?.code).toBe('IAM_SIGNATURE_MISMATCH');
  });

  it('HTTP API 2.0: a valid signature fills requestContext.authorizer.iam; an unknown key is 403', async () => {
    const res = await signedRequest('/signed', '{}');
    expect(res.status).toBe(200);
    expect((res.json() as Echo).requestContext.authorizer).toMatchObject({ iam: { accessKey: credentials.accessKeyId } });
    const unsigned = await gateway.inject({ method: 'POST', path: '/signed', body: '{}' });
    expect(unsigned.status).toBe(403);
  });
});
