import { availableParallelism } from 'os';

/**
 * How many threads build and write the stacks (parallel-synth.ts): the main thread and
 * `threads - 1` worker threads. CSA_SYNTH_WORKERS (or SynthOptions.threads) sets it; 1 is the
 * single-threaded synth. By default, an estate of at least PARALLEL_FROM_STACKS stacks uses
 * every core (at most MAX_SYNTH_THREADS), a smaller one a single thread: a worker first loads
 * cdktf and the provider bindings (about 0.6 s of CPU) and judges what it wrote, which a few
 * stacks do not repay. Measured on the 2-core machine under a load of about 3.4, 100 landing
 * zones (peering, 201 stacks): 1 thread 9.9 s and 8.7 s wall, 2 threads 8.0 s and 6.6 s
 * (scripts/bench.ts). Worker threads start only in the compiled app (`npm run synth`, the
 * cdktf CLI: scripts/run-synth.cjs); from the TypeScript sources (tsx, jest) the calling thread
 * takes every share (synth-workers.ts).
 */

/** Stacks from which parallel synthesis is the default (20 landing zones with their peering stacks). */
export const PARALLEL_FROM_STACKS = 40;

/** More threads than this gain little, and each holds its own copy of the app's modules. */
export const MAX_SYNTH_THREADS = 8;

export function synthThreads(requested: number | undefined, env: NodeJS.ProcessEnv, stacks: number): number {
  const explicit = requested ?? fromEnv(env.CSA_SYNTH_WORKERS);
  const wanted = explicit ?? (stacks >= PARALLEL_FROM_STACKS ? availableParallelism() : 1);
  return Math.max(1, Math.min(wanted, stacks, MAX_SYNTH_THREADS));
}

function fromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`CSA_SYNTH_WORKERS must be a whole number of at least 1 (1: synthesize on one thread), got "${value}"`);
  return threads;
}
