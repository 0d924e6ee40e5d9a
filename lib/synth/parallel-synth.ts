import { App, Aspects, TerraformStack } from 'cdktf';
import { addEstateStacks, EstateStacks } from '../../stacks/estate-app';
import { PolicyAspect, StackPolicyResult } from '../policy/policy-aspect';
import type { StackDigest } from '../lock/stack-digest';
import { tokenStackTracesSkipped } from './fast-tokens';
import { CONTROL, CONTROL_SLOTS, NO_FAILURE, ShareMessage, takeShares } from './share-loop';
import { failureAt, ShareFailure, ShareJob, StackResult, synthesizeShare } from './stack-share';
import { startSynthWorkers } from './synth-workers';
import { StackCacheCount, StackCacheOptions, standInsFromCache, writeReused } from './stack-cache-run';

/**
 * Parallel synthesis of the zone stacks (issue 19). Zone stacks are independent (they read each
 * other through remote state only, stacks/cross-stack-guard.ts), so each thread builds and
 * writes a share of them (stack-share.ts): the main thread and `threads - 1` workers take
 * shares of consecutive stacks as they come (share-loop.ts). The main thread holds the whole
 * app as stand-ins (EstateStacksOptions.build), with every stack's name and dependencies, and
 * writes manifest.json from what the threads report. The output is byte-identical to
 * single-threaded synth, and so is a failure: the first one in single-threaded order.
 */

export type ParallelJob = Omit<ShareJob, 'names'>;

/** The app of stand-ins, with what `app.synth()` would have given: manifest.json written, each stack's rule pack verdict. */
export interface ParallelSynth {
  readonly app: App;
  readonly built: EstateStacks;
  /** How many threads synthesized, and how many stacks the worker threads wrote (the rest: the main thread). */
  readonly threads: SynthThreads;
  /** With the stack cache: how many stacks it gave, how many were built. */
  readonly cache?: StackCacheCount;
  /** Every stack's digest, from the thread that wrote it or from the stack cache (lib/lock/stack-digest.ts). */
  readonly digests: Readonly<Record<string, StackDigest>>;
}

export interface SynthThreads {
  readonly count: number;
  readonly stacksOnWorkers: number;
}

/**
 * Shares per thread: enough to even out uneven stacks and keep short the wait for the last share
 * at the end (8 rather than 4: 250 zones 4-6% faster, paired), few enough that each share's app
 * of stand-ins costs little.
 */
const SHARES_PER_THREAD = 8;

export function synthesizeInParallel(job: ParallelJob, threads: number, cache?: StackCacheOptions): ParallelSynth {
  const app = new App({ outdir: job.staging, stackTraces: false });
  const cached = cache && standInsFromCache(app, job, cache);
  const built = cached
    ? cached.built
    : addEstateStacks(app, job.estate, job.location, { retirements: job.retirements, peerings: job.peerings, build: () => false });
  const names = app.node.children.filter(TerraformStack.isStack).map((stack) => stack.node.id);
  // With the cache, the shares are the stacks it had no entry for.
  const todo = cached ? names.filter((name) => !cached.reused.has(name)) : names;
  const full: ShareJob = { ...job, names: todo, ...(cached?.location ? { cache: cached.location } : {}) };
  const { results, threads: used } = synthesizeShares(full, Math.min(threads, Math.max(1, todo.length)));
  const byName = new Map(results.map((result) => [result.name, result]));
  for (const [name, entry] of cached?.reused ?? []) byName.set(name, writeReused(job.staging, name, entry));
  const all = names.map((name) => byName.get(name)!);
  recordResults(app, all);
  // The app holds only stand-ins, which write nothing: this is App.synth's tail (its checks and manifest.json).
  app.synth();
  const digests = Object.fromEntries(all.map((result) => [result.name, result.digest]));
  return { app, built, threads: used, digests, ...(cached ? { cache: { reused: cached.reused.size, built: todo.length } } : {}) };
}

