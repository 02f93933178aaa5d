// Signed receipts of bank verifications (issue 12), on the real stack: issued through ReceiptsService (as the
// verification routes issue them), fetched only by the key they were issued to, verified by the public route, and
// verified offline by tools other than the signer (node:crypto): jose against the JWK set served, openssl against the
// PEM served, over `header.payload`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { SigningService } from '../../src/platform/signing/signing.service.js';
import { RECEIPT_ISSUER, type ReceiptPayload, receiptPayloadBytes } from '../../src/verification/receipts/receipt-token.js';
import { type IssuedReceipt, ReceiptsService } from '../../src/verification/receipts/receipts.service.js';
import { createKey } from '../setup/api-keys.js';
import { superuserDataSource } from '../setup/database.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const run = promisify(execFile);
const PROBLEM = 'application/problem+json; charset=utf-8';
const dir = mkdtempSync(join(tmpdir(), 'receipts-e2e-'));
const write = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

let t: TestApp;
let receipts: ReceiptsService;
const bank = { a: { id: '', auth: '' }, b: { id: '', auth: '' } };
let noScope: string;
let own: IssuedReceipt;
let anonymous: IssuedReceipt;
let batch: IssuedReceipt;
const SINGLE = { query: { q: 'binance-kz.com' }, result: { verdict: 'blocked', target: 'binance-kz.com', note: 'Қазақстан' } };
const BATCH_QUERY = { items: Array.from({ length: 1000 }, (_, i) => ({ q: `https://login-${i}.binance-kz.example/account?session=${'x'.repeat(400)}` })) };
const BATCH_RESULT = { items: BATCH_QUERY.items.map((item, i) => ({ index: i, q: item.q, verdict: 'unknown', reason: 'Not on the blocklist and no licensed firm names it; not proof that it is safe.' })) };

beforeAll(async () => {
  t = await createTestApp();
  receipts = t.app.get(ReceiptsService);
  for (const [name, which] of [['bank A', bank.a], ['bank B', bank.b]] as const) {
    const key = await createKey(t.app, ['verifications:use'], name);
    which.id = key.id;
    which.auth = `Bearer ${key.key}`;
  }
  noScope = `Bearer ${(await createKey(t.app, ['audit:read'])).key}`;
  own = await receipts.issue({ kind: 'single', bankKeyId: bank.a.id, serial: 2, ...SINGLE });
  anonymous = await receipts.issue({ kind: 'single', bankKeyId: null, serial: 2, ...SINGLE });
  batch = await receipts.issue({ kind: 'batch', bankKeyId: bank.a.id, serial: 2, query: BATCH_QUERY, result: BATCH_RESULT });
});
afterAll(async () => {
  await t.close();
});

const payloadOf = (r: IssuedReceipt, kind: 'single' | 'batch', body: { query: unknown; result: unknown }): ReceiptPayload => ({
  receiptId: r.id,
  issuedAt: r.issuedAt,
  issuer: RECEIPT_ISSUER,
  kind,
  serial: 2,
  query: body.query,
  result: body.result,
});
const getReceipt = (id: string, auth?: string) => {
  const req = request(t.server).get(`/v1/receipts/${id}`);
  return auth ? req.set('authorization', auth) : req;
};
const verify = (body: object) => request(t.server).post('/v1/receipts/verify').send(body);
const withoutRequest = (body: Record<string, unknown>) => ({ ...body, requestId: '(request)' });

