// STAND-IN, replaced by classifyQuery on merge: helper B's src/domain-names/query-kind.ts exports the same function
// with the same signature and the full rule (defanged forms, dot folding, IP forms). Delete this file then and import
// classifyQuery from '../domain-names/query-kind.js' in check.service.ts.

/** A query is a name when it cannot be a host or URL: inner whitespace without a scheme, or no dot and no IP form. */
export function classifyQuery(q: string): { kind: 'name'; text: string } | { kind: 'target' } {
  const text = q.trim();
  if (text.includes('://')) return { kind: 'target' };
  if (/\s/u.test(text)) return { kind: 'name', text };
  if (/[.\u3002\uFF0E\uFF61[\]:]/u.test(text)) return { kind: 'target' };
  if (/^(?:0x[0-9a-f]+|[0-9]+)$/iu.test(text)) return { kind: 'target' };
  return { kind: 'name', text };
}
