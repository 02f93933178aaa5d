// Fault injection for test/e2e/idempotency-crash.e2e-spec.ts, preloaded with `node --import <this file>` before
// dist/src/main.js: the server process dies by SIGKILL at the COMMIT of the first transaction that claimed an
// Idempotency-Key, without any change to production code.
//   KZ_CRASH_AT=after-commit   COMMIT reaches PostgreSQL and succeeds, then the process dies before anyone hears of it
//   KZ_CRASH_AT=before-commit  the process dies instead of sending COMMIT (the transaction is left open, then aborted)
// Without KZ_CRASH_AT this file does nothing.
import { writeSync } from 'node:fs';
import pg from 'pg'; // the same CJS instance TypeORM loads with require('pg')

const mode = process.env.KZ_CRASH_AT;
if (mode && mode !== 'after-commit' && mode !== 'before-commit') {
  throw new Error(`KZ_CRASH_AT must be after-commit or before-commit, not ${JSON.stringify(mode)}`);
}

if (mode) {
  const CLAIM = /INSERT\s+INTO\s+"?idempotency_keys"?/i;
  const COMMIT = /^\s*(COMMIT|END)\s*;?\s*$/i;
  const ROLLBACK = /^\s*ROLLBACK\s*;?\s*$/i;
  /** Clients whose open transaction claimed an Idempotency-Key. */
  const claimed = new WeakSet();
  const original = pg.Client.prototype.query;

  const die = () => {
    // Written synchronously, so the test can see the fault fired here and not somewhere else.
    writeSync(2, `crash-at-commit: SIGKILL ${mode}\n`);
    // SIGKILL sent to oneself is delivered before kill(2) returns: nothing after this runs.
    process.kill(process.pid, 'SIGKILL');
  };
  const never = () => new Promise(() => {});

  pg.Client.prototype.query = function query(config, values, callback) {
    const text = typeof config === 'string' ? config : typeof config?.text === 'string' ? config.text : '';
    if (CLAIM.test(text)) claimed.add(this);
    else if (ROLLBACK.test(text)) claimed.delete(this);
    if (!COMMIT.test(text) || !claimed.has(this)) return original.apply(this, arguments);
    claimed.delete(this);

    if (mode === 'before-commit') {
      die();
      return never();
    }

    // after-commit: let COMMIT run and succeed, then die instead of telling the caller.
    const cb = typeof values === 'function' ? values : typeof callback === 'function' ? callback : undefined;
    if (cb) {
      const wrapped = (error, result) => (error ? cb(error, result) : die());
      return typeof values === 'function' ? original.call(this, config, wrapped) : original.call(this, config, values, wrapped);
    }
    if (config !== null && typeof config === 'object' && typeof config.callback === 'function') {
      const own = config.callback;
      config.callback = (error, result) => (error ? own(error, result) : die());
      return original.apply(this, arguments);
    }
    const result = original.apply(this, arguments);
    if (result && typeof result.then === 'function') {
      return result.then(() => {
        die();
        return never();
      });
    }
    return result;
  };
}
