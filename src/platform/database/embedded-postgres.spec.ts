import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, chmod, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderClosedToPostgres, runningPostmaster } from './embedded-postgres.js';

describe('folderClosedToPostgres', () => {
  it('names the first root-owned folder others may not enter, as /root is', async () => {
    const base = await mkdtemp(join(tmpdir(), 'kz-closed-'));
    try {
      await chmod(base, 0o755);
      await mkdir(join(base, 'home/project/.data'), { recursive: true });
      await chmod(join(base, 'home'), 0o700);
      const closed = folderClosedToPostgres(join(base, 'home/project/.data/postgres'));
      // Only root-owned folders are judged: the test's own folders are root's only when the test runs as root.
      expect(closed).toBe(process.getuid?.() === 0 ? join(base, 'home') : null);
      await chmod(join(base, 'home'), 0o755);
      expect(folderClosedToPostgres(join(base, 'home/project/.data/postgres'))).toBeNull();
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('runningPostmaster', () => {
  it('reads the pid and port of a live postmaster, and ignores a stale pid file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kz-pid-'));
    try {
      expect(await runningPostmaster(dir)).toBeNull();
      await writeFile(join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n1700000000\n54329\n/tmp\n`);
      expect(await runningPostmaster(dir)).toEqual({ pid: process.pid, port: 54329 });
      await writeFile(join(dir, 'postmaster.pid'), `999999999\n${dir}\n1700000000\n54329\n`);
      expect(await runningPostmaster(dir)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
