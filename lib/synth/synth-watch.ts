import { createHash } from 'crypto';
import { FSWatcher, readFileSync, watch } from 'fs';
import * as path from 'path';

/**
 * `npm run synth -- --watch` (issue 19): synthesizes, then again each time the estate file or its
 * lock changes, in the same process, until stopped. A synth after the first runs warm: Node, the
 * app's code and V8's compiled code are loaded already, which is most of what a one-shot
 * synth of an edit costs; the stacks an edit did not change come from the stack cache as
 * always. File events only say when to look: a change is judged by content, so saving the same
 * bytes, or the lock a synth wrote itself, starts nothing. A failed synth says why, as always,
 * and the watch goes on.
 */

export interface WatchOptions {
  readonly estatePath: string;
  readonly lockPath: string;
  /** Runs one synth and reports it (as `npm run synth` does); its exit status. */
  readonly synth: () => number;
  /** The pause after a file event before looking, so an editor's save (write, rename) is one change. @default 50 */
  readonly settleMs?: number;
  /** Where the watch says what it does. @default stderr */
  readonly log?: (line: string) => void;
}

export interface EstateWatch {
  /** The exit status of the first synth. */
  readonly status: number;
  /** Stops watching (Ctrl-C stops the process itself). */
  close(): void;
}

/** The directory could not be watched (it does not exist, the system's limit of watches was reached). */
export class WatchError extends Error {}

/** Starts watching, then runs the first synth: a change saved while any synth runs is seen after it. */
export function watchEstate(options: WatchOptions): EstateWatch {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { estatePath, lockPath } = options;
  const names = new Set([estatePath, lockPath].map((file) => path.basename(file)));
  const waiting = `watching ${estatePath} and its lock for changes (Ctrl-C to stop)`;
  let seen = '';
  const synth = () => {
    // The estate as the synth is about to read it, and the lock as the synth left it (it may write it):
    // an estate saved during the synth differs from this, and is synthesized next.
    const estate = contentOf(estatePath);
    const status = options.synth();
    seen = `${estate}\n${contentOf(lockPath)}`;
    log(waiting);
    return status;
  };
  let timer: NodeJS.Timeout | undefined;
  const look = () => {
    timer = undefined;
    if (`${contentOf(estatePath)}\n${contentOf(lockPath)}` === seen) return;
    log(`${estatePath} or its lock changed: synthesizing again`);
    synth();
  };
  const watchers: FSWatcher[] = [];
  const close = () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
  // The directory, not the files: an editor that saves by renaming a new file into place replaces the file watched.
  for (const dir of new Set([estatePath, lockPath].map((file) => path.dirname(path.resolve(file))))) {
    try {
      watchers.push(
        watch(dir, (_event, name) => {
          if (name !== null && !names.has(path.basename(name.toString()))) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(look, options.settleMs ?? 50);
        }).on('error', (e) => {
          // The directory went away, say: nothing more to watch, and the process ends.
          close();
          log(`stopped watching: ${dir}: ${e.message}`);
          process.exitCode = 2;
        }),
      );
    } catch (e) {
      close();
      throw new WatchError(`cannot watch ${dir} for changes (${(e as Error).message})`);
    }
  }
  return { status: synth(), close };
}

/** A file's content, hashed (a file that cannot be read counts as such). */
function contentOf(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (e) {
    return `unreadable ${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
}
