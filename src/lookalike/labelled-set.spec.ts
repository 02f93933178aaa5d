import { readFileSync } from 'node:fs';
import { DEMO_BLOCKED_ENTITIES, DEMO_FIRMS } from '../demo/demo-data.js';
import { formatScores, labelledTarget, runCases, score, type LabelledCase } from './evaluation.js';
import { buildBrandIndex, type Brand } from './lookalike.js';

interface CaseFile {
  brands: Brand[];
  cases: Array<Omit<LabelledCase, 'target'> & { note: string }>;
}

const file = JSON.parse(readFileSync(new URL('../../test/fixtures/lookalike/cases.json', import.meta.url), 'utf8')) as CaseFile;
const cases: LabelledCase[] = file.cases.map((c) => ({ ...c, target: labelledTarget(c.input) }));
const index = buildBrandIndex(file.brands);
const outcomes = runCases(index, cases);

describe('the labelled look-alike set', () => {
  it('has at least 200 cases, look-alikes of every brand by every technique and benign ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(100);
    for (const id of ['binance', 'bybit', 'coinbase', 'okx', 'htx', 'bitget', 'mexc']) {
      const techniques = new Set(cases.filter((c) => c.expected?.brand === id).map((c) => c.expected!.technique));
      const weak = new Set(cases.filter((c) => c.expectedLow?.brand === id).map((c) => c.expectedLow!.technique));
      // A short brand's typos are weak evidence by design: they are in the set as low-confidence cases.
      for (const t of ['confusable', 'typo', 'brand-keyword', 'brand-in-subdomain', 'brand-in-userinfo', 'tld-swap'] as const) {
        expect([id, t, techniques.has(t) || weak.has(t)]).toEqual([id, t, true]);
      }
    }
  });

  it('uses the demo data brands and official domains', () => {
    const byName = new Map(file.brands.map((b) => [b.name, b]));
    for (const firm of DEMO_FIRMS) {
      const brand = byName.get(firm.brands![0]!);
      expect([brand?.kind, brand?.officialDomains]).toEqual(['licensed', firm.domains.map((d) => d.domain)]);
    }
    for (const entity of [DEMO_BLOCKED_ENTITIES.coinbase!, DEMO_BLOCKED_ENTITIES.exchangeSite!]) {
      const brand = byName.get(entity.name.en);
      expect([brand?.kind, brand?.officialDomains]).toEqual(['blocked', entity.domains]);
    }
    expect(file.brands.filter((b) => b.kind === 'warned').map((b) => b.name)).toEqual(['OKX', 'HTX', 'Bitget', 'MEXC']);
  });

  it('gets every case right but a few, and at least 0.95 precision and recall overall and by technique', () => {
    const scores = score(outcomes);
    const wrong = outcomes
      .filter((o) => !o.ok)
      .map((o) => `${o.case.input}: expected ${JSON.stringify(o.case.expected ?? o.case.expectedLow ?? null)}, got ${o.hits.map((h) => `${h.brand.id}/${h.technique}/${h.confidence}`).join(' ') || 'nothing'}`);
    expect({ wrong, table: formatScores(scores, cases.length, cases.filter((c) => c.expected === null).length) }).toEqual({
      wrong: [],
      table: expect.any(String),
    });
    for (const s of scores) {
      expect([s.technique, s.precision >= 0.95, s.recall >= 0.95]).toEqual([s.technique, true, true]);
    }
  });
});
