// The key a development or test instance signs with when none is configured: made once in its data folder and reused,
// so what it signed keeps verifying across restarts. Never used in production (the configuration refuses to start).
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { privateKeyFromPem } from '../../config/signing-keys.js';

export const DEVELOPMENT_KEY_FILE = 'development-signing-key.pem';

export interface DevelopmentKey {
  file: string;
  privateKey: KeyObject;
  /** Made by this call (false: found from an earlier start). */
  created: boolean;
}

/**
 * The development key in `dir`, made if missing (mode 0600 in a 0700 folder). Instances starting together (test
 * workers) make one key between them: each writes its own temporary file and links it into place, which only the
 * first link does; the others read the winner's.
 */
export async function developmentKey(dir: string): Promise<DevelopmentKey> {
  const folder = resolve(dir);
  const file = join(folder, DEVELOPMENT_KEY_FILE);
  let created = false;
  let pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (pem === null) {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const fresh = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, fresh, { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
    pem = await readFile(file, 'utf8');
  }
  try {
    return { file, privateKey: privateKeyFromPem(pem, file), created };
  } catch (error) {
    throw new Error(`${(error as Error).message}. Delete it to have a new development key made.`);
  }
}
