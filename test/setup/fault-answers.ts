// What the fault tests (database-faults, database-outages) read off each answer: how long it took, and the problem it
// was, in the one shape.
import { expect } from '@jest/globals';

const PROBLEM = /^application\/problem\+json/;

/** The answer and how long it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** A problem+json answer's status, code, Retry-After and body. */
export async function problem(res: Response): Promise<{ status: number; code: string; retryAfter: string | null; body: Record<string, unknown> }> {
  expect(res.headers.get('content-type')).toMatch(PROBLEM);
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, code: String(body.code), retryAfter: res.headers.get('retry-after'), body };
}
