// The hostile-input battery: for every operation of the committed OpenAPI document, public and admin, requests
// generated from its schema (valid-ish and hostile, see test/setup/openapi-requests.ts) through the real Fastify stack.
// Every answer: no 5xx; every 4xx a status the operation documents, in the one problem+json shape with a code of
// problem-types.ts; every 2xx a documented status whose body validates against the document. Fixed seed (HOSTILE_SEED
// to change it, printed either way) and HOSTILE_RUNS requests per operation; the totals are printed as
// `hostile: N generated requests, M 5xx`.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SCOPES } from '../../src/auth/scopes.js';
import { createKey } from '../setup/api-keys.js';
import { type Answer, endpointsOf, type KnownValues, type OpenApiDocument, requestsFor, ResponseChecker } from '../setup/openapi-requests.js';
import { publishNow } from '../setup/publications.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const endpoints = endpointsOf(document);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261202);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const source = { url: 'https://example.org/decision', readOn: '2026-11-24', confidence: 'verified' };
const legalBasis = 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)';

let t: TestApp;
let dir: string;
let apiKey: string;
let checker: ResponseChecker;
const known: KnownValues = { uuids: [], keyIds: [], serials: [], fileNames: [], deltaNames: [], signingKeyIds: [], etags: [] };
const totals = { requests: 0, serverErrors: 0, byStatus: new Map<number, number>() };

/** Every string of `value` (deeply) under a key named `key` that passes `test`. */
function collect(value: unknown, key: string, test: (s: string) => boolean, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collect(v, key, test, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string' && test(v)) into.add(v);
      else collect(v, key, test, into);
    }
  }
  return into;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-'));
  // Limits raised so the battery is never throttled: a 429 would hide what the route itself answers.
  t = await createTestApp({
    RATE_LIMIT_PER_MINUTE: '10000000',
    VERIFICATIONS_PER_MINUTE: '10000000',
    REPORTS_PER_HOUR: '1000',
    PUBLISHER: 'true',
    PUBLICATIONS_DIR: join(dir, 'publications'),
    PUBLISH_DEBOUNCE_MS: String(20 * 3600_000),
    SIGNING_DEV_KEY_DIR: join(dir, 'signing'),
  });
  const own = await createKey(t.app, [...SCOPES], 'hostile battery');
  apiKey = own.key;
  for (let i = 0; i < 3; i++) await createKey(t.app, ['audit:read'], `spare ${i}`);
  checker = new ResponseChecker(document);
  const auth = { authorization: `Bearer ${apiKey}` };

  // Two publications and a delta between them, so the publication routes have something to serve.
  const first = await publishNow(t.app);
  await request(t.server).post('/v1/admin/blocklist/entries').set(auth)
    .send({ legalBasis, source, entries: [{ kind: 'domain', value: 'hostile-battery.example', match: 'subtree' }] }).expect(201);
  const second = await publishNow(t.app);
  known.serials.push(first, second);
  known.deltaNames.push(`${first}-${second}.json`);
  const manifest = await request(t.server).get(`/v1/blocklist/${second}/manifest.json`).expect(200);
  known.fileNames.push(...(manifest.body.files as { name: string }[]).map((f) => f.name));
  known.etags.push(String(manifest.headers.etag));
  const file = await request(t.server).get(`/v1/blocklist/${second}/${known.fileNames[0]}`).expect(200);
  known.etags.push(String(file.headers.etag));

  await request(t.server).post('/v1/verifications').set(auth).send({ bin: 'DEMO-BIN-0002' }).expect(200);
  const uuids = new Set<string>();
  for (const path of ['/v1/firms?limit=100', '/v1/blocked-entities?limit=100', '/v1/warnings?limit=100', '/v1/blocklist/entries?limit=100', '/v1/admin/audit-events?limit=100']) {
    const res = await request(t.server).get(path).set(auth).expect(200);
    collect(res.body, 'id', (s) => UUID.test(s), uuids);
    collect(res.body, 'targetId', (s) => UUID.test(s), uuids);
  }
  known.uuids.push(...uuids);
  // Never its own key: a revocation generated with it would turn every later admin request into a 401.
  const keys = await request(t.server).get('/v1/admin/api-keys').set(auth).expect(200);
  known.keyIds.push(...(keys.body as { id: string }[]).map((k) => k.id).filter((id) => id !== own.id));
  const signing = await request(t.server).get('/v1/signing-keys').expect(200);
  known.signingKeyIds.push(...collect(signing.body, 'keyId', () => true, new Set()));
  console.log(`hostile: seed ${SEED}, ${RUNS} runs per operation, ${endpoints.length} operations (HOSTILE_SEED, HOSTILE_RUNS)`);
}, 60_000);

afterAll(async () => {
  const statuses = [...totals.byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
  console.log(`hostile: ${totals.requests} generated requests, ${totals.serverErrors} 5xx (${statuses})`);
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Operations whose success needs what the generator does not build from the schema alone, so that their generated
 * requests meet only refusals (each refusal still checked): a write whose body must hold a cross-field whole (a
 * domain with its match kind and a legal basis, a licence with its regulator and dates), an amendment that must name
 * the record's current version in If-Match, a change of state that must be a legal transition from the current one,
 * a record picked by id among many ids of other kinds (warnings, receipts). Their successes are tested in their own
 * files (admin-*.e2e, warnings.e2e, receipts.e2e).
 */
const SUCCESS_NOT_GENERATED = new Set([
  'addBlocklistEntries',
  'removeBlocklistEntries',
  'amendBlockedEntity',
  'liftBlock',
  'amendWarning',
  'getWarning',
  'updateFirm',
  'grantLicence',
  'changeLicenceStatus',
  'getReceipt',
]);

describe('every operation of openapi/openapi.json, generated requests', () => {
  it.each(endpoints.map((endpoint, index) => [`${endpoint.method} ${endpoint.path} (${endpoint.operation.operationId})`, endpoint, index] as const))(
    '%s',
    async (_label, endpoint, index) => {
      let successes = 0;
      const property = fc.asyncProperty(requestsFor(endpoint, document, known, { apiKey }), async (generated) => {
        const res = await t.app.inject({ method: generated.method as 'GET', url: generated.url, headers: generated.headers, payload: generated.payload });
        totals.requests++;
        totals.byStatus.set(res.statusCode, (totals.byStatus.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) totals.serverErrors++;
        if (res.statusCode < 300 || res.statusCode === 304) successes++;
        const answer: Answer = { statusCode: res.statusCode, headers: res.headers, body: res.body };
        const wrong = checker.violations(endpoint, answer);
        if (wrong.length > 0) {
          throw new Error(`${generated.method} ${generated.url.slice(0, 500)}\n${wrong.join('\n')}\nanswer: ${res.body.slice(0, 800)}`);
        }
      });
      // One seed per operation, derived from SEED: an operation's requests do not change when another is added.
      await fc.assert(property, { seed: SEED + index, numRuns: RUNS, endOnFailure: process.env.HOSTILE_SHRINK !== 'true' });
      // A schema check that never met a success proves nothing of that operation's answers: every operation the
      // generator can build a valid request for must have had at least one.
      if (!SUCCESS_NOT_GENERATED.has(String(endpoint.operation.operationId))) expect({ operation: endpoint.operation.operationId, successes: successes > 0 }).toEqual({ operation: endpoint.operation.operationId, successes: true });
    },
    60_000,
  );
});
