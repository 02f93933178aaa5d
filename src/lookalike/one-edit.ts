// Whether a label is one typing slip away from a brand, and which slip: the typo techniques of look-alike domains.

export type SlipKind =
  | 'omission'
  | 'repetition'
  | 'insertion'
  | 'transposition'
  | 'keyboard-neighbour'
  | 'bit-flip'
  | 'substitution';

export interface Slip {
  kind: SlipKind;
  /** Human words for the slip, e.g. `the n left out`, `c and s swapped`. */
  detail: string;
}

// QWERTY rows with each row's offset in key widths, so neighbours are the keys within one key width, rows above and
// below included (`k` touches `i`, `o`, `j`, `l`, `m`, `,`).
const ROWS: ReadonlyArray<readonly [string, number]> = [
  ['1234567890-', 0],
  ['qwertyuiop', 0.5],
  ['asdfghjkl', 0.75],
  ['zxcvbnm', 1.25],
];
const KEY_AT = new Map<string, { row: number; x: number }>();
ROWS.forEach(([keys, offset], row) => [...keys].forEach((key, i) => KEY_AT.set(key, { row, x: i + offset })));

export function keyboardNeighbours(a: string, b: string): boolean {
  const p = KEY_AT.get(a);
  const q = KEY_AT.get(b);
  if (p === undefined || q === undefined || a === b) return false;
  return Math.abs(p.row - q.row) <= 1 && Math.abs(p.x - q.x) <= 1;
}

/** One bit of the character's code differs: a memory or transmission error that lands on another valid host name. */
function bitFlip(a: string, b: string): boolean {
  const x = a.charCodeAt(0) ^ b.charCodeAt(0);
  return a.length === 1 && b.length === 1 && x !== 0 && (x & (x - 1)) === 0;
}

/**
 * The one edit (optimal string alignment: a deletion, an insertion, a substitution or two neighbours swapped) that
 * turns `brand` into `candidate`, or null when they are equal or further apart. Both are compared as code points.
 */
export function oneSlip(candidate: string, brand: string): Slip | null {
  const c = [...candidate];
  const b = [...brand];
  if (Math.abs(c.length - b.length) > 1) return null;
  let start = 0;
  while (start < c.length && start < b.length && c[start] === b[start]) start++;
  let endC = c.length;
  let endB = b.length;
  while (endC > start && endB > start && c[endC - 1] === b[endB - 1]) {
    endC--;
    endB--;
  }
  const midC = c.slice(start, endC);
  const midB = b.slice(start, endB);
  if (midC.length === 0 && midB.length === 0) return null;
  if (midC.length === 0 && midB.length === 1) return { kind: 'omission', detail: `the ${midB[0]} left out` };
  if (midC.length === 1 && midB.length === 0) {
    const added = midC[0]!;
    const before = c[start - 1];
    const after = c[start + 1];
    if (added === before || added === after) return { kind: 'repetition', detail: `the ${added} doubled` };
    return { kind: 'insertion', detail: `${added} added` };
  }
  if (midC.length === 1 && midB.length === 1) {
    const [x, y] = [midB[0]!, midC[0]!];
    if (keyboardNeighbours(x, y)) return { kind: 'keyboard-neighbour', detail: `${x} typed as its neighbour key ${y}` };
    if (bitFlip(x, y)) return { kind: 'bit-flip', detail: `${x} turned into ${y} by one flipped bit` };
    return { kind: 'substitution', detail: `${x} replaced by ${y}` };
  }
  if (midC.length === 2 && midB.length === 2 && midC[0] === midB[1] && midC[1] === midB[0]) {
    return { kind: 'transposition', detail: `${midB[0]} and ${midB[1]} swapped` };
  }
  return null;
}

/** Every string made by deleting one code point of `text`, and `text` itself: a symmetric-delete neighbourhood. */
export function deletions(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>([text]);
  for (let i = 0; i < chars.length; i++) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}
