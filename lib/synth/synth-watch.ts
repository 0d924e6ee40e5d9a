import { createHash } from 'crypto';
import { FSWatcher, readFileSync, watch } from 'fs';
import * as path from 'path';

/**
 * `npm run synth -- --watch` (issue 19): synthesizes again each time the estate file or its lock
 * changes, in the same process, until stopped. A synth after the first runs warm: Node, the
 * app's code and V8's compiled code are loaded already, which is most of what a one-shot
 * synth of an edit costs; the stacks an edit did not change come from the stack cache as
 * always. File events only say when to look: a change is judged by content, so saving the same
 * bytes, or the lock a synth wrote itself, starts nothing. A failed synth says why, as always,
 * and the watch goes on.
 */

export interface WatchOptions {
  readonly estatePath: string;
  readonly lockPath: string;
  /** Runs one synth and reports it (as `npm run synth` does). */
  readonly synth: () => void;
  /** The pause after a file event before looking, so an editor's save (write, rename) is one change. @default 50 */
  readonly settleMs?: number;
  /** Where the watch says what it does. @default stderr */
  readonly log?: (line: string) => void;
}

export interface EstateWatch {
  /** Stops watching (Ctrl-C stops the process itself). */
  close(): void;
}

/** Watches after a first synth, which the caller ran. */
export function watchEstate(options: WatchOptions): EstateWatch {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = [options.estatePath, options.lockPath];
  const names = new Set(files.map((file) => path.basename(file)));
  const waiting = `watching ${options.estatePath} and its lock for changes (Ctrl-C to stop)`;
  let seen = contentOf(files);
  let timer: NodeJS.Timeout | undefined;
  const look = () => {
    timer = undefined;
    const now = contentOf(files);
    if (now === seen) return;
    log(`${options.estatePath} or its lock changed: synthesizing again`);
    options.synth();
    // After the synth: the lock it wrote is no change to answer.
    seen = contentOf(files);
    log(waiting);
  };
  const watchers: FSWatcher[] = [];
  const close = () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
  // The directory, not the files: an editor that saves by renaming a new file into place replaces the file watched.
  for (const dir of new Set(files.map((file) => path.dirname(path.resolve(file))))) {
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
  log(waiting);
  return { close };
}

/** The watch could not start (no such directory, the system's limit of watches reached). */
export class WatchError extends Error {}

/** The files' content, hashed (a file that cannot be read counts as such). */
function contentOf(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    try {
      const bytes = readFileSync(file);
      hash.update(`\0${bytes.length}\0`).update(bytes);
    } catch (e) {
      hash.update(`\0unreadable ${(e as NodeJS.ErrnoException).code ?? ''}`);
    }
  }
  return hash.digest('hex');
}
