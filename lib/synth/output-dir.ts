import { randomBytes } from 'crypto';
import { lstatSync, mkdirSync, readlinkSync, renameSync, statSync } from 'fs';
import * as path from 'path';
import { carryOverTerraformFiles, codeOf, discard, exists, messageOf, PREVIOUS, removeTree, STAGING, TRASH } from './output-dir-fs';
import { recoverInterrupted } from './output-dir-recovery';
import { StagingWatch, watchStaging } from './staging-watchdog';

/**
 * How a synth replaces its output directory (cdktf.out), so that whatever happens to the
 * process, the output directory holds either the previous output or the new one, complete:
 *
 * 1. Before anything is created, the output path is checked (an existing file or a missing
 *    parent is refused), a symlinked output directory is resolved to its target (the link
 *    stays, and the swap happens next to the target), and what an interrupted synth left
 *    next to it is repaired (see recoverInterrupted).
 * 2. The new output is written into `.<name>.staging-<pid>-<random>` next to it.
 * 3. Swap: rename the output to `<staging>.previous`, rename the staging directory to the
 *    output. Node cannot exchange two directories in one step (renameat2 RENAME_EXCHANGE is
 *    not reachable), so for an instant between the two renames the output path is missing;
 *    a kill there leaves the complete previous output in `<staging>.previous`, which the
 *    next synth renames back before doing anything else.
 * 4. Only now is the previous output touched: its `.terraform` directories and lock files
 *    are moved into the new one, it is renamed to `<staging>.trash` and deleted. A kill
 *    before the rename to `.trash` leaves `.previous` next to a complete new output: the next
 *    synth finishes the carry-over; `.trash` is only ever garbage.
 *
 * Interrupts: the synth is synchronous, so a JavaScript SIGINT/SIGTERM handler could not
 * run before it is over (it would only hold the signal back, and under tsx, which is how
 * `npm run synth` and the cdktf CLI start main.ts, the child is SIGKILLed 60 ms after a
 * Ctrl-C that it does not acknowledge). A watchdog process (`sh`, detached from the
 * terminal's process group, one per process: lib/synth/staging-watchdog.ts) therefore holds a
 * pipe from this process and deletes the staging directory when the pipe closes, which
 * happens however this process ends, SIGKILL included; the process itself keeps the default
 * action of the signal (exit status 130 for SIGINT, 143 for SIGTERM). Staging directories
 * whose pid is no longer alive are deleted at the next start as well, for when even the
 * watchdog could not run.
 */

/** Where the output directory stands when an error leaves withStagedOutput. */
export type OutputState =
  /** The error came before the swap: the output directory is as it was (or still absent). */
  | 'unchanged'
  /** The new output is in place; what failed came after. */
  | 'written'
  /**
   * The previous output was moved aside and could not be put back; the message names where
   * it is. The next synth restores it before anything else.
   */
  | 'set-aside';

/** A problem with the output directory itself, and which state it left the directory in. */
export class OutputDirError extends Error {
  constructor(
    message: string,
    readonly state: OutputState,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutputDirError';
  }
}

/** The steps of the swap, for tests that interrupt it. */
export type SwapStep = 'staged' | 'retired' | 'swapped' | 'carried' | 'trashed';

export interface StagedOutputOptions {
  /**
   * Keep the directories of stacks that no longer exist. The cdktf CLI deletes them itself
   * after synth and fails if they are already gone. @default false
   */
  readonly keepRemovedStacks?: boolean;
  /**
   * Receives one line per note or warning: a repaired interruption (`note: ...`), a previous
   * output that could not be cleaned up after the new one was written (`warning: ...`).
   * @default writes the line to stderr
   */
  readonly report?: (line: string) => void;
  /** Called after each step of the swap; tests use it to kill the process there. */
  readonly onStep?: (step: SwapStep) => void;
}

/** Output directories (as passed, resolved) that a swap replaced in this process. */
const replaced = new Set<string>();

/**
 * What an error thrown by a synth into `outdir` left there: an OutputDirError says; any other
 * error left the output unchanged, unless it came after withStagedOutput swapped the new
 * output in during this process (say, while printing the summary).
 */
export function outputStateOf(error: unknown, outdir: string): OutputState {
  if (error instanceof OutputDirError) return error.state;
  return replaced.has(path.resolve(outdir)) ? 'written' : 'unchanged';
}

/**
 * Writes a new output directory next to the final one, then swaps it in, so a failed or
 * interrupted synth never leaves a half-written, emptied or missing output directory behind.
 */
export function withStagedOutput<T>(outdir: string, write: (stagingDir: string) => T, options: StagedOutputOptions = {}): T {
  const report = options.report ?? ((line: string) => console.error(line));
  const step = options.onStep ?? (() => {});
  const target = outputTarget(outdir);
  recoverInterrupted(target, outdir, report);
  // The watchdog is watching before the directory exists: an interrupt between the two would leave it behind.
  const { staging, watchdog } = createStaging(target);
  try {
    let result: T;
    try {
      result = write(staging);
    } catch (e) {
      discard(staging, report);
      throw e;
    }
    step('staged');
    const retired = swapIn(staging, target, report, step);
    replaced.add(path.resolve(outdir));
    if (retired) retire(retired, staging, target, outdir, options.keepRemovedStacks ?? false, report, step);
    return result;
  } finally {
    watchdog?.release();
  }
}

/**
 * The directory to replace: `outdir`, or the directory a symlinked `outdir` points to (so
 * the link stays). Refuses, before anything is created, an output path that exists and is
 * not a directory, and one whose parent directory does not exist.
 */
