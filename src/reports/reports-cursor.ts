// The opaque cursor of `/v1/admin/reports`: the last (count, target) of the page before.
import { decodeOpaqueCursor, encodeOpaqueCursor } from '../platform/http/opaque-cursor.js';

export interface ReportsCursor {
  count: number;
  target: string;
}

export function encodeReportsCursor(cursor: ReportsCursor): string {
  return encodeOpaqueCursor({ c: cursor.count, t: cursor.target });
}

/** The cursor `text` stands for, or null when it is not one this service wrote. */
export function decodeReportsCursor(text: string): ReportsCursor | null {
  const fields = decodeOpaqueCursor(text);
  if (!fields) return null;
  const { c, t } = fields;
  if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 1 || typeof t !== 'string' || t === '') return null;
  return { count: c, target: t };
}