/** Builds and writes the stacks of `full` on `threads` threads; their results in the job's order. */
function synthesizeShares(full: ShareJob, threads: number): { results: StackResult[]; threads: SynthThreads } {
  if (!full.names.length) return { results: [], threads: { count: 1, stacksOnWorkers: 0 } };
  // One thread: one share (each share has its own app of stand-ins).
  const shareSize = threads === 1 ? full.names.length : Math.max(1, Math.ceil(full.names.length / (threads * SHARES_PER_THREAD)));
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  control[CONTROL.firstFailure] = NO_FAILURE;
  const workers = startSynthWorkers(threads - 1, {
    job: full,
    shareSize,
    control,
    skipTokenStackTraces: tokenStackTracesSkipped(),
    sourceMaps: process.sourceMapsEnabled,
  });
  const messages: ShareMessage[] = [];
  const originals = new Map<number, unknown>();
  let fromWorkers: ShareMessage[];
  try {
    if (workers.started && process.env.CSA_SYNTH_WORKER_FIRST === '1') awaitFirstWorkerShare(control, workers.started);
    takeShares(
      full,
      control,
      shareSize,
      (message) => messages.push(message),
      (key, error) => originals.set(key, error),
    );
    fromWorkers = workers.finish();
  } finally {
    workers.stop();
  }
  const results = collectResults(full, [...messages, ...fromWorkers], originals);
  const stacksOnWorkers = fromWorkers.reduce((n, message) => n + (message.kind === 'written' ? message.results.length : 0), 0);
  return { results, threads: { count: 1 + workers.started, stacksOnWorkers } };
}

/**
 * CSA_SYNTH_WORKER_FIRST=1 (for tests of parallel synth): the main thread takes no share until a
 * worker has taken one (or every worker is done, or a minute has passed), so a worker thread
 * writes stacks however slowly it starts; otherwise a loaded machine may let the main thread take
 * every share first, which is correct but leaves the worker path untested.
 */
function awaitFirstWorkerShare(control: Int32Array, workers: number): void {
  const deadline = Date.now() + 60_000;
  while (Atomics.load(control, CONTROL.nextShare) === 0 && Atomics.load(control, CONTROL.workersDone) < workers && Date.now() < deadline)
    Atomics.wait(control, CONTROL.nextShare, 0, 20);
}

/**
 * Every stack's result, in app order; throws the first failure. Stacks no thread reported (a
 * worker that ended early) are synthesized here.
 */
function collectResults(job: ShareJob, messages: readonly ShareMessage[], originals: Map<number, unknown>): StackResult[] {
  const byName = new Map<string, StackResult>();
  const failures = new Map<number, ShareMessage & { kind: 'failed' }>();
  for (const message of messages) {
    if (message.kind === 'failed') failures.set(message.key, message);
    else for (const result of message.results) byName.set(result.name, result);
  }
  const missing = job.names.flatMap((name, index) => (byName.has(name) ? [] : [index]));
  if (missing.length && !failures.size) {
    try {
      for (const result of synthesizeShare(job, missing)) byName.set(result.name, result);
    } catch (e) {
      if (!(e instanceof ShareFailure)) throw e;
      originals.set(e.key, e.original);
      failures.set(e.key, { kind: 'failed', key: e.key, message: e.message });
    }
  }
  if (failures.size) throw firstFailure(job, [...failures.values()].sort((a, b) => a.key - b.key)[0]!, originals);
  return job.names.map((name) => byName.get(name)!);
}

/**
 * The error single-threaded synth would have thrown. A worker's error crossed a thread as a
 * message, losing its class and properties, so the failing step is done again here, on its own,
 * for the original; only if that somehow succeeds is the worker's message thrown.
 */
function firstFailure(job: ShareJob, failure: { key: number; message: string; stack?: string }, originals: Map<number, unknown>): unknown {
  if (originals.has(failure.key)) return originals.get(failure.key);
  try {
    synthesizeShare(job, [failureAt(failure.key).index]);
  } catch (e) {
    return e instanceof ShareFailure ? e.original : e;
  }
  return Object.assign(new Error(failure.message), failure.stack ? { stack: failure.stack } : {});
}

/**
 * Puts each stack's manifest entry into the app's manifest, and its rule pack verdict on its
 * stand-in as a PolicyAspect that answers with it, so checkSynthesizedApp judges the app exactly
 * as it judges a single-threaded one (same order, same unused-suppression warnings).
 */
function recordResults(app: App, results: readonly StackResult[]): void {
  const standIns = new Map(app.node.children.filter(TerraformStack.isStack).map((stack) => [stack.node.id, stack]));
  for (const result of results) {
    app.manifest.stacks[result.name] = result.manifest;
    if (result.policy) Aspects.of(standIns.get(result.name)!).add(new RecordedVerdict(result.policy));
  }
}

/** A stand-in's rule pack: the verdict its share's thread, or the stack cache, reached on the JSON as written. */
class RecordedVerdict extends PolicyAspect {
  constructor(private readonly verdict: StackPolicyResult) {
    super();
  }

  override readsStackJson(): boolean {
    return false;
  }

  override evaluate(): StackPolicyResult {
    return this.verdict;
  }
}
