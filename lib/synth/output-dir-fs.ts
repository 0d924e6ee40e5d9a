import { lstatSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from 'fs';
import * as path from 'path';

/** The names and file helpers shared by the swap of the output directory (output-dir.ts) and its repair after an interrupted synth. */

/** Files Terraform leaves in a stack's working directory that are worth keeping across syntheses. */
const KEPT_STACK_FILES = ['.terraform', '.terraform.lock.hcl'];
export const STAGING = '.staging-';
export const PREVIOUS = '.previous';
export const TRASH = '.trash';

/**
 * Moves `terraform init` results of stacks that still exist from the previous output into the
 * next one, so a re-synth does not force a re-init (with `keepRemovedStacks`, also the
 * directories of stacks that are gone). Keeps going past a failure; returns what failed.
 */
export function carryOverTerraformFiles(previous: string, next: string, keepRemovedStacks: boolean): string[] {
  const failures: string[] = [];
  const previousStacks = path.join(previous, 'stacks');
  let stacks: string[];
  try {
    stacks = readdirSync(previousStacks);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT' && codeOf(e) !== 'ENOTDIR') failures.push(messageOf(e));
    return failures;
  }
  const move = (from: string, to: string) => {
    try {
      renameSync(from, to);
    } catch (e) {
      failures.push(messageOf(e));
    }
  };
  for (const stack of stacks) {
    const target = path.join(next, 'stacks', stack);
    if (!exists(target)) {
      if (keepRemovedStacks) move(path.join(previousStacks, stack), target);
      continue;
    }
    for (const file of KEPT_STACK_FILES) {
      const source = path.join(previousStacks, stack, file);
      // Never over what the new output already has (a repair after an interrupted carry-over).
      if (exists(source) && !exists(path.join(target, file))) move(source, path.join(target, file));
    }
  }
  return failures;
}

export function discard(staging: string, report: (line: string) => void): void {
  try {
    removeTree(staging);
  } catch (e) {
    report(`warning: could not delete the staging directory ${staging} (${messageOf(e)}): delete it by hand`);
  }
}

/**
 * Deletes a directory tree: a previous output (a directory and a file per stack), or a staging
 * directory discarded after a failure. Node 20's rmSync walks a tree in JavaScript with an lstat
 * before each deletion; the listing's entry types make those unnecessary, which halves the cost
 * (an edit of one zone of 100 deletes 200 directories). Whatever this cannot delete, rmSync gets
 * to try, and to throw.
 */
export function removeTree(dir: string): void {
  try {
    removeEntries(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

function removeEntries(dir: string): void {
  // A symbolic link is deleted, never followed: its entry is not a directory.
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removeEntries(full);
    else unlinkSync(full);
  }
  rmdirSync(dir);
}

export function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

export function codeOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

export function messageOf(e: unknown): string {
  return typeof (e as Error | undefined)?.message === 'string' ? (e as Error).message : String(e);
}
