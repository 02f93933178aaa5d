// The Ed25519 keys the registry signs with, read and checked at start-up: a key that cannot sign is refused before
// anything starts, with a sentence saying which file and why, never on the first publication.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** One key of the keyring: it signs the serials from `fromSerial` up to the next key's `fromSerial`. */
export interface ConfiguredSigningKey {
  fromSerial: number;
  /** Set by configuration; otherwise the RFC 7638 thumbprint is the id. */
  keyId?: string;
  publicKey: KeyObject;
  /** Absent for a retired key kept only to verify what it signed. */
  privateKey?: KeyObject;
  /** Where it was read from, for messages (a path; never the key). */
  source: string;
}

/** What a key id may be: it goes into a URL path (`/v1/signing-keys/{keyId}.pem`) and a JWS header. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

const GENERATE_HINT = 'make one with: openssl genpkey -algorithm ed25519 -out signing-key.pem';

class KeyFileError extends Error {}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyFileError(`cannot read ${path} (${code ?? (error as Error).message})`);
  }
}

function requireEd25519(key: KeyObject, where: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KeyFileError(`${where} holds ${key.asymmetricKeyType ? `an ${key.asymmetricKeyType.toUpperCase()}` : 'a non-asymmetric'} key; the registry signs with Ed25519 only (${GENERATE_HINT})`);
  }
  return key;
}

/** A PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), unencrypted, Ed25519. */
export function privateKeyFromPem(pem: string, where: string): KeyObject {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    const hint = pem.includes('ENCRYPTED PRIVATE KEY') ? 'it is encrypted: the service cannot ask for a passphrase' : GENERATE_HINT;
    throw new KeyFileError(`${where} does not hold an unencrypted PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); ${hint}`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new KeyFileError(`${where} holds a private key that cannot be read (${(error as Error).message})`);
  }
  return requireEd25519(key, where);
}

/** An SPKI PEM public key (`-----BEGIN PUBLIC KEY-----`); a private key is accepted too, and only its public half kept. */
function publicKeyFromPem(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new KeyFileError(`${where} does not hold a PEM public key (${(error as Error).message})`);
  }
  return requireEd25519(key, where);
}

const rotationEntry = z
  .object({
    fromSerial: z.number().int().min(0),
    keyId: z.string().regex(KEY_ID, 'expected 1 to 64 letters, digits, - or _').optional(),
    privateKeyFile: z.string().min(1).optional(),
    publicKeyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((e) => (e.privateKeyFile === undefined) !== (e.publicKeyFile === undefined), {
    message: 'give exactly one of privateKeyFile (a key that signs) and publicKeyFile (a retired key, kept to verify)',
  });

const rotationFile = z.array(rotationEntry).min(1, 'expected at least one key');

/** The rotation form: a JSON list of keys, each with the serial from which it signs; paths relative to the file. */
function keysFromRotationFile(path: string): ConfiguredSigningKey[] {
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`${path} is not JSON (${(error as Error).message})`);
  }
  const parsed = rotationFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length > 0 ? ` at ${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` : '';
    throw new KeyFileError(`${path}${at}: ${issue.message} (expected a list like [{"fromSerial":1,"privateKeyFile":"key.pem"}])`);
  }
  const base = dirname(resolve(path));
  return parsed.data.map((entry) => {
    if (entry.privateKeyFile !== undefined) {
      const file = resolve(base, entry.privateKeyFile);
      const privateKey = privateKeyFromPem(readText(file), file);
      return { fromSerial: entry.fromSerial, keyId: entry.keyId, privateKey, publicKey: createPublicKey(privateKey), source: file };
    }
    const file = resolve(base, entry.publicKeyFile!);
    return { fromSerial: entry.fromSerial, keyId: entry.keyId, publicKey: publicKeyFromPem(readText(file), file), source: file };
  });
}

/** The whole keyring must be usable: one key per starting serial, each key once, and the newest able to sign. */
function checkKeyring(keys: ConfiguredSigningKey[]): ConfiguredSigningKey[] {
  const sorted = [...keys].sort((a, b) => a.fromSerial - b.fromSerial);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (a.fromSerial === b.fromSerial) {
      throw new KeyFileError(`${a.source} and ${b.source} both sign from serial ${a.fromSerial}: each key needs a fromSerial of its own, later than the key before it`);
    }
  }
  const raw = sorted.map((k) => k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
  const again = raw.findIndex((r, i) => raw.indexOf(r) !== i);
  if (again >= 0) {
    throw new KeyFileError(`${sorted[raw.indexOf(raw[again]!)]!.source} and ${sorted[again]!.source} are the same key: a rotation needs a new key`);
  }
  const ids = sorted.flatMap((k) => (k.keyId === undefined ? [] : [k.keyId]));
  const sameId = ids.find((id, i) => ids.indexOf(id) !== i);
  if (sameId !== undefined) throw new KeyFileError(`two keys are named ${sameId}: each key id must be unique`);
  const newest = sorted.at(-1)!;
  if (!newest.privateKey) {
    throw new KeyFileError(`the newest key (${newest.source}, from serial ${newest.fromSerial}) is public only: new publications need a key that signs, so give its privateKeyFile`);
  }
  return sorted;
}

export interface SigningEnv {
  NODE_ENV: string;
  SIGNING_KEY_FILE?: string;
  SIGNING_KEYS_FILE?: string;
}

/**
 * The configured keyring, or undefined when none is configured (then, outside production, the service makes a
 * development key). Adds an issue for the variable at fault and returns z.NEVER when a key cannot be used.
 */
export function readSigningKeys(env: SigningEnv, ctx: z.RefinementCtx): ConfiguredSigningKey[] | undefined {
  if (env.SIGNING_KEY_FILE !== undefined && env.SIGNING_KEYS_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['SIGNING_KEYS_FILE'], message: 'set either SIGNING_KEY_FILE (one key) or SIGNING_KEYS_FILE (a rotation), not both' });
    return z.NEVER;
  }
  const variable = env.SIGNING_KEYS_FILE !== undefined ? 'SIGNING_KEYS_FILE' : 'SIGNING_KEY_FILE';
  try {
    if (env.SIGNING_KEYS_FILE !== undefined) return checkKeyring(keysFromRotationFile(env.SIGNING_KEYS_FILE));
    if (env.SIGNING_KEY_FILE !== undefined) {
      const file = resolve(env.SIGNING_KEY_FILE);
      const privateKey = privateKeyFromPem(readText(file), file);
      return [{ fromSerial: 0, privateKey, publicKey: createPublicKey(privateKey), source: file }];
    }
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    ctx.addIssue({ code: 'custom', path: [variable], message: error.message });
    return z.NEVER;
  }
  if (env.NODE_ENV === 'production') {
    ctx.addIssue({
      code: 'custom',
      path: ['SIGNING_KEY_FILE'],
      message: `NODE_ENV=production needs a signing key: set SIGNING_KEY_FILE to an Ed25519 private key in PKCS#8 PEM (${GENERATE_HINT}) or SIGNING_KEYS_FILE to a rotation; a development key is never made in production`,
    });
    return z.NEVER;
  }
  return undefined;
}
