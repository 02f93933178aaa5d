import { describe, expect, it } from '@jest/globals';
import { dayInKazakhstan } from './kazakhstan-day.js';

describe('dayInKazakhstan', () => {
  it('turns the day at 19:00 UTC (midnight in Astana, UTC+5)', () => {
    expect(dayInKazakhstan(new Date('2026-12-01T18:59:59Z'))).toBe('2026-12-01');
    expect(dayInKazakhstan(new Date('2026-12-01T19:00:00Z'))).toBe('2026-12-02');
    expect(dayInKazakhstan(new Date('2026-12-31T19:00:00Z'))).toBe('2027-01-01');
  });

  it("keeps the tz database's history: Astana and Almaty were at UTC+6 until 2024-03-01", () => {
    expect(dayInKazakhstan(new Date('2024-02-28T18:30:00Z'))).toBe('2024-02-29');
    expect(dayInKazakhstan(new Date('2024-03-01T18:30:00Z'))).toBe('2024-03-01');
  });
});
