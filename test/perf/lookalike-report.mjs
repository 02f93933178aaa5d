// Precision and recall of the look-alike engine on the labelled set, by technique, and what a detection costs.
// Run by `npm run lookalike:report` (after nest build: it imports dist/). Prints; asserts nothing.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatScores, labelledTarget, runCases, score } from '../../dist/src/lookalike/evaluation.js';
import { buildBrandIndex, detectLookalikes } from '../../dist/src/lookalike/lookalike.js';

const file = JSON.parse(readFileSync(new URL('../fixtures/lookalike/cases.json', import.meta.url), 'utf8'));
const cases = file.cases.map((c) => ({ ...c, target: labelledTarget(c.input) }));

let started = performance.now();
const index = buildBrandIndex(file.brands);
const firstBuildMs = performance.now() - started;
started = performance.now();
const outcomes = runCases(index, cases);
const firstRunMs = performance.now() - started;

console.log(formatScores(score(outcomes), cases.length, cases.filter((c) => c.expected === null).length));
for (const o of outcomes.filter((x) => !x.ok)) {
  const got = o.hits.map((h) => `${h.brand.id}/${h.technique}/${h.confidence}`).join(' ') || 'nothing';
  console.log(`wrong: ${o.case.input}: expected ${JSON.stringify(o.case.expected ?? o.case.expectedLow ?? null)}, got ${got}`);
}
const low = outcomes.filter((o) => o.case.expectedLow !== undefined);
console.log(`weak evidence shown as low confidence, not as a warning: ${low.filter((o) => o.ok).length}/${low.length}`);

// The held-out set: written after the engine by someone who did not write it, and not tuned to; scored, not asserted.
const holdout = JSON.parse(readFileSync(new URL('../fixtures/lookalike/holdout.json', import.meta.url), 'utf8'));
const heldCases = holdout.cases.map((c) => ({ ...c, target: labelledTarget(c.input) }));
const heldOutcomes = runCases(index, heldCases);
console.log('\nheld-out set (test/fixtures/lookalike/holdout.json: written after the engine, not tuned to it):');
console.log(formatScores(score(heldOutcomes), heldCases.length, heldCases.filter((c) => c.expected === null).length));
for (const o of heldOutcomes.filter((x) => !x.ok)) {
  const got = o.hits.map((h) => `${h.brand.id}/${h.technique}/${h.confidence}`).join(' ') || 'nothing';
  console.log(`wrong: ${o.case.input}: expected ${JSON.stringify(o.case.expected ?? o.case.expectedLow ?? null)}, got ${got}`);
}

// Time per detect call over the whole set, after a warm-up; and a build of 300 brands (the set's 8 plus made-up ones).
const ROUNDS = Number(process.env.LOOKALIKE_ROUNDS ?? 200);
for (let i = 0; i < 20; i++) for (const c of cases) detectLookalikes(index, c.target);
started = performance.now();
for (let i = 0; i < ROUNDS; i++) for (const c of cases) detectLookalikes(index, c.target);
const perCallUs = ((performance.now() - started) * 1000) / (ROUNDS * cases.length);

const many = [...file.brands];
for (let i = 0; many.length < 300; i++) {
  const name = `exchange${i.toString(36)}pro`;
  many.push({ id: name, name, aliases: [`${name} KZ`], officialDomains: [`${name}.kz`, `${name}.com`], kind: 'licensed', recordType: 'firm', recordId: name });
}
for (let i = 0; i < 5; i++) buildBrandIndex(many);
started = performance.now();
for (let i = 0; i < 20; i++) buildBrandIndex(many);
const build300Ms = (performance.now() - started) / 20;

console.log(
  `detect: ${perCallUs.toFixed(1)} µs per call (mean of ${ROUNDS} rounds over ${cases.length} cases); ` +
    `index of 300 brands: ${build300Ms.toFixed(2)} ms; ` +
    `first build and run (word list read once per process): ${firstBuildMs.toFixed(1)} ms + ${firstRunMs.toFixed(1)} ms`,
);
