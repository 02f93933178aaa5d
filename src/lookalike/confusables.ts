// Unicode's confusables.txt (UTS #39 §4), vendored byte for byte in ./data and pinned by its SHA-256: read, checked and
// parsed once when the module loads, so a changed or truncated copy stops the service at start-up instead of quietly
// weakening every look-alike answer. ./data/README.md says where the file comes from and how to move to a new version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The Unicode version of the vendored file, and the SHA-256 of the file as unicode.org publishes it. */
export const CONFUSABLES_VERSION = '17.0.0';
export const CONFUSABLES_SHA256 = '091c7f82fc39ef208faf8f94d29c244de99254675e09de163160c810d13ef22a';

export interface ConfusablesTable {
  /** From the file's `# Version:` header line. */
  version: string;
  /** Each source character (one code point) to its prototype (one or more code points). */
  prototypes: ReadonlyMap<string, string>;
}

const DATA_LINE = /^([0-9A-F]{4,6}) ;\t([0-9A-F]{4,6}(?: [0-9A-F]{4,6})*) ;\tMA\t#/;
const VERSION_LINE = /^# Version: (\d+\.\d+\.\d+)$/m;
const TOTAL_LINE = /^# total: (\d+)$/m;

const fromHex = (codes: string) => String.fromCodePoint(...codes.split(' ').map((hex) => Number.parseInt(hex, 16)));

/**
 * Parses confusables.txt: `source ; prototype ; MA # comment` per mapping, `#` comments and blank lines between. Every
 * other line, a source given twice, or a count that differs from the file's own `# total:` line is an error: the table
 * is all or nothing.
 */
export function parseConfusables(text: string): ConfusablesTable {
  const version = VERSION_LINE.exec(text)?.[1];
  const total = TOTAL_LINE.exec(text)?.[1];
  if (version === undefined || total === undefined) throw new Error('confusables.txt: no "# Version:" or "# total:" line');
  const prototypes = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const row = DATA_LINE.exec(line);
    if (!row) throw new Error(`confusables.txt line ${i + 1}: not "source ; prototype ; MA # ..."`);
    const source = fromHex(row[1]!);
    if (prototypes.has(source)) throw new Error(`confusables.txt line ${i + 1}: ${row[1]} is mapped twice`);
    prototypes.set(source, fromHex(row[2]!));
  });
  if (prototypes.size !== Number(total)) throw new Error(`confusables.txt: ${prototypes.size} mappings, its "# total:" line says ${total}`);
  return { version, prototypes };
}

/** Checks the bytes against the pinned digest, then parses them; a mismatch names both digests. */
export function loadConfusables(bytes: Buffer, sha256 = CONFUSABLES_SHA256): ConfusablesTable {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new Error(`confusables.txt is not Unicode's ${CONFUSABLES_VERSION} file: its SHA-256 is ${actual}, expected ${sha256}`);
  }
  return parseConfusables(bytes.toString('utf8'));
}

/** The vendored table, read once. */
export const CONFUSABLES: ConfusablesTable = loadConfusables(readFileSync(new URL('./data/confusables.txt', import.meta.url)));
