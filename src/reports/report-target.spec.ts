import { describe, expect, it } from '@jest/globals';
import { CanonicaliseError } from '../domain-names/canonicalise.js';
import { reportTarget } from './report-target.js';
import { decodeReportsCursor, encodeReportsCursor } from './reports-cursor.js';

describe('reportTarget', () => {
  it.each([
    ['https://login.binance-kz.com/account?x=1', { kind: 'domain', target: 'binance-kz.com', display: 'binance-kz.com' }],
    ['WWW.Binance-KZ.com.', { kind: 'domain', target: 'binance-kz.com', display: 'binance-kz.com' }],
    ['пример.рф/путь', { kind: 'domain', target: 'xn--e1afmkfd.xn--p1ai', display: 'пример.рф' }],
    ['192.0.2.10', { kind: 'ipv4', target: '192.0.2.10', display: '192.0.2.10' }],
    ['binance-kz.com:8443/x', { kind: 'domain', target: 'binance-kz.com', display: 'binance-kz.com' }],
    ['Байбит', { kind: 'name', target: 'baibit', display: 'Байбит' }],
    ['bybit kz', { kind: 'name', target: 'bybit kz', display: 'bybit kz' }],
    ['OKX', { kind: 'name', target: 'okx', display: 'OKX' }],
  ])('%s counts as %j', (q, expected) => {
    expect(reportTarget(q)).toEqual(expected);
  });

  it('refuses what is neither a visitable host nor a name, as the check does', () => {
    expect(() => reportTarget('javascript:alert(1)')).toThrow(CanonicaliseError);
    expect(() => reportTarget('!!!')).toThrow(CanonicaliseError);
  });
});

describe('reports cursor', () => {
  it('round-trips and refuses anything it did not write', () => {
    const cursor = encodeReportsCursor({ count: 3, target: 'binance-kz.com' });
    expect(decodeReportsCursor(cursor)).toEqual({ count: 3, target: 'binance-kz.com' });
    expect(decodeReportsCursor('bm9wZQ')).toBeNull();
    expect(decodeReportsCursor(Buffer.from(JSON.stringify({ v: 1, c: 0, t: 'x' })).toString('base64url'))).toBeNull();
    expect(decodeReportsCursor('not a cursor!')).toBeNull();
  });
});
