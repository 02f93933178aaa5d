// A throw-away Ed25519 signing key for servers started in production mode (which refuses to start without one).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let path: string | undefined;

/** The path of a PKCS#8 PEM Ed25519 private key (mode 0600), made once per test file. */
export function testSigningKeyFile(): string {
  if (path) return path;
  path = join(mkdtempSync(join(tmpdir(), 'kz-signing-')), 'signing-key.pem');
  writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return path;
}