function outputTarget(outdir: string): string {
  let at = path.resolve(outdir);
  for (let hops = 0; ; hops++) {
    const stat = lstatOrUndefined(at, outdir);
    if (!stat) break;
    if (stat.isDirectory()) return at;
    if (!stat.isSymbolicLink())
      throw new OutputDirError(
        `${describe(outdir, at)} is a file, not a directory: move it away or choose another output directory (--out or CDKTF_OUTDIR)`,
        'unchanged',
      );
    if (hops >= 40) throw new OutputDirError(`${outdir} is a symbolic link that leads through more than 40 others`, 'unchanged');
    at = path.resolve(path.dirname(at), readlinkSync(at));
  }
  // A new output directory (or a dangling link's target): its parent must exist.
  const parent = path.dirname(at);
  let parentStat;
  try {
    parentStat = statSync(parent);
  } catch (e) {
    throw new OutputDirError(
      `the parent directory of ${describe(outdir, at)}, ${parent}, ${codeOf(e) === 'ENOENT' ? 'does not exist: create it first' : `cannot be read (${messageOf(e)})`}`,
      'unchanged',
      { cause: e },
    );
  }
  if (!parentStat.isDirectory()) throw new OutputDirError(`the parent of ${describe(outdir, at)}, ${parent}, is not a directory`, 'unchanged');
  return at;
}

function lstatOrUndefined(file: string, outdir: string) {
  try {
    return lstatSync(file);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    if (codeOf(e) === 'ENOTDIR') throw new OutputDirError(`${outdir}: a component of ${file} is a file, not a directory`, 'unchanged', { cause: e });
    throw new OutputDirError(`${outdir} cannot be examined (${messageOf(e)})`, 'unchanged', { cause: e });
  }
}

/** "cdktf.out" or, for a symlink, "cdktf.out (-> /real/out)". */
function describe(outdir: string, target: string): string {
  return path.resolve(outdir) === target ? outdir : `${outdir} (-> ${target})`;
}

/**
 * `.<name>.staging-<pid>-<random>` next to the target. Made with mkdir (mkdtemp would give
 * 0700), so the output directory it becomes gets the permissions any new directory gets.
 */
function createStaging(target: string): { staging: string; watchdog: StagingWatch | undefined } {
  const prefix = path.join(path.dirname(target), `.${path.basename(target)}${STAGING}${process.pid}-`);
  for (let attempt = 0; ; attempt++) {
    const staging = prefix + randomBytes(4).toString('hex');
    const watchdog = watchStaging([staging, staging + TRASH]);
    try {
      mkdirSync(staging);
      return { staging, watchdog };
    } catch (e) {
      // A name taken by a leftover of an earlier process with this pid (stale, deleted at every
      // start anyway): its watchdog deleting it when this process ends loses nothing.
      if (codeOf(e) === 'EEXIST' && attempt < 5) continue;
      throw new OutputDirError(`cannot create a staging directory in ${path.dirname(target)} (${messageOf(e)})`, 'unchanged', { cause: e });
    }
  }
}

/**
 * Renames the target aside (when there is one) and the staging directory into its place;
 * returns where the previous output went. Puts the previous output back when the second
 * rename fails.
 */
function swapIn(staging: string, target: string, report: (line: string) => void, step: (s: SwapStep) => void): string | undefined {
  let retired: string | undefined;
  if (exists(target)) {
    retired = staging + PREVIOUS;
    try {
      renameSync(target, retired);
    } catch (e) {
      discard(staging, report);
      throw new OutputDirError(`could not move the previous output aside to put the new one in its place (${messageOf(e)})`, 'unchanged', { cause: e });
    }
    step('retired');
  }
  try {
    renameSync(staging, target);
  } catch (e) {
    if (retired) {
      try {
        renameSync(retired, target);
      } catch (back) {
        discard(staging, report);
        throw new OutputDirError(
          `could not move the new output into place (${messageOf(e)}) nor the previous one back (${messageOf(back)}): ` +
            `the previous output is in ${retired}; the next synth puts it back, or rename it to ${target} yourself`,
          'set-aside',
          { cause: e },
        );
      }
    }
    discard(staging, report);
    throw new OutputDirError(`could not move the new output into place (${messageOf(e)})`, 'unchanged', { cause: e });
  }
  step('swapped');
  return retired;
}

/**
 * After the swap: carries the previous output's terraform init results over, then deletes it.
 * The new output is in place by then, so a failure here is a warning: the synth succeeded.
 */
function retire(
  retired: string,
  staging: string,
  target: string,
  outdir: string,
  keepRemovedStacks: boolean,
  report: (line: string) => void,
  step: (s: SwapStep) => void,
): void {
  const failures = carryOverTerraformFiles(retired, target, keepRemovedStacks);
  if (failures.length) {
    report(
      `warning: ${outdir} was written, but ${failures.length} .terraform director${failures.length === 1 ? 'y or lock file' : 'ies or lock files'} of the previous output could not be moved into it ` +
        `(${failures[0]}); the previous output is kept in ${retired}: the next synth tries again, or delete it and run terraform init in those stacks`,
    );
    return;
  }
  step('carried');
  const trash = staging + TRASH;
  try {
    renameSync(retired, trash);
  } catch (e) {
    report(`warning: ${outdir} was written, but the previous output could not be removed (${messageOf(e)}): delete ${retired} by hand`);
    return;
  }
  step('trashed');
  try {
    removeTree(trash);
  } catch (e) {
    report(`warning: ${outdir} was written, but the previous output could not be removed completely (${messageOf(e)}): delete ${trash} by hand`);
  }
}
