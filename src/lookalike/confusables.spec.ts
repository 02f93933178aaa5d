import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { CONFUSABLES, CONFUSABLES_SHA256, CONFUSABLES_VERSION, loadConfusables, parseConfusables } from './confusables.js';

const vendored = readFileSync(new URL('./data/confusables.txt', import.meta.url));
const header = '# confusables.txt\n# Version: 17.0.0\n#\n';
const row = (source: string, prototype: string, name = 'X') => `${source} ;\t${prototype} ;\tMA\t# ( ${name} ) \n`;

describe('the vendored confusables.txt', () => {
  it('is Unicode 17.0.0 byte for byte: the digest unicode.org publishes, every mapping the file counts', () => {
    expect(createHash('sha256').update(vendored).digest('hex')).toBe(CONFUSABLES_SHA256);
    expect({ version: CONFUSABLES.version, pinned: CONFUSABLES_VERSION, mappings: CONFUSABLES.prototypes.size }).toEqual({
      version: '17.0.0',
      pinned: '17.0.0',
      mappings: 6565,
    });
  });

  it('maps what the look-alike engine relies on, including rows added after Unicode 13', () => {
    const p = (ch: string) => CONFUSABLES.prototypes.get(ch);
    expect([p('\u0430'), p('\u0456'), p('0'), p('1'), p('\u03f2'), p('\u0448'), p('\u{1ccd6}'), p('a')]).toEqual([
      'a', // CYRILLIC SMALL LETTER A
      'i', // CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
      'O', // DIGIT ZERO: the standard's prototype is the capital
      'l', // DIGIT ONE
      'c', // GREEK LUNATE SIGMA SYMBOL
      'w', // CYRILLIC SMALL LETTER SHA, new since Unicode 13
      'A', // OUTLINED LATIN CAPITAL LETTER A, Unicode 16
      undefined, // a prototype has no row of its own
    ]);
  });
});

describe('loadConfusables', () => {
  it('refuses a copy whose digest is not the pinned one, naming both digests', () => {
    const tampered = Buffer.from(vendored);
    tampered[tampered.indexOf('0430 ;\t0061')] = '1'.charCodeAt(0);
    const digest = createHash('sha256').update(tampered).digest('hex');
    expect(() => loadConfusables(tampered)).toThrow(
      `confusables.txt is not Unicode's 17.0.0 file: its SHA-256 is ${digest}, expected ${CONFUSABLES_SHA256}`,
    );
  });

  it('parses a copy whose digest is the one given', () => {
    const text = Buffer.from(`${header}${row('0430', '0061')}# total: 1\n`);
    const table = loadConfusables(text, createHash('sha256').update(text).digest('hex'));
    expect([...table.prototypes]).toEqual([['\u0430', 'a']]);
  });
});

describe('parseConfusables', () => {
  it('reads multi-code-point prototypes and astral sources, and skips comments and blank lines', () => {
    const table = parseConfusables(`${header}${row('1D5BA', '0061')}\n# a comment\n${row('01C6', '0064 017E')}# total: 2\n`);
    expect({ version: table.version, rows: [...table.prototypes] }).toEqual({
      version: '17.0.0',
      rows: [
        ['\u{1d5ba}', 'a'],
        ['\u01c6', 'd\u017e'],
      ],
    });
  });

  it.each([
    ['a line that is not a mapping', `${header}0430 ; 0061 ; MA\n# total: 1\n`, 'confusables.txt line 4: not "source ; prototype ; MA # ..."'],
    ['a source mapped twice', `${header}${row('0430', '0061')}${row('0430', '0062')}# total: 2\n`, 'confusables.txt line 5: 0430 is mapped twice'],
    ['fewer mappings than the file counts (a truncated copy)', `${header}${row('0430', '0061')}# total: 2\n`, 'confusables.txt: 1 mappings, its "# total:" line says 2'],
    ['no version header', `${row('0430', '0061')}# total: 1\n`, 'confusables.txt: no "# Version:" or "# total:" line'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseConfusables(text)).toThrow(message);
  });
});
