// The day a verification answers for: today in Kazakhstan unless the bank names one, never in the future, never before
// the registry's first record (the registry cannot say how things stood before it knew anything).
import type { FieldProblem } from '../platform/http/problem.js';
import { localise } from '../platform/i18n/translate.js';
import { AS_OF_MESSAGES } from './verification.messages.js';

/** What is wrong with `day` as an `asOf` (field `field`), or null: future, or before `earliest` (null: no records). */
export function asOfProblem(field: string, day: string, today: string, earliest: string | null): FieldProblem | null {
  if (day > today) return { field, messages: [localise(AS_OF_MESSAGES, 'future', { field, day, today })] };
  if (earliest !== null && day < earliest) return { field, messages: [localise(AS_OF_MESSAGES, 'before-records', { field, day, earliest })] };
  return null;
}
