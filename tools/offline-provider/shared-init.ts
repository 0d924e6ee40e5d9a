// One `terraform init` for every stack of an offline run. Offline, init has little to do
// per stack: reattached providers are not installed (provider-daemon.ts) and every
// backend is the state server's `http` backend with the same configuration (its address
// comes from TF_HTTP_ADDRESS, state-server.ts), so what init leaves behind,
// `.terraform/terraform.tfstate` (the backend type, configuration and its hash), is the
// same file for all of them. It is made once, in a directory holding only that backend,
// while the provider daemon starts, and copied into each stack: ~0.1 s of CPU per stack
// and the first command of the run saved. Stacks it cannot serve (module calls to
// install, no backend block, another provider runtime) run their own init.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_BACKEND_OVERRIDE } from './state-server';
import { runTerraform } from './terraform-cli';

export interface InitTemplate {
  /** The `.terraform/terraform.tfstate` an init of the shared backend configuration wrote. */
  backendFile: string;
}

/** Runs the one init; undefined when it fails (each stack then runs its own, which reports why). */
export async function makeInitTemplate(
  root: string,
  bin: string,
  env: NodeJS.ProcessEnv,
  stateAddress: string,
  timeoutMs: number,
): Promise<InitTemplate | undefined> {
  const dir = join(root, 'init-template');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(HTTP_BACKEND_OVERRIDE));
  const res = await runTerraform(bin, ['init', '-input=false', '-no-color'], { cwd: dir, env: { ...env, TF_HTTP_ADDRESS: stateAddress }, timeoutMs });
  const backendFile = join(dir, '.terraform', 'terraform.tfstate');
  return res.code === 0 && existsSync(backendFile) ? { backendFile } : undefined;
}

/** Whether a stack's configuration needs nothing of init but the backend. */
export function initSharable(doc: Record<string, unknown>, stateAddress: string | undefined): boolean {
  return stateAddress !== undefined && doc.module === undefined;
}

export function useInitTemplate(template: InitTemplate, stackDir: string): void {
  mkdirSync(join(stackDir, '.terraform'), { recursive: true });
  copyFileSync(template.backendFile, join(stackDir, '.terraform', 'terraform.tfstate'));
}
