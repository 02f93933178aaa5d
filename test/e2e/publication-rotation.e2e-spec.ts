// Key rotation across a publication boundary: the old key signs up to the serial the new one takes over from, each
// manifest verifies with openssl against the key it names, and the chain runs on across the boundary.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createKey } from '../setup/api-keys.js';
import { publishNow, rawGet, sha256 } from '../setup/publications.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

let t: TestApp;
let dir: string;
let writer: string;
/** The template's blocklist is at serial 2: serial 3 is signed by the old key, 4 by the new one. */
const ROTATES_AT = 4;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotation-'));
  for (const name of ['old.pem', 'new.pem']) execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', join(dir, name)]);
  await writeFile(
    join(dir, 'keys.json'),
    JSON.stringify([
      { fromSerial: 0, privateKeyFile: 'old.pem', keyId: 'registry-old' },
      { fromSerial: ROTATES_AT, privateKeyFile: 'new.pem', keyId: 'registry-new' },
    ]),
  );
  t = await createTestApp({
    PUBLISHER: 'true',
    PUBLICATIONS_DIR: join(dir, 'publications'),
    PUBLISH_DEBOUNCE_MS: String(20 * 3600_000),
    SIGNING_KEYS_FILE: join(dir, 'keys.json'),
  });
  writer = (await createKey(t.app, ['blocklist:write'])).key;
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = async (path: string) => (await rawGet(t.server, path)).body;

async function verifies(serial: number, keyId: string): Promise<boolean> {
  await writeFile(join(dir, 'manifest.json'), await bytes(`/v1/blocklist/${serial}/manifest.json`));
  await writeFile(join(dir, 'manifest.json.sig'), await bytes(`/v1/blocklist/${serial}/manifest.json.sig`));
  await writeFile(join(dir, 'key.pem'), (await request(t.server).get(`/v1/signing-keys/${keyId}.pem`).expect(200)).text);
  const result = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'], { cwd: dir });
  return result.status === 0;
}

describe('publications across a key rotation', () => {
  it('signs each serial with its key, both verify, and the chain crosses the boundary', async () => {
    const serials: number[] = [];
    for (const value of ['before-rotation.example', 'after-rotation.example']) {
      await request(t.server)
        .post('/v1/admin/blocklist/entries')
        .set('authorization', `Bearer ${writer}`)
        .send({ legalBasis: 'Art. 11(5)', source: { url: 'https://example.org/d', readOn: '2026-11-24', confidence: 'verified' }, entries: [{ kind: 'domain', value, match: 'exact' }] })
        .expect(201);
      serials.push(await publishNow(t.app));
    }
    expect(serials).toEqual([ROTATES_AT - 1, ROTATES_AT]);
    const [before, after] = await Promise.all(serials.map(async (s) => JSON.parse((await bytes(`/v1/blocklist/${s}/manifest.json`)).toString())));
    expect([before.keyId, after.keyId]).toEqual(['registry-old', 'registry-new']);
    expect(await verifies(serials[0]!, 'registry-old')).toBe(true);
    expect(await verifies(serials[1]!, 'registry-new')).toBe(true);
    // Neither key verifies what the other signed.
    expect(await verifies(serials[1]!, 'registry-old')).toBe(false);
    expect(after.previousManifestSha256).toBe(sha256(await bytes(`/v1/blocklist/${serials[0]}/manifest.json`)));
    const jwks = await request(t.server).get('/.well-known/jwks.json').expect(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid).sort()).toEqual(['registry-new', 'registry-old']);
  });
});
