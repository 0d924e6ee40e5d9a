import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { writeAtomically } from './stack-cache-files';

/**
 * The process that deletes staging directories (lib/synth/output-dir.ts) once this process has
 * ended, however it ends (SIGKILL included), unless they were released first: it waits for the
 * end of a pipe that only this process holds, then deletes every path its registry file lists.
 * Detached, so a Ctrl-C meant for the synth does not stop it too.
 *
 * One per process, started by the first synth: a process that synthesizes again (a library
 * caller, a test file) does not fork itself once per synth, which costs 10-100 ms in a process
 * with a large heap (page tables copied, and each page written after it faulting once). The registry (NUL-separated paths, in the temp directory) is replaced
 * whole by a rename, so the watchdog reads either the list before a change or the one after.
 */
export interface StagingWatch {
  /** Stops watching the paths: they are the synth's to keep or delete. */
  release(): void;
}

interface Watchdog {
  readonly registry: string;
  readonly watched: Map<number, readonly string[]>;
  next: number;
}

/**
 * At the end of the pipe: delete what the registry lists, then the registry itself and any
 * temporary copy of it that a kill left half-written (writeAtomically's `<registry>.*.tmp`).
 */
const SCRIPT = 'cat >/dev/null; [ -f "$1" ] && xargs -0 rm -rf -- < "$1"; rm -f -- "$1" "$1".*.tmp';

let watchdog: Watchdog | undefined | null = null;

function started(): Watchdog | undefined {
  if (watchdog !== null) return watchdog;
  watchdog = undefined;
  if (process.platform === 'win32') return undefined;
  const registry = path.join(tmpdir(), `csa-synth-watchdog-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(registry, '');
    const child = spawn('/bin/sh', ['-c', SCRIPT, 'synth-staging-watchdog', registry], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => {});
    child.stdin?.on('error', () => {});
    child.unref();
    (child.stdin as { unref?: () => void } | null)?.unref?.();
    watchdog = { registry, watched: new Map(), next: 0 };
  } catch {
    rmSync(registry, { force: true });
  }
  return watchdog;
}

/** Replaces the registry whole (readers see the list before or after); false when it could not. */
function writeRegistry(dog: Watchdog): boolean {
  return writeAtomically(
    dog.registry,
    [...dog.watched.values()]
      .flat()
      .map((p) => `${p}\0`)
      .join(''),
  );
}

/**
 * Watches `paths` from now on (before they exist, so that an interrupt between the two cannot
 * leave them behind); undefined when no watchdog can run here (the next synth's start cleans up
 * what an ended process left, lib/synth/output-dir-recovery.ts).
 */
export function watchStaging(paths: readonly string[]): StagingWatch | undefined {
  const dog = started();
  if (!dog) return undefined;
  const id = dog.next++;
  dog.watched.set(id, paths);
  if (!writeRegistry(dog)) {
    dog.watched.delete(id);
    return undefined;
  }
  return {
    release: () => {
      // Should the registry keep listing them, they are deleted when this process ends, which is
      // what the staging directory's leftovers get anyway (they are renamed away or deleted by then).
      if (dog.watched.delete(id)) writeRegistry(dog);
    },
  };
}
