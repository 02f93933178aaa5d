// The registry's days are days in Kazakhstan: a licence changed "today", the day a record was made, the day a
// verification answers for. Kazakhstan has one time zone since 2024-03-01 (UTC+5, tz database Asia/Almaty), so the
// UTC date is the wrong day from 19:00 UTC on.

/** The time zone, for PostgreSQL too: `(recorded_at AT TIME ZONE '${KAZAKHSTAN_TIME_ZONE}')::date`. */
export const KAZAKHSTAN_TIME_ZONE = 'Asia/Almaty';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: KAZAKHSTAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Kazakhstan at `at`: today by default. */
export function dayInKazakhstan(at: Date = new Date()): string {
  return DAY.format(at);
}
