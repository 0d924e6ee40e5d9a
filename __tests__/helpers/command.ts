import { spawn, spawnSync } from 'child_process';
import { Console } from 'console';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { Writable } from 'stream';
import { REPO } from './synth';

const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
/** `npm run synth` (package.json) and the cdktf CLI's app (cdktf.json): main.ts compiled once per content of its sources. */
export const RUN_SYNTH = path.join(REPO, 'scripts', 'run-synth.cjs');

export interface SynthProcessOptions {
  /** The whole environment of the run (the stack cache is off unless it says CSA_SYNTH_CACHE). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * A module the process requires first (node --require), to patch cdktf or the provider bindings:
   * they are then loaded from node_modules, not from the bundle (CSA_SYNTH_EXTERNAL_PACKAGES=1).
   */
  readonly preload?: string;
  /** main.ts from the TypeScript sources, with tsx, as development runs it (npx tsx main.ts). */
  readonly sources?: boolean;
}

/**
 * The command line and environment of the synth process, as `npm run synth` starts it: node
 * scripts/run-synth.cjs, which runs main.ts compiled (built once per content of the sources, and
 * shared by every test that starts it), or with `sources` tsx main.ts. The stack cache
 * (lib/synth/stack-cache-run.ts) stays off unless `env` turns it on: each run builds every stack,
 * as from the sources, and prints no cache note.
 */
export function synthProcess(args: readonly string[], options: SynthProcessOptions): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { CSA_SYNTH_CACHE: '0', ...options.env };
  if (options.sources)
    return { command: TSX, args: [path.join(REPO, 'main.ts'), ...args], env: options.preload ? { ...env, NODE_OPTIONS: `--require ${options.preload}` } : env };
  if (options.preload) env.CSA_SYNTH_EXTERNAL_PACKAGES = '1';
  return { command: process.execPath, args: [...(options.preload ? ['--require', options.preload] : []), RUN_SYNTH, ...args], env };
}

/**
 * Runs `npm run synth` as a user would, as a process (synthProcess above): ESTATE and CDKTF_OUTDIR,
 * in the output's parent directory.
 */
export function runSynthCommand(
  estate: string,
  outdir: string,
  options: { env?: NodeJS.ProcessEnv; timeout?: number; preload?: string; sources?: boolean } = {},
) {
  const run = synthProcess([], {
    env: { ...process.env, ESTATE: estate, CDKTF_OUTDIR: outdir, ...options.env },
    ...(options.preload ? { preload: options.preload } : {}),
    ...(options.sources ? { sources: true } : {}),
  });
  const result = spawnSync(run.command, run.args, {
    cwd: path.dirname(outdir),
    env: run.env,
    encoding: 'utf8',
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What `runSynthCommand` above checks, in this process: the command's own code path after the
 * process started (main.ts's parseSynthArgs(argv, env), then runSynthCommand), run in the
 * output's parent directory with ESTATE and CDKTF_OUTDIR, its exit code returned and its
 * stdout and stderr captured as a process's pipes would hold them. For tests of what the
 * command does; those of the process itself (main.ts, exit status, signals, a crash) spawn it.
 * (`timeout` is accepted for the same signature; a synchronous run cannot be timed out.)
 */
export function runSynthInProcess(estate: string, outdir: string, options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  return synthArgvInProcess([], { cwd: path.dirname(outdir), env: { ...process.env, ESTATE: estate, CDKTF_OUTDIR: outdir, ...options.env } });
}

/**
 * main.ts with arguments, in this process: parseSynthArgs(args, env) then runSynthCommand, as
 * main.ts does when the arguments ask for a synth (usage errors and --help throw here: spawn
 * main.ts for those). `env` is the whole environment of the run and `cwd` its directory, both
 * restored afterwards. Output is captured as it would reach pipes: stderr is not a terminal
 * (no progress line), console.* formatted as Node's console formats it.
 */
export function synthArgvInProcess(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const { parseSynthArgs } = require('../../lib/synth/synth-args') as typeof import('../../lib/synth/synth-args');
  const { runSynthCommand } = require('../../lib/synth/synth-command') as typeof import('../../lib/synth/synth-command');
  const out = { stdout: '', stderr: '' };
  const write = (stream: 'stdout' | 'stderr') => (chunk: string | Uint8Array) => ((out[stream] += chunk.toString()), true);
  // Written to synchronously (the callback is called at once), so nothing is buffered past the run.
  const pipe = (stream: 'stdout' | 'stderr') => new Writable({ decodeStrings: false, write: (chunk, _encoding, done) => (write(stream)(chunk), done()) });
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    console: globalThis.console,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    isTTY: Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
  };
  process.env = { ...options.env };
  process.chdir(options.cwd);
  globalThis.console = new Console({ stdout: pipe('stdout'), stderr: pipe('stderr') });
  process.stdout.write = write('stdout') as typeof process.stdout.write;
  process.stderr.write = write('stderr') as typeof process.stderr.write;
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true, writable: true });
  try {
    const status = runSynthCommand(parseSynthArgs(args, process.env));
    return { status, ...out };
  } finally {
    process.env = saved.env;
    process.chdir(saved.cwd);
    globalThis.console = saved.console;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    if (saved.isTTY) Object.defineProperty(process.stderr, 'isTTY', saved.isTTY);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
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
  const { GITHUB_STEP_SUMMARY: _ignored, ...inherited } = process.env;
  return runProcess(TSX, args, { cwd: options.cwd, env: { ...inherited, CHECKPOINT_DISABLE: '1', ...options.env } });
}

/** Runs a process to its end without blocking the test (so several can run at once): its exit code and output. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
