import { lstatSync, readdirSync, renameSync, rmSync } from 'fs';
import * as path from 'path';
import { carryOverTerraformFiles, exists, messageOf, codeOf, PREVIOUS, STAGING, TRASH } from './output-dir-fs';

/** The repair of what a killed synth left next to its output directory (the steps are described in output-dir.ts). */

/** How old a staging directory named without a pid (by an earlier version) must be to count as abandoned. */
const LEGACY_STALE_MS = 10 * 60 * 1000;

/** What an interrupted synth left next to the output directory. */
interface Leftover {
  readonly name: string;
  readonly file: string;
  readonly kind: 'staging' | 'previous' | 'trash';
  /** Undefined for names from before the pid was part of them. */
  readonly pid?: number;
}

/** The leftovers of syntheses of `target` whose process is gone (a live one is still using its own). */
function leftoversOf(target: string): Leftover[] {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}${STAGING}`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const leftovers: Leftover[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    // <pid>-<random hex>, or the 6 characters of mkdtemp that earlier versions used.
    const match = /^(?:(\d+)-[0-9a-f]+|[A-Za-z0-9]{6})(\.previous|\.trash)?$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined ? alive(pid) : recentlyModified(path.join(parent, name))) continue;
    const kind = match[2] === PREVIOUS ? 'previous' : match[2] === TRASH ? 'trash' : 'staging';
    leftovers.push({ name, file: path.join(parent, name), kind, pid });
  }
  return leftovers;
}

/**
 * A name without a pid comes from a version before this one; only its age tells whether a
 * synth (started before an upgrade) may still be writing it.
 */
function recentlyModified(file: string): boolean {
  try {
    return Date.now() - lstatSync(file).mtimeMs < LEGACY_STALE_MS;
  } catch {
    return true;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

/**
 * Repairs what a synth of the same output directory left when it was killed (see the top of
 * this file): a missing output directory gets its previous output back from `.previous`;
 * a `.previous` next to a present output gives it its `.terraform` directories and is
 * deleted; staging and `.trash` directories are deleted. One line on what was done.
 */
export function recoverInterrupted(target: string, outdir: string, report: (line: string) => void): void {
  const leftovers = leftoversOf(target);
  if (!leftovers.length) return;
  const restoredFrom = !exists(target) ? newest(leftovers.filter((l) => l.kind === 'previous')) : undefined;
  if (restoredFrom) {
    try {
      renameSync(restoredFrom.file, target);
      report(`note: ${outdir} was missing after an interrupted synth; restored the previous output from ${restoredFrom.name}`);
    } catch (e) {
      report(
        `warning: ${outdir} is missing after an interrupted synth, and the previous output could not be restored from ${restoredFrom.file} (${messageOf(e)})`,
      );
      return;
    }
  }
  const removed: string[] = [];
  for (const leftover of leftovers) {
    if (leftover === restoredFrom) continue;
    if (leftover.kind === 'previous') {
      const failures = carryOverTerraformFiles(leftover.file, target, false);
      if (failures.length) {
        report(
          `warning: could not move the .terraform directories of ${leftover.file}, left by an interrupted synth, into ${outdir} (${failures[0]}); it is kept`,
        );
        continue;
      }
    }
    try {
      rmSync(leftover.file, { recursive: true, force: true });
      removed.push(leftover.name);
    } catch (e) {
      report(`warning: could not delete ${leftover.file}, left by an interrupted synth (${messageOf(e)}): delete it by hand`);
    }
  }
  if (removed.length) report(`note: deleted ${removed.join(', ')} in ${path.dirname(target)}, left by an interrupted synth of ${outdir}`);
}

function newest(leftovers: readonly Leftover[]): Leftover | undefined {
  const mtime = (l: Leftover) => {
    try {
      return lstatSync(l.file).mtimeMs;
    } catch {
      return -1;
    }
  };
  return [...leftovers].sort((a, b) => mtime(b) - mtime(a))[0];
}
