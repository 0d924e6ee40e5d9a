import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { EstateWatch, watchEstate, WatchError } from '../lib/synth/synth-watch';

/**
 * The watch of `npm run synth -- --watch` (lib/synth/synth-watch.ts) with a stand-in synth that
 * only counts (the command end to end, with real synths: __tests__/cli.test.ts).
 */

let dir: string;
let watching: EstateWatch | undefined;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-watch-unit-'))));
afterEach(() => {
  watching?.close();
  watching = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const estatePath = () => path.join(dir, 'estate.yaml');
const lockPath = () => path.join(dir, 'estate.lock.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done` holds, or five seconds have passed. */
async function until(done: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !done() && Date.now() < end;) await sleep(10);
}

describe('watchEstate', () => {
  it('runs the first synth itself and returns its status', () => {
    writeFileSync(estatePath(), 'estate: a\n');
    let runs = 0;
    watching = watchEstate({ estatePath: estatePath(), lockPath: lockPath(), synth: () => ++runs && 3, log: () => undefined });
    expect(watching.status).toBe(3);
    expect(runs).toBe(1);
  });

  it('synthesizes an estate saved while a synth ran, once that synth is over', async () => {
    writeFileSync(estatePath(), 'estate: a\n');
    let runs = 0;
    const synth = () => {
      // A save while the synth runs: it read the estate before this.
      if (++runs === 1) writeFileSync(estatePath(), 'estate: b\n');
      return 0;
    };
    watching = watchEstate({ estatePath: estatePath(), lockPath: lockPath(), synth, settleMs: 10, log: () => undefined });
    await until(() => runs === 2);
    expect(runs).toBe(2);
  });

  it('does not answer the lock its own synth wrote, nor a save of the same bytes; answers the lock edited after', async () => {
    writeFileSync(estatePath(), 'estate: a\n');
    let runs = 0;
    const lines: string[] = [];
    const synth = () => {
      writeFileSync(lockPath(), `{"written": ${runs++ === 0 ? 1 : 2}}\n`);
      return 0;
    };
    watching = watchEstate({ estatePath: estatePath(), lockPath: lockPath(), synth, settleMs: 10, log: (line) => lines.push(line) });
    writeFileSync(estatePath(), 'estate: a\n');
    await sleep(300);
    expect(runs).toBe(1);
    writeFileSync(lockPath(), '{"edited": true}\n');
    await until(() => runs === 2);
    expect(runs).toBe(2);
    expect(lines).toEqual([
      `watching ${estatePath()} and its lock for changes (Ctrl-C to stop)`,
      `${estatePath()} or its lock changed: synthesizing again`,
      `watching ${estatePath()} and its lock for changes (Ctrl-C to stop)`,
    ]);
  });

  it('refuses a directory it cannot watch, before any synth', () => {
    let runs = 0;
    const missing = path.join(dir, 'missing', 'estate.yaml');
    expect(() =>
      watchEstate({ estatePath: missing, lockPath: path.join(dir, 'missing', 'estate.lock.json'), synth: () => ++runs, log: () => undefined }),
    ).toThrow(WatchError);
    expect(runs).toBe(0);
  });
});
