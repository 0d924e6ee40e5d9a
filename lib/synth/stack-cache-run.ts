import { App, TerraformStack } from 'cdktf';
import { linkSync, mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { addEstateStacks, EstateStacks } from '../../stacks/estate-app';
import type { ZoneLayoutCacheOptions } from '../diagram/zone-layout-cache';
import { tokenStackTracesSkipped } from './fast-tokens';
import { ReadTracker, UNATTRIBUTED, utcDay } from './read-tracking';
import { ReadReplay, trackEnvironment } from './read-replay';
import { Fingerprints } from './read-subtrees';
import { CachedStack, pruneContexts, StackCacheLocation, StackCacheReader } from './stack-cache';
import { cachedBytes, sha256 } from './stack-cache-files';
import type { ShareJob, StackResult } from './stack-share';

/**
 * The stack cache in a synth (issue 19), on the main thread: builds the app of stand-ins
 * (parallel-synth.ts) with every read recorded, which are the reads no stack's window covers
 * (the deployment order, the input plan, the peering layout...), and makes them part of the
 * context every entry is keyed by, with the code version, node, the output location and the
 * lock's plans (retirements, peerings), which the stacks see without tracking. Then each stack
 * whose entry reads the same from this estate, environment and day is taken from the cache.
 */

export interface StackCacheOptions {
  /**
   * The cache's directory (scripts/run-synth.cjs: node_modules/.cache/csa-estate/synth): stacks
   * under `stacks/`, the diagram's zone layouts (lib/diagram/zone-layout-cache.ts) under `zone-layouts/`.
   */
  readonly dir: string;
  /** The code's version: a content hash of every source the app is built from. */
  readonly codeVersion: string;
}

/** Where the diagram keeps its zone layouts, with the stacks' cache. */
export function zoneLayoutCache(options: StackCacheOptions): ZoneLayoutCacheOptions {
  return { dir: path.join(options.dir, 'zone-layouts'), version: options.codeVersion };
}

/** How many stacks a synth took from the cache and how many it built. */
export interface StackCacheCount {
  readonly reused: number;
  readonly built: number;
}

export interface CachedStandIns {
  readonly built: EstateStacks;
  /** Where this synth stores entries; none when reads could not be tracked (nothing cached). */
  readonly location?: StackCacheLocation;
  /** Stacks taken from the cache, by name. */
  readonly reused: ReadonlyMap<string, CachedStack>;
}

const FORMAT = 6;

/** Adds the stand-ins to `app` with reads recorded, and looks each stack up. */
export function standInsFromCache(app: App, job: Omit<ShareJob, 'names'>, options: StackCacheOptions): CachedStandIns {
  const tracker = new ReadTracker();
  const stop = trackEnvironment(tracker);
  let built: EstateStacks;
  try {
    built = addEstateStacks(app, tracker.root(job.estate), job.location, { retirements: job.retirements, peerings: job.peerings, build: () => false });
  } finally {
    stop();
  }
  if (tracker.poisoned.size) return { built, reused: new Map() };
  const location = { dir: path.join(options.dir, 'stacks'), context: cacheContext(job, options, tracker.readsOf(UNATTRIBUTED)) };
  pruneContexts(location);
  const reader = new StackCacheReader(location, new ReadReplay({ estate: job.estate, env: process.env, today: utcDay() }), Fingerprints.forEstate(job.estate));
  const reused = new Map<string, CachedStack>();
  for (const stack of app.node.children.filter(TerraformStack.isStack)) {
    const entry = reader.lookup(stack.node.id);
    if (entry) reused.set(stack.node.id, entry);
  }
  return { built, location, reused };
}

/** What every stack's entry is keyed by, besides its own reads. */
function cacheContext(job: Omit<ShareJob, 'names'>, options: StackCacheOptions, shared: readonly string[]): string {
  const { retirements, peerings } = job;
  return sha256(
    JSON.stringify({
      format: FORMAT,
      code: options.codeVersion,
      node: process.versions.node,
      sourceMaps: process.sourceMapsEnabled,
      tokenStackTraces: !tokenStackTracesSkipped(),
      location: job.location,
      retirements: { ...retirements, forgotten: [...retirements.forgotten].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) },
      peerings,
      shared: [...shared].sort(),
    }),
  );
}

/**
 * Writes a reused stack's files into the staging directory; its result as a share would have
 * reported it. A file is a hard link to the cache's copy where the file system allows (no data
 * written; the lookup checked the copy's hash, and checks it again at every lookup, so a file
 * changed in place later through the output is a miss, never served), else a copy of the
 * bytes, checked again as they are read. A copy that changed since the lookup (another synth
 * pruned the entry meanwhile) fails the synth, which then writes nothing.
 */
export function writeReused(staging: string, name: string, entry: CachedStack): StackResult {
  mkdirSync(path.join(staging, entry.manifest.workingDirectory), { recursive: true });
  for (const [file, cached] of entry.files) {
    const target = path.join(staging, file);
    if (path.dirname(file) !== entry.manifest.workingDirectory) mkdirSync(path.dirname(target), { recursive: true });
    if (linked(cached.at, target)) continue;
    const bytes = cachedBytes(cached);
    if (!bytes)
      throw new Error(
        `the stack cache's copy of ${file} (${cached.at}) changed while this synth ran (another synth pruned it?): synthesize again, or with CSA_SYNTH_CACHE=0`,
      );
    writeFileSync(target, bytes);
  }
  return { name, manifest: entry.manifest, digest: entry.digest, ...(entry.policy ? { policy: entry.policy } : {}) };
}

function linked(existing: string, target: string): boolean {
  try {
    linkSync(existing, target);
    return true;
  } catch {
    // Another file system, links not allowed, or the entry pruned meanwhile: the bytes are written instead.
    return false;
  }
}
