import { describe, expect, it } from '@jest/globals';
import { CsvInputError, parseVerificationCsv, prefersCsv } from './verification-csv.js';

describe('parseVerificationCsv', () => {
  it('reads each row as the fields it fills, in any column order, quoted cells and a BOM included', () => {
    const text = '\uFEFFname,reference,bin\r\n"Bybit, Ltd",r1,\r\nБайбит,r2,DEMO-BIN-0002\r\n';
    expect(parseVerificationCsv(text)).toEqual([
      { name: 'Bybit, Ltd', reference: 'r1' },
      { name: 'Байбит', reference: 'r2', bin: 'DEMO-BIN-0002' },
    ]);
  });

  it('refuses a broken quote naming the line', () => {
    const read = () => parseVerificationCsv('reference,name\nr1,"Bybit\nr2,Binance\n');
    expect(read).toThrow(CsvInputError);
    expect(read).toThrow(/^The CSV cannot be read at line 2: Quote Not Closed/);
  });

  it('refuses a header without reference, with an unknown column or a repeated one', () => {
    expect(() => parseVerificationCsv('name,bin\nx,y\n')).toThrow('The CSV header (line 1) is wrong: it has no reference column. Columns: reference, bin, lei, licenceNumber, name, domain, asOf (reference required)');
    expect(() => parseVerificationCsv('reference,nmae\nr1,x\n')).toThrow('The CSV header (line 1) is wrong: unknown column "nmae". Columns: reference, bin, lei, licenceNumber, name, domain, asOf (reference required)');
    expect(() => parseVerificationCsv('reference,name,name\nr1,x,y\n')).toThrow(/column "name" appears twice/);
  });

  it('refuses a row with more cells than the header', () => {
    expect(() => parseVerificationCsv('reference,name\nr1,x,extra\n')).toThrow(/^The CSV cannot be read at line 2: Invalid Record Length/);
  });
});

describe('prefersCsv', () => {
  it('answers CSV only when Accept prefers it to JSON', () => {
    expect([prefersCsv(undefined), prefersCsv('*/*'), prefersCsv('text/csv'), prefersCsv('application/json, text/csv;q=0.5'), prefersCsv('text/csv, application/json;q=0.1')]).toEqual([false, false, true, false, true]);
  });
});
