import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { fixtureTemplate } from '../support/fixture-gateway.js';

describe('gatehouse token', () => {
  it('prints a token signed by a local key whose JWKS it writes, with the given claims', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-token-'));
    // Act
    const run = await runCli([
      'token',
      '--issuer',
      'https://issuer.example',
      '--audience',
      'app',
      '--scope',
      'read write',
      '--claims',
      '{"email":"a@b.c"}',
      '--dir',
      dir,
    ]);
    // Assess
    expect(run.code).toBe(0);
    const jwks = JSON.parse(await readFile(join(dir, 'jwks.json'), 'utf8'));
    const { payload, protectedHeader } = await jwtVerify(run.stdout.trim(), createLocalJWKSet(jwks), {
      issuer: 'https://issuer.example',
      audience: 'app',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ scope: 'read write', email: 'a@b.c', sub: 'gatehouse-user' });
    expect(run.stderr).toContain(`--jwks https://issuer.example=${join(dir, 'jwks.json')}`);
    // The key is made once: a second token is signed by the same key.
    const again = await runCli(['token', '--issuer', 'https://issuer.example', '--dir', dir]);
    await expect(jwtVerify(again.stdout.trim(), createLocalJWKSet(jwks))).resolves.toBeDefined();
  });

  it("takes the issuer of the template's Cognito authorizer when no --issuer is given", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-token-'));
    const run = await runCli(['token', '--template', fixtureTemplate('authorizers'), '--dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /Signed for (http:\/\/127\.0\.0\.1:9\/issuer|https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_\w{9})/,
    );
  });
});
