import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { prepareKeys, SigningService } from '../../platform/signing/signing.service.js';
import type { ReceiptEntity } from './receipt.entity.js';
import type { NewReceipt, ReceiptsRepository } from './receipts.repository.js';
import { ReceiptsService } from './receipts.service.js';

/** The repository as a list in memory, answering as the SQL does. */
class FakeReceipts implements Pick<ReceiptsRepository, 'add' | 'getByIdForBank' | 'holds'> {
  readonly rows: NewReceipt[] = [];
  readonly managers: unknown[] = [];
  async add(receipt: NewReceipt, manager?: unknown): Promise<void> {
    this.rows.push(receipt);
    this.managers.push(manager);
  }
  async getByIdForBank(id: string, bankKeyId: string): Promise<ReceiptEntity | null> {
    const row = this.rows.find((r) => r.id === id && r.bankKeyId === bankKeyId);
    return row ? { ...row, serial: String(row.serial) } : null;
  }
  async holds(id: string, jws: string): Promise<boolean> {
    return this.rows.some((r) => r.id === id && r.jws === jws);
  }
}

const keyring = async () => {
  const [older, newer] = [generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('ed25519').privateKey];
  return new SigningService(
    await prepareKeys([
      { fromSerial: 0, privateKey: older, publicKey: createPublicKey(older), source: 'test', keyId: 'registry-2026' },
      { fromSerial: 100, privateKey: newer, publicKey: createPublicKey(newer), source: 'test', keyId: 'registry-2027' },
    ]),
  );
};
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ReceiptsService', () => {
  it('issues a receipt: a UUIDv7 made before signing, signed by the key of the serial, stored once as it was returned', async () => {
    const signing = await keyring();
    const repository = new FakeReceipts();
    const service = new ReceiptsService(signing, repository as unknown as ReceiptsRepository);
    const manager = { marker: 'the caller transaction' };
    const before = Date.now();
    const issued = await service.issue({ kind: 'batch', bankKeyId: 'k3dax2q7m4pa', serial: 100, query: { items: ['a.example'] }, result: { items: [{ verdict: 'unknown' }] } }, manager as never);
    expect(issued.id).toMatch(UUID_V7);
    expect(Date.parse(issued.issuedAt)).toBeGreaterThanOrEqual(before);
    expect(issued.issuedAt).toBe(new Date(issued.issuedAt).toISOString());
    expect(issued).toEqual({ id: issued.id, issuedAt: issued.issuedAt, serial: 100, keyId: 'registry-2027', jws: issued.jws });
    expect(repository.rows).toEqual([
      { id: issued.id, bankKeyId: 'k3dax2q7m4pa', kind: 'batch', serial: 100, keyId: 'registry-2027', issuedAt: new Date(issued.issuedAt), jws: issued.jws },
    ]);
    expect(repository.managers).toEqual([manager]);
    const verified = await compactVerify(issued.jws, createLocalJWKSet(signing.jwks() as JSONWebKeySet));
    expect(verified.protectedHeader).toEqual({ alg: 'EdDSA', kid: 'registry-2027' });
    expect(JSON.parse(Buffer.from(verified.payload).toString())).toEqual({
      receiptId: issued.id,
      issuedAt: issued.issuedAt,
      issuer: 'kz-crypto-registry',
      kind: 'batch',
      serial: 100,
      query: { items: ['a.example'] },
      result: { items: [{ verdict: 'unknown' }] },
    });
    const older = await service.issue({ kind: 'single', bankKeyId: null, serial: 99, query: undefined, result: { verdict: 'unknown' } });
    expect(older.keyId).toBe('registry-2026');
    expect(JSON.parse(Buffer.from(older.jws.split('.')[1]!, 'base64url').toString()).query).toBeNull();
  });

  it('verifies what it issued, says whether it holds it, and reads a changed receipt as invalid', async () => {
    const signing = await keyring();
    const repository = new FakeReceipts();
    const service = new ReceiptsService(signing, repository as unknown as ReceiptsRepository);
    const issued = await service.issue({ kind: 'single', bankKeyId: null, serial: 5, query: { q: 'okx.com' }, result: { verdict: 'warned' } });
    const payload = { receiptId: issued.id, issuedAt: issued.issuedAt, issuer: 'kz-crypto-registry', kind: 'single', serial: 5, query: { q: 'okx.com' }, result: { verdict: 'warned' } };
    expect(await service.verify(issued.jws)).toEqual({
      valid: true,
      receiptId: issued.id,
      keyId: 'registry-2026',
      issuedAt: issued.issuedAt,
      serial: 5,
      kind: 'single',
      payload,
      stored: true,
    });
    repository.rows.length = 0;
    expect(await service.verify(issued.jws)).toMatchObject({ valid: true, stored: false });
    const [header, , signature] = issued.jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, result: { verdict: 'licensed' } })).toString('base64url');
    expect(await service.verify(`${header}.${forged}.${signature}`)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('gives a receipt to the key it was issued to only: another key, an anonymous receipt and an unknown id are the same 404', async () => {
    const repository = new FakeReceipts();
    const service = new ReceiptsService(await keyring(), repository as unknown as ReceiptsRepository);
    const own = await service.issue({ kind: 'single', bankKeyId: 'bankaaaaaaaa', serial: 3, query: { q: 'x.example' }, result: { verdict: 'unknown' } });
    const anonymous = await service.issue({ kind: 'single', bankKeyId: null, serial: 3, query: { q: 'x.example' }, result: { verdict: 'unknown' } });
    expect(await service.get(own.id, 'bankaaaaaaaa')).toEqual({
      id: own.id,
      issuedAt: own.issuedAt,
      serial: 3,
      kind: 'single',
      keyId: 'registry-2026',
      receipt: own.jws,
      payload: { receiptId: own.id, issuedAt: own.issuedAt, issuer: 'kz-crypto-registry', kind: 'single', serial: 3, query: { q: 'x.example' }, result: { verdict: 'unknown' } },
    });
    for (const [id, key] of [[own.id, 'bankbbbbbbbb'], [anonymous.id, 'bankaaaaaaaa'], ['019ad8f2-4c1b-7e3a-9b2d-5f60718293a4', 'bankaaaaaaaa']] as const) {
      await expect(service.get(id, key)).rejects.toMatchObject({ code: 'receipt-not-found', status: 404, message: `This API key was issued no receipt with the id ${id}.` });
    }
  });
});
