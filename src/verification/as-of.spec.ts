import { describe, expect, it } from '@jest/globals';
import { asOfProblem } from './as-of.js';

describe('asOfProblem', () => {
  it('refuses a day in the future and one before the earliest record, naming the field', () => {
    expect(asOfProblem('asOf', '2026-12-02', '2026-12-02', '2023-01-01')).toBeNull();
    expect(String(asOfProblem('asOf', '2026-12-03', '2026-12-02', null)!.messages[0])).toBe(
      'asOf 2026-12-03 is in the future (today in Kazakhstan is 2026-12-02): the registry answers for days that have happened',
    );
    const before = asOfProblem('items.3.asOf', '2022-12-31', '2026-12-02', '2023-01-01')!;
    expect([before.field, String(before.messages[0])]).toEqual(['items.3.asOf', "items.3.asOf 2022-12-31 is before the registry's earliest record (2023-01-01): it cannot say how things stood then"]);
  });
});
