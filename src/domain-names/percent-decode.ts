// Percent-decoding as the WHATWG URL standard does it, for the parts of a URL its parser leaves encoded.

const ESCAPE = /^[0-9a-f]{2}$/iu;

/** Bytes, then UTF-8 with replacement characters and the BOM kept; a `%` not followed by two hex digits stays. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const hex = bytes[i] === 0x25 ? bytes.subarray(i + 1, i + 3).toString('latin1') : '';
    if (ESCAPE.test(hex)) {
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i]!);
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(out));
}
