// The opaque cursor of `/v1/admin/reports`: the last (count, target) of the page before, base64url JSON.
export interface ReportsCursor {
  count: number;
  target: string;
}

export function encodeReportsCursor(cursor: ReportsCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, c: cursor.count, t: cursor.target })).toString('base64url');
}

/** The cursor `text` stands for, or null when it is not one this service wrote. */
export function decodeReportsCursor(text: string): ReportsCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { v, c, t } = parsed as Record<string, unknown>;
  if (v !== 1 || typeof c !== 'number' || !Number.isSafeInteger(c) || c < 1 || typeof t !== 'string' || t === '') return null;
  return { count: c, target: t };
}