describe('the table', () => {
  it('stores each receipt once, as it was returned, and refuses UPDATE, DELETE and TRUNCATE (append-only)', async () => {
    // The trigger, which holds whoever connects: a superuser's connection (the service has no UPDATE or DELETE here).
    const db = await superuserDataSource(t.databaseUrl);
    const rows = (await db.query(
      `SELECT "id", "bank_key_id", "kind", "serial", "key_id", "issued_at", "jws" FROM "verification_receipts" ORDER BY "id"`,
    )) as Record<string, unknown>[];
    const { keyId } = own;
    expect(rows).toEqual(
      [own, anonymous, batch].map((r, i) => ({
        id: r.id,
        bank_key_id: i === 1 ? null : bank.a.id,
        kind: i === 2 ? 'batch' : 'single',
        serial: '2',
        key_id: keyId,
        issued_at: new Date(r.issuedAt),
        jws: r.jws,
      })),
    );
    await expect(db.query(`UPDATE "verification_receipts" SET "jws" = 'x' WHERE "id" = $1`, [own.id])).rejects.toMatchObject({
      code: '23001',
      message: 'verification_receipts is append-only (UPDATE refused)',
    });
    await expect(db.query(`DELETE FROM "verification_receipts" WHERE "id" = $1`, [own.id])).rejects.toMatchObject({
      code: '23001',
      message: 'verification_receipts is append-only (DELETE refused)',
    });
    await expect(db.query(`TRUNCATE "verification_receipts"`)).rejects.toMatchObject({
      code: '23001',
      message: 'verification_receipts is append-only (TRUNCATE refused)',
    });
    expect((await db.query(`SELECT count(*)::int AS n FROM "verification_receipts"`))[0].n).toBe(3);
    await db.destroy();
  });
});

describe('GET /v1/receipts/{id}', () => {
  it('gives the key it was issued to its receipt: the JWS and its payload decoded', async () => {
    const res = await getReceipt(own.id, bank.a.auth).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ id: own.id, issuedAt: own.issuedAt, serial: 2, kind: 'single', keyId: own.keyId, receipt: own.jws, payload: payloadOf(own, 'single', SINGLE) });
    const big = await getReceipt(batch.id, bank.a.auth).expect(200);
    expect(big.body.receipt).toBe(batch.jws);
    expect(big.body.payload).toEqual(payloadOf(batch, 'batch', { query: BATCH_QUERY, result: BATCH_RESULT }));
  });

  it("answers another bank's receipt, an anonymous receipt and an unknown id with the same 404", async () => {
    const unknown = '019ad8f2-4c1b-7e3a-9b2d-5f60718293a4';
    const missing = await getReceipt(unknown, bank.b.auth).expect(404);
    expect(missing.headers['content-type']).toBe(PROBLEM);
    expect(withoutRequest(missing.body)).toEqual({
      type: 'http://localhost:3000/problems/receipt-not-found',
      title: 'Not found',
      status: 404,
      detail: `This API key was issued no receipt with the id ${unknown}.`,
      instance: `/v1/receipts/${unknown}`,
      code: 'receipt-not-found',
      requestId: '(request)',
    });
    // The same answer, the id aside, so nothing tells a bank that another bank's receipt exists.
    const sameAs = (id: string) => JSON.parse(JSON.stringify(withoutRequest(missing.body)).replaceAll(unknown, id));
    const others = await getReceipt(own.id, bank.b.auth).expect(404);
    expect(withoutRequest(others.body)).toEqual(sameAs(own.id));
    const anon = await getReceipt(anonymous.id, bank.a.auth).expect(404);
    expect(withoutRequest(anon.body)).toEqual(sameAs(anonymous.id));
    expect(Object.keys(others.headers).sort()).toEqual(Object.keys(missing.headers).sort());
  });

  it('needs a key (401) with verifications:use (403), and a UUID (400)', async () => {
    const none = await getReceipt(own.id).expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'unauthorized' });
    const forbidden = await getReceipt(own.id, noScope).expect(403);
    expect(forbidden.body).toMatchObject({ status: 403, code: 'forbidden' });
    const bad = await getReceipt('not-a-uuid', bank.a.auth).expect(400);
    expect(bad.body).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ field: 'id', messages: ['id must be a UUID'] }] });
  });
});

