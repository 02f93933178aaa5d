// The day a verification answers for: today in Kazakhstan unless the bank names one, never in the future, never before
// the registry's first record (the registry cannot say how things stood before it knew anything).
import type { FieldProblem } from '../platform/http/problem.js';
import { localise } from '../platform/i18n/translate.js';
import { AS_OF_MESSAGES } from './verification.messages.js';

/** Kazakhstan's single time zone since 2024-03-01 (UTC+5, tz database Asia/Almaty). */
const KAZAKHSTAN = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date (YYYY-MM-DD) in Kazakhstan. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return KAZAKHSTAN.format(now);
}

/** What is wrong with `day` as an `asOf` (field `field`), or null: future, or before `earliest` (null: no records). */
export function asOfProblem(field: string, day: string, today: string, earliest: string | null): FieldProblem | null {
  if (day > today) return { field, messages: [localise(AS_OF_MESSAGES, 'future', { field, day, today })] };
  if (earliest !== null && day < earliest) return { field, messages: [localise(AS_OF_MESSAGES, 'before-records', { field, day, earliest })] };
  return null;
}
