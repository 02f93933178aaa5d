// Receipts shown in the OpenAPI document: a real receipt, signed with the Ed25519 test key of RFC 8037 (appendix A,
// kid = its thumbprint, the example key of /.well-known/jwks.json), so the example verifies as the text says;
// receipts.examples.spec.ts holds it to that.
import type { InvalidReceiptCheckDto, ReceiptDto, ValidReceiptCheckDto } from './receipts.dto.js';

export const EXAMPLE_KEY_ID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

const PAYLOAD = {
  receiptId: '019ad8f2-4c1b-7e3a-9b2d-5f60718293a4',
  issuedAt: '2026-12-02T09:00:00.000Z',
  issuer: 'kz-crypto-registry' as const,
  kind: 'single' as const,
  serial: 2,
  query: {"bin": "DEMO-BIN-0002", "asOf": "2026-12-02"},
  result: {
    "status": "licensed",
    "asOf": "2026-12-02",
    "score": 1,
    "match": {
      "kind": "firm",
      "id": "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60",
      "name": "Bybit Kazakhstan",
      "bin": "DEMO-BIN-0002",
      "lei": null,
      "standing": "licensed",
      "licences": [
        {
          "id": "6b0e2a51-7f1d-4f43-9a8e-2c1b3d4e5f60",
          "number": "DEMO-AFSA-A-LA-2024-0003",
          "regulator": "AFSA",
          "activities": [],
          "status": "active",
          "since": "2024-01-01",
          "sincePrecision": "year",
          "sinceIsRecorded": false,
          "uncertain": false,
          "statusNow": "active"
        },
        {
          "id": "7c1f3b62-8a2e-4054-ab9f-3d2c4e5f6a71",
          "number": "DEMO-AFSA-A-LA-2023-0002",
          "regulator": "AFSA",
          "activities": [],
          "status": "unknown",
          "since": "2023-01-01",
          "sincePrecision": "year",
          "sinceIsRecorded": false,
          "uncertain": false,
          "statusNow": "unknown"
        }
      ],
      "href": "/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60"
    },
    "features": [
      {
        "feature": "bin",
        "value": "DEMO-BIN-0002",
        "matched": true,
        "score": 1,
        "explanation": "The BIN DEMO-BIN-0002 is this record’s."
      }
    ],
    "candidates": [
      {
        "kind": "firm",
        "id": "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60",
        "name": "Bybit Kazakhstan",
        "score": 1,
        "href": "/v1/firms/3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60"
      }
    ],
    "message": "Bybit Kazakhstan held an AIFC licence in force on 2026-12-02."
  },
};