describe('POST /v1/receipts/verify', () => {
  it('says a receipt it signed is valid, with its fields, and that it holds it; no key needed', async () => {
    const res = await verify({ receipt: own.jws }).expect(200);
    expect(res.body).toEqual({
      valid: true,
      receiptId: own.id,
      keyId: own.keyId,
      issuedAt: own.issuedAt,
      serial: 2,
      kind: 'single',
      payload: payloadOf(own, 'single', SINGLE),
      stored: true,
    });
  });

  it('verifies a batch receipt of 1,000 items (well over a megabyte) in one request', async () => {
    expect(batch.jws.length).toBeGreaterThan(1_000_000);
    const res = await verify({ receipt: batch.jws }).expect(200);
    expect(res.body).toMatchObject({ valid: true, receiptId: batch.id, kind: 'batch', stored: true });
    expect(res.body.payload.result.items).toHaveLength(1000);
  });

  it('says bad-signature for a receipt whose payload changed by one character', async () => {
    const [header, payload, signature] = own.jws.split('.') as [string, string, string];
    const at = Math.floor(payload.length / 2);
    const changed = `${header}.${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}.${signature}`;
    expect((await verify({ receipt: changed }).expect(200)).body).toEqual({
      valid: false,
      reason: 'bad-signature',
      message: `The signature does not verify with the key ${own.keyId}: the receipt was changed after it was signed, or the registry did not sign it.`,
    });
  });

  it('says malformed for garbage and unknown-key for a kid it never had', async () => {
    expect((await verify({ receipt: 'garbage' }).expect(200)).body).toEqual({
      valid: false,
      reason: 'malformed',
      message: 'A receipt is a compact JWS: three base64url parts joined by dots (header.payload.signature).',
    });
    const [, payload, signature] = own.jws.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'registry-1999' })).toString('base64url');
    expect((await verify({ receipt: `${header}.${payload}.${signature}` }).expect(200)).body).toMatchObject({ valid: false, reason: 'unknown-key' });
  });

  it('says stored: false for a valid receipt this registry does not hold', async () => {
    // Signed by the registry's key, never stored (as one another instance's database holds).
    const payload: ReceiptPayload = { ...payloadOf(own, 'single', SINGLE), receiptId: '019ad8f2-4c1b-7e3a-9b2d-5f60718293a4' };
    const elsewhere = t.app.get(SigningService).compactJws(receiptPayloadBytes(payload), 2);
    expect((await verify({ receipt: elsewhere }).expect(200)).body).toMatchObject({ valid: true, receiptId: payload.receiptId, stored: false });
  });

  it('refuses a body without a receipt string, or with other fields (400)', async () => {
    expect((await verify({}).expect(400)).body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'receipt' }] });
    expect((await verify({ receipt: 7 }).expect(400)).body.errors).toEqual([
      { field: 'receipt', messages: ['receipt must be shorter than or equal to 4194304 characters', 'receipt must be a string'] },
    ]);
    expect((await verify({ receipt: own.jws, note: 'x' }).expect(400)).body.errors).toEqual([{ field: 'note', messages: ['property note should not exist'] }]);
  });
});

describe('offline, with other tools than the signer', () => {
  it('jose verifies a receipt against the JWK set served at /.well-known/jwks.json', async () => {
    const jwks = (await request(t.server).get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet;
    for (const r of [own, batch]) {
      const { payload, protectedHeader } = await compactVerify(r.jws, createLocalJWKSet(jwks));
      expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: r.keyId });
      expect(JSON.parse(Buffer.from(payload).toString('utf8')).receiptId).toBe(r.id);
    }
    const [header, payload, signature] = own.jws.split('.') as [string, string, string];
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"blocked"', '"licensed"')).toString('base64url');
    await expect(compactVerify(`${header}.${forged}.${signature}`, createLocalJWKSet(jwks))).rejects.toThrow('signature verification failed');
  });

  it('openssl verifies the signature over header.payload with the PEM from /v1/signing-keys/{kid}.pem', async () => {
    const pem = await request(t.server).get(`/v1/signing-keys/${own.keyId}.pem`).expect(200);
    const key = write('key.pem', pem.text);
    const [header, payload, signature] = own.jws.split('.') as [string, string, string];
    const input = write('input.txt', `${header}.${payload}`);
    const sig = write('input.sig', Buffer.from(signature, 'base64url'));
    const openssl = (data: string) => run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', key, '-rawin', '-in', data, '-sigfile', sig]);
    expect((await openssl(input)).stdout).toBe('Signature Verified Successfully\n');
    const changed = write('changed.txt', `${header}.${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`);
    await expect(openssl(changed)).rejects.toMatchObject({ code: 1, stdout: 'Signature Verification Failure\n' });
  });
});
