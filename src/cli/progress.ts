// Progress of long work on stderr: a bar on a terminal, and a few plain lines in logs and pipes.
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` so far; `total` when it has become known more exactly. */
  update(done: number, total?: number): void;
  /** Draws the final state and releases the terminal line. */
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

/** A plain line at most each tenth of the work, or after this long without one (slow phases still show life). */
const QUIET_MS = 10_000;
/** Less than this is over before a bar would say anything useful. */
export const MIN_PROGRESS_TOTAL = 1000;

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export function startProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (total < MIN_PROGRESS_TOTAL) return SILENT;
  return stream.isTTY ? barProgress(label, total, stream) : lineProgress(label, total, stream, options.now ?? Date.now);
}

function barProgress(label: string, total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}, ETA {eta_formatted}`,
      hideCursor: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let current = 0;
  return {
    update(done, newTotal) {
      current = done;
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop() {
      if (current > bar.getTotal()) bar.setTotal(current);
      bar.stop();
    },
  };
}

export function formatProgressLine(label: string, done: number, total: number): string {
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  return `progress: ${done}/${total} (${percent}%) ${label}\n`;
}

function lineProgress(label: string, total: number, stream: NodeJS.WriteStream, now: () => number): Progress {
  let lastTenth = 0;
  let lastAt = now();
  let lastDone = -1;
  let current = 0;
  const print = (done: number) => {
    stream.write(formatProgressLine(label, done, total));
    lastAt = now();
    lastDone = done;
  };
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      current = done;
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth || now() - lastAt >= QUIET_MS) {
        lastTenth = Math.max(lastTenth, tenth);
        print(done);
      }
    },
    stop() {
      // Always finish with the true final count, once.
      if (current > total) total = current;
      if (current > 0 && lastDone !== current) print(current);
    },
  };
}
