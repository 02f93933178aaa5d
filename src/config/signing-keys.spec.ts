import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from './app-config.js';

const dir = mkdtempSync(join(tmpdir(), 'signing-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ed25519 = () => generateKeyPairSync('ed25519');
const privatePem = (pair = ed25519()) => pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const publicPem = (pair = ed25519()) => pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();

/** The one issue parseConfig lists for `env`. */
function refusal(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toHaveLength(1);
    return (error as ConfigError).issues[0]!;
  }
  throw new Error('expected a ConfigError');
}

describe('signing keys in the configuration', () => {
  it('reads one Ed25519 PKCS#8 PEM key that signs from serial 0', () => {
    const path = file('one.pem', privatePem());
    const [key, ...rest] = parseConfig({ SIGNING_KEY_FILE: path }).signingKeys!;
    expect(rest).toEqual([]);
    expect(key).toMatchObject({ fromSerial: 0, source: path });
    expect(key!.privateKey?.asymmetricKeyType).toBe('ed25519');
  });

  it('has no keyring when none is configured outside production (a development key is made at start)', () => {
    expect(parseConfig({}).signingKeys).toBeUndefined();
    expect(parseConfig({ NODE_ENV: 'test' }).signingKeys).toBeUndefined();
  });

  it('refuses production without a key', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/^SIGNING_KEY_FILE: NODE_ENV=production needs a signing key: set SIGNING_KEY_FILE .* a development key is never made in production$/);
  });

  it.each([
    ['an RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /holds an RSA key; the registry signs with Ed25519 only \(make one with: openssl genpkey -algorithm ed25519/],
    ['an EC key', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), /holds an EC key; the registry signs with Ed25519 only/],
    ['a public key', () => publicPem(), /does not hold an unencrypted PKCS#8 PEM private key \(-----BEGIN PRIVATE KEY-----\)/],
    ['an encrypted key', () => ed25519().privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'x' }).toString(), /it is encrypted: the service cannot ask for a passphrase/],
    ['garbage', () => '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /holds a private key that cannot be read/],
  ])('refuses SIGNING_KEY_FILE holding %s, saying why', (name, pem, message) => {
    const path = file(`${name.replace(/ /g, '-')}.pem`, pem());
    const issue = refusal({ SIGNING_KEY_FILE: path });
    expect(issue).toMatch(new RegExp(`^SIGNING_KEY_FILE: ${path}`));
    expect(issue).toMatch(message);
  });

  it('refuses an unreadable key file, naming it', () => {
    expect(refusal({ SIGNING_KEY_FILE: join(dir, 'missing.pem') })).toBe(`SIGNING_KEY_FILE: cannot read ${join(dir, 'missing.pem')} (ENOENT)`);
  });

  it('refuses both forms at once', () => {
    expect(refusal({ SIGNING_KEY_FILE: file('a.pem', privatePem()), SIGNING_KEYS_FILE: file('a.json', '[]') })).toBe(
      'SIGNING_KEYS_FILE: set either SIGNING_KEY_FILE (one key) or SIGNING_KEYS_FILE (a rotation), not both',
    );
  });

  it('reads a rotation: paths relative to the file, sorted by fromSerial, retired keys public only', () => {
    const sub = mkdtempSync(join(dir, 'rotation-'));
    writeFileSync(join(sub, 'old.pub.pem'), publicPem());
    writeFileSync(join(sub, 'new.pem'), privatePem());
    writeFileSync(join(sub, 'keys.json'), JSON.stringify([
      { fromSerial: 5000, privateKeyFile: 'new.pem', keyId: 'registry-2027' },
      { fromSerial: 1, publicKeyFile: 'old.pub.pem' },
    ]));
    const keys = parseConfig({ SIGNING_KEYS_FILE: join(sub, 'keys.json'), NODE_ENV: 'production' }).signingKeys!;
    expect(keys.map((k) => [k.fromSerial, k.keyId, k.source, k.privateKey !== undefined])).toEqual([
      [1, undefined, join(sub, 'old.pub.pem'), false],
      [5000, 'registry-2027', join(sub, 'new.pem'), true],
    ]);
  });

  it('refuses two keys that sign from the same serial', () => {
    const [a, b] = [file('overlap-a.pem', privatePem()), file('overlap-b.pem', privatePem())];
    const keys = file('overlap.json', JSON.stringify([{ fromSerial: 5, privateKeyFile: a }, { fromSerial: 5, privateKeyFile: b }]));
    expect(refusal({ SIGNING_KEYS_FILE: keys })).toBe(
      `SIGNING_KEYS_FILE: ${a} and ${b} both sign from serial 5: each key needs a fromSerial of its own, later than the key before it`,
    );
  });

  it('refuses the same key twice, a newest key that cannot sign, and entries of the wrong shape', () => {
    const pair = ed25519();
    const same = file('same.pem', privatePem(pair));
    expect(refusal({ SIGNING_KEYS_FILE: file('same.json', JSON.stringify([{ fromSerial: 1, privateKeyFile: same }, { fromSerial: 9, privateKeyFile: same }])) })).toBe(
      `SIGNING_KEYS_FILE: ${same} and ${same} are the same key: a rotation needs a new key`,
    );
    const pub = file('newest.pub.pem', publicPem());
    expect(refusal({ SIGNING_KEYS_FILE: file('newest.json', JSON.stringify([{ fromSerial: 1, privateKeyFile: same }, { fromSerial: 9, publicKeyFile: pub }])) })).toBe(
      `SIGNING_KEYS_FILE: the newest key (${pub}, from serial 9) is public only: new publications need a key that signs, so give its privateKeyFile`,
    );
    const shape = file('shape.json', JSON.stringify([{ fromSerial: 1, privateKeyFile: same, publicKeyFile: pub }]));
    expect(refusal({ SIGNING_KEYS_FILE: shape })).toBe(
      `SIGNING_KEYS_FILE: ${shape} at [0]: give exactly one of privateKeyFile (a key that signs) and publicKeyFile (a retired key, kept to verify) (expected a list like [{"fromSerial":1,"privateKeyFile":"key.pem"}])`,
    );
    expect(refusal({ SIGNING_KEYS_FILE: file('typo.json', JSON.stringify([{ fromSerial: -1, privateKeyFile: same }])) })).toMatch(/at \[0\]\.fromSerial: /);
    expect(refusal({ SIGNING_KEYS_FILE: file('empty.json', '[]') })).toMatch(/: expected at least one key/);
    expect(refusal({ SIGNING_KEYS_FILE: file('bad.json', '[{') })).toMatch(/bad\.json is not JSON/);
  });
});
