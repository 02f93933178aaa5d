import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeFor } from './platform/http/problem.js';
import { STATUS_TITLES } from './platform/http/problem-messages.js';
import { PROBLEM_TYPES } from './problem-types.js';

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [{ path, text: readFileSync(path, 'utf8') }] : [];
  });
}

/** Every problem code the source can answer with, read the ways codes are written in it. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const add = (text: string, pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) codes.add(match[1]!);
  };
  for (const { path, text } of sources('src')) {
    add(text, /super\(\s*'([a-z][a-z-]*)'/g);
    add(text, /new ValidationProblem\([^;]*?,\s*'([a-z][a-z-]*)'\)/g);
    if (path.endsWith('.errors.ts')) add(text, /= '([a-z][a-z-]*)',/g);
    if (path.includes('platform/http/')) add(text, /code: '([a-z][a-z-]*)'/g);
  }
  for (const status of Object.keys(STATUS_TITLES)) codes.add(codeFor(Number(status)));
  return codes;
}

describe('PROBLEM_TYPES', () => {
  it('describes every code the API can answer with, so every problem type URI resolves to a page', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((code) => !Object.hasOwn(PROBLEM_TYPES, code)).sort()).toEqual([]);
  });

  it('gives each code the status it is answered with', () => {
    for (const status of Object.keys(STATUS_TITLES).map(Number)) {
      expect([codeFor(status), PROBLEM_TYPES[codeFor(status)]?.status]).toEqual([codeFor(status), status]);
    }
  });
});
