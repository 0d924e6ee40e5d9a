import type { StackManifest } from 'cdktf';
import type { Estate } from '../estate/model';
import type { StackPolicyResult } from '../policy/policy-aspect';
import type { StackDigest } from '../lock/stack-digest';
import { ReadTracker, UNATTRIBUTED } from './read-tracking';
import { trackEnvironment } from './read-replay';
import { Fingerprints } from './read-subtrees';
import { StackCacheLocation, storeSharedReads, storeStack } from './stack-cache';
import { filesUnder } from './stack-cache-files';

/**
 * A share of stacks (stack-share.ts) built with the stack cache on: the share's estate is the
 * recording proxy (read-tracking.ts), environment variables and the clock are recorded too, and
 * once the share is written each stack's entry is stored with its own reads plus the share's
 * unattributed ones (what was read outside every stack's window, in this share).
 */

export interface ShareTracking {
  readonly tracker: ReadTracker;
  /** The estate the share's stacks are built from: every read recorded. */
  readonly estate: Estate;
  /** Stops recording the environment and the clock. */
  readonly stop: () => void;
}

/** A written stack as the share reports it (stack-share.ts StackResult). */
interface WrittenResult {
  readonly name: string;
  readonly manifest: StackManifest;
  readonly policy?: StackPolicyResult;
  readonly digest: StackDigest;
}

export function startShareTracking(estate: Estate): ShareTracking {
  const tracker = new ReadTracker();
  const stop = trackEnvironment(tracker);
  return { tracker, estate: tracker.root(estate), stop };
}

/**
 * Plain copies of the share's results (a verdict may hold parts of the model: proxies, which
 * cannot cross to the main thread), each stored in the cache unless its reads are poisoned.
 */
export function storeShare(tracking: ShareTracking, outdir: string, cache: StackCacheLocation, results: readonly WrittenResult[]): WrittenResult[] {
  const { tracker } = tracking;
  const plain = tracker.unrecorded(() => results.map((result) => plainCopy(result) as WrittenResult));
  if (tracker.poisoned.has(UNATTRIBUTED)) return plain;
  const shared = storeSharedReads(cache, tracker.readsOf(UNATTRIBUTED));
  if (shared === undefined) return plain;
  const parts = Fingerprints.forEstate(tracker.unwrap(tracking.estate));
  for (const result of plain) {
    if (tracker.poisoned.has(result.name)) continue;
    const files = filesUnder(outdir, result.manifest.workingDirectory);
    const output = { manifest: result.manifest, files, digest: result.digest, ...(result.policy ? { policy: result.policy } : {}) };
    storeStack(cache, result.name, shared, tracker.readsOf(result.name), output, parts, outdir);
  }
  return plain;
}

/** A deep copy of plain data (arrays, plain objects, Sets), through proxies. */
export function plainCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Set) return new Set([...(value as Set<unknown>)].map(plainCopy));
  if (Array.isArray(value)) return value.map(plainCopy);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = plainCopy(item);
  return copy;
}