export const EXAMPLE_RECEIPT =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImtQcktfcW14VldhWVZBOXd3QkY2SXVvM3ZWeno3VHhIQ1R3WEJ5Z3JTNGsifQ.' +
  'eyJpc3N1ZWRBdCI6IjIwMjYtMTItMDJUMDk6MDA6MDAuMDAwWiIsImlzc3VlciI6Imt6LWNyeXB0by1yZWdpc3RyeSIsImtpbmQiOiJzaW5nbGUiLCJxdWVyeSI6eyJhc09mIjoiMjAyNi0xMi0wMiIsImJpbiI6IkRFTU8tQklOLTAwMDIifSwicmVjZWlwdElkIjoiMDE5YWQ4ZjItNGMxYi03ZTNhLTliMmQtNWY2MDcxODI5M2E0IiwicmVzdWx0Ijp7ImFzT2YiOiIyMDI2LTEyLTAyIiwiY2FuZGlkYXRlcyI6W3siaHJlZiI6Ii92MS9maXJtcy8zZjFjMmE5ZS04YjdkLTRjNmUtOWYwYS0xYjJjM2Q0ZTVmNjAiLCJpZCI6IjNmMWMyYTllLThiN2QtNGM2ZS05ZjBhLTFiMmMzZDRlNWY2MCIsImtpbmQiOiJmaXJtIiwibmFtZSI6IkJ5Yml0IEthemFraHN0YW4iLCJzY29yZSI6MX1dLCJmZWF0dXJlcyI6W3siZXhwbGFuYXRpb24iOiJUaGUgQklOIERFTU8tQklOLTAwMDIgaXMgdGhpcyByZWNvcmTigJlzLiIsImZlYXR1cmUiOiJiaW4iLCJtYXRjaGVkIjp0cnVlLCJzY29yZSI6MSwidmFsdWUiOiJERU1PLUJJTi0wMDAyIn1dLCJtYXRjaCI6eyJiaW4iOiJERU1PLUJJTi0wMDAyIiwiaHJlZiI6Ii92MS9maXJtcy8zZjFjMmE5ZS04YjdkLTRjNmUtOWYwYS0xYjJjM2Q0ZTVmNjAiLCJpZCI6IjNmMWMyYTllLThiN2QtNGM2ZS05ZjBhLTFiMmMzZDRlNWY2MCIsImtpbmQiOiJmaXJtIiwibGVpIjpudWxsLCJsaWNlbmNlcyI6W3siYWN0aXZpdGllcyI6W10sImlkIjoiNmIwZTJhNTEtN2YxZC00ZjQzLTlhOGUtMmMxYjNkNGU1ZjYwIiwibnVtYmVyIjoiREVNTy1BRlNBLUEtTEEtMjAyNC0wMDAzIiwicmVndWxhdG9yIjoiQUZTQSIsInNpbmNlIjoiMjAyNC0wMS0wMSIsInNpbmNlSXNSZWNvcmRlZCI6ZmFsc2UsInNpbmNlUHJlY2lzaW9uIjoieWVhciIsInN0YXR1cyI6ImFjdGl2ZSIsInN0YXR1c05vdyI6ImFjdGl2ZSIsInVuY2VydGFpbiI6ZmFsc2V9LHsiYWN0aXZpdGllcyI6W10sImlkIjoiN2MxZjNiNjItOGEyZS00MDU0LWFiOWYtM2QyYzRlNWY2YTcxIiwibnVtYmVyIjoiREVNTy1BRlNBLUEtTEEtMjAyMy0wMDAyIiwicmVndWxhdG9yIjoiQUZTQSIsInNpbmNlIjoiMjAyMy0wMS0wMSIsInNpbmNlSXNSZWNvcmRlZCI6ZmFsc2UsInNpbmNlUHJlY2lzaW9uIjoieWVhciIsInN0YXR1cyI6InVua25vd24iLCJzdGF0dXNOb3ciOiJ1bmtub3duIiwidW5jZXJ0YWluIjpmYWxzZX1dLCJuYW1lIjoiQnliaXQgS2F6YWtoc3RhbiIsInN0YW5kaW5nIjoibGljZW5zZWQifSwibWVzc2FnZSI6IkJ5Yml0IEthemFraHN0YW4gaGVsZCBhbiBBSUZDIGxpY2VuY2UgaW4gZm9yY2Ugb24gMjAyNi0xMi0wMi4iLCJzY29yZSI6MSwic3RhdHVzIjoibGljZW5zZWQifSwic2VyaWFsIjoyfQ.' +
  'NMd0NHDME3ZhD7I-GZBDr97RD4zBO5GqwnRvP8qQUtRtfGWSnw6Lqez5ss3olkuxoxsM6uxRS0m3FB_2n3ieDg';

export const RECEIPT_EXAMPLES: Record<string, { summary: string; value: ReceiptDto }> = {
  single: {
    summary: 'The receipt of a single verification',
    value: { id: PAYLOAD.receiptId, issuedAt: PAYLOAD.issuedAt, serial: 2, kind: 'single', keyId: EXAMPLE_KEY_ID, receipt: EXAMPLE_RECEIPT, payload: PAYLOAD },
  },
};

export const RECEIPT_CHECK_EXAMPLES: Record<string, { summary: string; value: ValidReceiptCheckDto | InvalidReceiptCheckDto }> = {
  valid: {
    summary: 'A receipt the registry signed and holds',
    value: { valid: true, receiptId: PAYLOAD.receiptId, keyId: EXAMPLE_KEY_ID, issuedAt: PAYLOAD.issuedAt, serial: 2, kind: 'single', payload: PAYLOAD, stored: true },
  },
  changed: {
    summary: 'A receipt changed after it was signed',
    value: {
      valid: false,
      reason: 'bad-signature',
      message: `The signature does not verify with the key ${EXAMPLE_KEY_ID}: the receipt was changed after it was signed, or the registry did not sign it.`,
    },
  },
  unknownKey: {
    summary: 'A receipt naming a key the registry never had',
    value: { valid: false, reason: 'unknown-key', message: 'No signing key of the registry has the id registry-1999: /.well-known/jwks.json lists every key, retired ones too.' },
  },
  malformed: {
    summary: 'Not a compact JWS',
    value: { valid: false, reason: 'malformed', message: 'A receipt is a compact JWS: three base64url parts joined by dots (header.payload.signature).' },
  },
};
