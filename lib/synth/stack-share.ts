import { App, Aspects, StackManifest, TerraformStack } from 'cdktf';
import { readFileSync } from 'fs';
import * as path from 'path';
import { addEstateStacks } from '../../stacks/estate-app';
import { OutputLocation } from '../../stacks/backend';
import { Estate } from '../estate/model';
import { Retirements } from '../lock/retirement';
import { PeeringPlan } from '../lock/peering-layout';
import { PolicyAspect, StackPolicyResult } from '../policy/policy-aspect';
import { StackConfig } from '../policy/stack-resources';
import { StackDigest, stackDigest } from '../lock/stack-digest';
import type { StackJson } from '../lock/written-stacks';
import { ReadTracker, UNATTRIBUTED } from './read-tracking';
import { startShareTracking, storeShare } from './share-tracking';
import type { StackCacheLocation } from './stack-cache';

/**
 * One share of a parallel synth (parallel-synth.ts): a few of the estate's stacks, built and
 * written by one thread, the main thread or a worker, exactly as single-threaded synth builds
 * and writes them. Zone stacks are independent (no cross-stack references, stacks/cross-stack-guard.ts),
 * so a stack built beside stand-ins of the others (EstateStacksOptions.build) comes out the same.
 */

/** What every thread works from: plain data, cloned into each worker. */
export interface ShareJob {
  readonly estate: Estate;
  readonly retirements: Retirements;
  /** The peering stacks' moves and kept stacks (lib/lock/peering-layout.ts). */
  readonly peerings: PeeringPlan;
  readonly location: OutputLocation;
  /** The staging directory: every thread writes `stacks/<name>/cdk.tf.json` into it. */
  readonly staging: string;
  /**
   * The stacks to build, in the app's order (the single-threaded synth order): every stack of
   * the app, or with the stack cache, those it had no entry for.
   */
  readonly names: readonly string[];
  /** With the stack cache on (stack-cache-run.ts): record what each stack reads and store it there. */
  readonly cache?: StackCacheLocation;
}

/** A written stack: its manifest entry, its rule pack verdict and its digest, as plain data for the main thread. */
export interface StackResult {
  readonly name: string;
  readonly manifest: StackManifest;
  readonly policy?: StackPolicyResult;
  /** What the readers after synth take from the JSON as written (lib/lock/stack-digest.ts). */
  readonly digest: StackDigest;
}

/**
 * The steps of single-threaded synth, in its order: every stack is built (addEstateStacks) before
 * any is prepared, every stack is prepared before any is written (App.synth), and the rule pack
 * judges them after all are written. A failure's key (step, stack index) orders failures as
 * single-threaded synth would meet them, so parallel synth reports the same, first one.
 */
export const STEP = { build: 0, prepare: 1, write: 2, judge: 3 } as const;
const STACKS_PER_STEP = 1 << 20;

export function failureKey(step: number, index: number): number {
  return step * STACKS_PER_STEP + index;
}

export function failureAt(key: number): { step: number; index: number } {
  return { step: Math.floor(key / STACKS_PER_STEP), index: key % STACKS_PER_STEP };
}

/** Thrown by a share step: the original error and its failure key. */
export class ShareFailure extends Error {
  constructor(
    readonly key: number,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/** Builds the stacks at `indices` (of job.names) in a new app beside stand-ins of the others. */
export function buildShare(job: ShareJob, indices: readonly number[], tracker?: ReadTracker): { app: App; stacks: TerraformStack[] } {
  const wanted = new Set(indices.map((i) => job.names[i]));
  const app = new App({ outdir: job.staging, stackTraces: false });
  let building = -1;
  // With a tracker, a stack's window opens as it is built, and lasts until the next stack: reads
  // between stacks count for it too (more than it reads, never less).
  const build = (name: string) => {
    tracker?.enter(wanted.has(name) ? name : UNATTRIBUTED);
    return wanted.has(name) && ((building = job.names.indexOf(name)), true);
  };
  try {
    addEstateStacks(app, job.estate, job.location, { retirements: job.retirements, peerings: job.peerings, build });
  } catch (e) {
    throw new ShareFailure(failureKey(STEP.build, Math.max(building, 0)), e);
  } finally {
    tracker?.enter(UNATTRIBUTED);
  }
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c) && wanted.has(c.node.id));
  return { app, stacks };
}

/** Prepares and writes `stacks` as App.synth does (without its manifest.json, which the main thread writes once). */
export function writeShare(app: App, stacks: readonly TerraformStack[], names: readonly string[], tracker?: ReadTracker): void {
  const session = { outdir: app.outdir, skipValidation: app.skipValidation, manifest: app.manifest };
  const within = <T>(stack: TerraformStack, run: () => T): T => (tracker ? tracker.within(stack.node.id, run) : run());
  for (const stack of stacks) attempt(STEP.prepare, names, stack, () => within(stack, () => stack.prepareStack()));
  for (const stack of stacks) attempt(STEP.write, names, stack, () => within(stack, () => stack.synthesizer.synthesize(session)));
}

/** Each written stack's manifest entry, the verdict of its PolicyAspect on the JSON as written, and its digest. */
export function judgeShare(app: App, stacks: readonly TerraformStack[], names: readonly string[], estate: Estate, tracker?: ReadTracker): StackResult[] {
  const within = <T>(stack: TerraformStack, run: () => T): T => (tracker ? tracker.within(stack.node.id, run) : run());
  return stacks.map((stack) =>
    attempt(STEP.judge, names, stack, () =>
      within(stack, () => {
        const name = stack.node.id;
        const manifest = app.manifest.stacks[name];
        // Parsed once, here, on the thread that wrote it: the rule pack's input, and the digest the main thread reads instead.
        const config = JSON.parse(readFileSync(path.join(app.outdir, manifest.synthesizedStackPath), 'utf8')) as StackConfig;
        const digest = stackDigest(config as StackJson);
        const aspect = Aspects.of(stack).all.find((a): a is PolicyAspect => a instanceof PolicyAspect);
        return { name, manifest, digest, ...(aspect ? { policy: aspect.evaluate(config, estate.suppressions) } : {}) };
      }),
    ),
  );
}

function attempt<T>(step: number, names: readonly string[], stack: TerraformStack, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new ShareFailure(failureKey(step, names.indexOf(stack.node.id)), e);
  }
}

/**
 * Builds, writes and judges the stacks at `indices`: what each thread does with each share it
 * takes. Once built, it stops when `firstFailure()` (the first failure any thread met so far)
 * comes before anything that could still fail here: the synth fails with that one anyway.
 */
export function synthesizeShare(job: ShareJob, indices: readonly number[], firstFailure: () => number = () => Infinity): StackResult[] {
  if (!job.cache) {
    const { app, stacks } = buildShare(job, indices);
    if (firstFailure() < failureKey(STEP.prepare, indices[0] ?? 0)) return [];
    writeShare(app, stacks, job.names);
    return judgeShare(app, stacks, job.names, job.estate);
  }
  // The same steps, with every read of each stack recorded, and each stack stored in the cache.
  const tracking = startShareTracking(job.estate);
  let app: App;
  let results: StackResult[];
  try {
    const share = buildShare({ ...job, estate: tracking.estate }, indices, tracking.tracker);
    app = share.app;
    if (firstFailure() < failureKey(STEP.prepare, indices[0] ?? 0)) return [];
    writeShare(app, share.stacks, job.names, tracking.tracker);
    results = judgeShare(app, share.stacks, job.names, tracking.estate, tracking.tracker);
  } finally {
    tracking.stop();
  }
  return storeShare(tracking, app.outdir, job.cache, results);
}
