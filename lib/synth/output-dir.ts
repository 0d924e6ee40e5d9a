import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'fs';
import * as path from 'path';

/** Files Terraform leaves in a stack's working directory that are worth keeping across syntheses. */
const KEPT_STACK_FILES = ['.terraform', '.terraform.lock.hcl'];

export interface StagedOutputOptions {
  /**
   * Keep the directories of stacks that no longer exist. The cdktf CLI deletes them itself
   * after synth and fails if they are already gone. @default false
   */
  readonly keepRemovedStacks?: boolean;
}

/**
 * Writes a new output directory next to the final one, then swaps it in, so a failed
 * synth never leaves a half-written or emptied cdktf.out behind.
 */
export function withStagedOutput<T>(outdir: string, write: (stagingDir: string) => T, options: StagedOutputOptions = {}): T {
  const parent = path.dirname(outdir);
  if (!existsSync(parent)) throw new Error(`the output directory's parent ${parent} does not exist`);
  const staging = mkdtempSync(path.join(parent, `.${path.basename(outdir)}.staging-`));
  let result: T;
  try {
    result = write(staging);
    carryOverTerraformFiles(outdir, staging, options.keepRemovedStacks ?? false);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  swapIn(staging, outdir);
  return result;
}

/** Keeps `terraform init` results of stacks that still exist, so a re-synth does not force re-init. */
function carryOverTerraformFiles(previous: string, next: string, keepRemovedStacks: boolean): void {
  const previousStacks = path.join(previous, 'stacks');
  if (!existsSync(previousStacks)) return;
  for (const stack of readdirSync(previousStacks)) {
    const target = path.join(next, 'stacks', stack);
    if (!existsSync(target)) {
      if (keepRemovedStacks) renameSync(path.join(previousStacks, stack), target);
      continue;
    }
    for (const file of KEPT_STACK_FILES) {
      const source = path.join(previousStacks, stack, file);
      if (existsSync(source)) renameSync(source, path.join(target, file));
    }
  }
}

function swapIn(staging: string, outdir: string): void {
  if (!existsSync(outdir)) {
    renameSync(staging, outdir);
    return;
  }
  if (!statSync(outdir).isDirectory()) throw new Error(`${outdir} exists and is not a directory`);
  const retired = `${staging}.previous`;
  renameSync(outdir, retired);
  try {
    renameSync(staging, outdir);
  } catch (e) {
    renameSync(retired, outdir);
    throw e;
  }
  rmSync(retired, { recursive: true, force: true });
}
