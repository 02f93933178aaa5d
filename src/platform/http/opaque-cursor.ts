// The opaque cursors of keyset-paged listings: a small JSON object with a format version, in base64url. Opaque to
// clients, readable when debugging; each listing says which fields its cursor holds and checks them.

const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,400}$/;
const VERSION = 1;

/** The cursor text for `fields` (short keys: the text travels in URLs). */
export function encodeOpaqueCursor(fields: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: VERSION, ...fields })).toString('base64url');
}

/** The fields of a cursor this service wrote (any version-1 object), or null for any other text. */
export function decodeOpaqueCursor(text: string): Record<string, unknown> | null {
  if (!CURSOR_TEXT.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const fields = parsed as Record<string, unknown>;
  return fields.v === VERSION ? fields : null;
}
