// Signatures a stock tool and an independent library check with the keys the service serves: openssl against the
// PEM, jose against the JWK set, across a key rotation; and the keys' configuration as the service process reads it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { SigningService } from '../../src/platform/signing/signing.service.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const run = promisify(execFile);
const PROBLEM = /^application\/problem\+json/;
const dir = mkdtempSync(join(tmpdir(), 'signing-e2e-'));
const write = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data, { mode: 0o600 });
  return path;
};
const pkcs8 = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** `openssl pkeyutl -verify -pubin -rawin`, as an ISP would run it: its exit code and what it printed. */
async function opensslVerify(pemPath: string, dataPath: string, sigPath: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pemPath, '-rawin', '-in', dataPath, '-sigfile', sigPath]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('a rotated keyring, over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    write('old.pem', pkcs8());
    write('new.pem', pkcs8());
    const keys = write('keys.json', JSON.stringify([{ fromSerial: 1, privateKeyFile: 'old.pem' }, { fromSerial: 10, privateKeyFile: 'new.pem', keyId: 'registry-next' }]));
    t = await createTestApp({ SIGNING_KEYS_FILE: keys });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the keys with the serials each signs, publicly, rate-limited and cacheable', async () => {
    const res = await request(t.server).get('/v1/signing-keys').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['ratelimit-policy']).toBe('"per-address";q=600;w=60');
    const oldId = res.body.items[0].keyId;
    expect(oldId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body).toEqual({
      items: [
        { keyId: oldId, algorithm: 'EdDSA', fromSerial: 1, toSerial: 9, status: 'retired', links: { pem: `/v1/signing-keys/${oldId}.pem`, jwks: '/.well-known/jwks.json' } },
        { keyId: 'registry-next', algorithm: 'EdDSA', fromSerial: 10, toSerial: null, status: 'active', links: { pem: '/v1/signing-keys/registry-next.pem', jwks: '/.well-known/jwks.json' } },
      ],
    });
  });

  it('signs below the boundary with the old key and from it with the new; openssl verifies each against its PEM fetched over HTTP', async () => {
    const signing = t.app.get(SigningService);
    const list = (await request(t.server).get('/v1/signing-keys').expect(200)).body.items as { keyId: string; links: { pem: string } }[];
    const pemOf = async (keyId: string) => {
      const res = await request(t.server).get(list.find((k) => k.keyId === keyId)!.links.pem).expect(200);
      expect(res.headers['content-type']).toBe('application/x-pem-file');
      expect(res.text).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
      return write(`${keyId}.pub.pem`, res.text);
    };
    for (const serial of [9, 10, 11]) {
      const data = write(`manifest-${serial}.json`, `{"serial":${serial}}`);
      const { keyId, signature } = signing.sign(Buffer.from(`{"serial":${serial}}`), serial);
      expect(signature).toHaveLength(64);
      expect(keyId).toBe(serial < 10 ? list[0]!.keyId : 'registry-next');
      const sig = write(`manifest-${serial}.json.sig`, signature);
      const ok = await opensslVerify(await pemOf(keyId), data, sig);
      expect(ok).toEqual({ code: 0, out: 'Signature Verified Successfully\n' });
      const otherKey = await pemOf(serial < 10 ? 'registry-next' : list[0]!.keyId);
      expect((await opensslVerify(otherKey, data, sig)).code).toBe(1);
      const tampered = write(`tampered-${serial}.json`, `{"serial":${serial + 1}}`);
      const bad = await opensslVerify(await pemOf(keyId), tampered, sig);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('Signature Verification Failure');
    }
  });

  it('makes compact JWS that jose verifies against the JWK set fetched over HTTP, on both sides of the boundary', async () => {
    const res = await request(t.server).get('/.well-known/jwks.json').expect(200);
    expect(res.headers['content-type']).toBe('application/jwk-set+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const jwks = JSON.parse(res.text) as JSONWebKeySet;
    expect(jwks.keys.map((k) => [k.kty, k.crv, k.alg, k.use, k.kid])).toEqual([
      ['OKP', 'Ed25519', 'EdDSA', 'sig', expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)],
      ['OKP', 'Ed25519', 'EdDSA', 'sig', 'registry-next'],
    ]);
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    const keySet = createLocalJWKSet(jwks);
    const signing = t.app.get(SigningService);
    for (const [serial, kid] of [[9, jwks.keys[0]!.kid], [10, 'registry-next']] as const) {
      const jws = signing.compactJws(Buffer.from(`{"serial":${serial}}`), serial);
      expect(decodeProtectedHeader(jws)).toEqual({ alg: 'EdDSA', kid });
      const { payload, protectedHeader } = await compactVerify(jws, keySet);
      expect([Buffer.from(payload).toString(), protectedHeader.kid]).toEqual([`{"serial":${serial}}`, kid]);
    }
  });

  it('answers an unknown key id with a 404 problem', async () => {
    const res = await request(t.server).get('/v1/signing-keys/no-such-key.pem').expect(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    // Never cached: a rotation may add the key a minute later (the keys themselves are cached 5 minutes).
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      status: 404,
      code: 'signing-key-not-found',
      type: 'http://localhost:3000/problems/signing-key-not-found',
      detail: 'No signing key has the id no-such-key: /v1/signing-keys lists them all.',
    });
    const ru = await request(t.server).get('/v1/signing-keys/no-such-key.pem?lang=ru').expect(404);
    expect(ru.body.detail).toBe('Нет ключа подписи с идентификатором no-such-key: все ключи перечислены в /v1/signing-keys.');
    expect((await request(t.server).get('/v1/signing-keys/registry-next').expect(404)).body.code).toBe('not-found');
  });
});

describe('the development key', () => {
  it('is made on the first start and reused on the next (same key id)', async () => {
    const devDir = join(dir, 'dev-signing');
    const kidOf = async () => {
      const t = await createTestApp({ SIGNING_DEV_KEY_DIR: devDir });
      try {
        const res = await request(t.server).get('/.well-known/jwks.json').expect(200);
        return JSON.parse(res.text).keys.map((k: { kid: string }) => k.kid) as string[];
      } finally {
        await t.close();
      }
    };
    const first = await kidOf();
    expect(first).toHaveLength(1);
    expect(await kidOf()).toEqual(first);
  });
});

describe('the service process', () => {
  /** `node dist/src/main.js` with `env` only: its exit code and output (config errors exit before any database). */
  function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['dist/src/main.js'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
  }

  it('refuses to start in production without a signing key', async () => {
    const { code, output } = await start({ NODE_ENV: 'production', SIGNING_DEV_KEY_DIR: join(dir, 'never') });
    expect(code).toBe(1);
    expect(output).toBe(
      'Invalid configuration:\n  - SIGNING_KEY_FILE: NODE_ENV=production needs a signing key: set SIGNING_KEY_FILE to an Ed25519 private key in PKCS#8 PEM (make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem) or SIGNING_KEYS_FILE to a rotation; a development key is never made in production\n',
    );
  });

  it('refuses to start with a key that is not Ed25519, saying which file', async () => {
    const rsa = write('rsa.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const { code, output } = await start({ NODE_ENV: 'production', SIGNING_KEY_FILE: rsa });
    expect(code).toBe(1);
    expect(output).toContain(`  - SIGNING_KEY_FILE: ${rsa} holds an RSA key; the registry signs with Ed25519 only`);
    expect(output).not.toContain('PRIVATE KEY');
  });
});
