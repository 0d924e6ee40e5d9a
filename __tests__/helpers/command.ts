import { spawn, spawnSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { REPO } from './synth';

const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

/** Runs `npm run synth`'s entry point as a user would: ESTATE and CDKTF_OUTDIR, in the output's parent directory. */
export function runSynthCommand(estate: string, outdir: string, options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const result = spawnSync(TSX, [path.join(REPO, 'main.ts')], {
    cwd: path.dirname(outdir),
    env: { ...process.env, ESTATE: estate, CDKTF_OUTDIR: outdir, ...options.env },
    encoding: 'utf8',
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with its content, to prove a directory was not touched. */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = path.join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs a TypeScript entry point with tsx, as `npm run` would, without blocking the test (so
 * several can run at once). GITHUB_STEP_SUMMARY is not inherited: only a file a test gives.
 */
export function runTsx(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { GITHUB_STEP_SUMMARY: _ignored, ...inherited } = process.env;
    const child = spawn(TSX, [...args], {
      cwd: options.cwd,
      env: { ...inherited, CHECKPOINT_DISABLE: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
