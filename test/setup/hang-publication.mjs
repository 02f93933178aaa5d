// Fault injection for test/e2e/replicas.e2e-spec.ts, preloaded with `node --import <this file>` before
// dist/src/main.js: while the file KZ_HANG_PUBLICATION_FLAG names exists, the INSERT of a publication's row never
// runs, so the publishing instance stays inside the publisher lock (its files rendered, its row not committed) until the
// test kills it. Without KZ_HANG_PUBLICATION_FLAG this file does nothing; production code is unchanged.
import { existsSync, writeSync } from 'node:fs';
import pg from 'pg'; // the same CJS instance TypeORM loads with require('pg')

const flag = process.env.KZ_HANG_PUBLICATION_FLAG;

if (flag) {
  const INSERT = /^\s*INSERT\s+INTO\s+"?blocklist_publications"?/i;
  const original = pg.Client.prototype.query;

  pg.Client.prototype.query = function query(config) {
    const text = typeof config === 'string' ? config : typeof config?.text === 'string' ? config.text : '';
    if (!INSERT.test(text) || !existsSync(flag)) return original.apply(this, arguments);
    // Written synchronously, so the test can tell which instance holds the lock.
    writeSync(2, 'hang-publication: holding the publisher lock\n');
    return new Promise(() => {});
  };
}
