import { describe, expect, it } from '@jest/globals';
import { formatProgressLine, startProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  return { stream: { isTTY, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream, lines };
}

describe('startProgress off a terminal', () => {
  it('writes a plain line each tenth of the way and one at the end', () => {
    const { stream, lines } = fakeStream(false);
    const progress = startProgress('reading rows', 100_000, { stream, now: () => 0 });
    for (let done = 1; done <= 100_000; done += 1) progress.update(done);
    progress.stop();
    expect(lines).toHaveLength(10);
    expect(lines[3]).toBe('progress: 40000/100000 (40%) reading rows\n');
    expect(lines[9]).toBe('progress: 100000/100000 (100%) reading rows\n');
  });

  it('also writes when a slow phase has been quiet for ten seconds', () => {
    const { stream, lines } = fakeStream(false);
    let clock = 0;
    const progress = startProgress('verifying', 10_000, { stream, now: () => clock });
    progress.update(100);
    clock = 10_000;
    progress.update(200);
    expect(lines).toEqual(['progress: 200/10000 (2%) verifying\n']);
  });

  it('stays silent for work too small to need it', () => {
    const { stream, lines } = fakeStream(false);
    const progress = startProgress('reading rows', 10, { stream });
    progress.update(10);
    progress.stop();
    expect(lines).toEqual([]);
  });

  it('formats a line even before the total is known', () => {
    expect(formatProgressLine('x', 5, 0)).toBe('progress: 5/0 (100%) x\n');
  });
});
