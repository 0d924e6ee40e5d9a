import { failureKey, ShareFailure, ShareJob, StackResult, STEP, synthesizeShare } from './stack-share';

/**
 * The loop every thread of a parallel synth runs, the main thread and each worker alike: take
 * the next share (a run of consecutive stacks) from a counter in shared memory until none is
 * left. Taking shares as they come, rather than splitting the stacks up front, keeps all threads
 * busy however uneven the stacks are (with peering, later zones peer with more zones) and
 * whatever else the machine runs; a worker that never started simply takes none.
 */

/** Slots of the control array (an Int32Array over a SharedArrayBuffer) the threads share. */
export const CONTROL = {
  /** The next share to take. */
  nextShare: 0,
  /** The smallest failure key any thread met (stack-share.ts failureKey), NO_FAILURE when none. */
  firstFailure: 1,
  /** How many workers have finished (each adds 1 once, however it ends). */
  workersDone: 2,
} as const;
export const CONTROL_SLOTS = 3;
export const NO_FAILURE = 0x7fffffff;

/** What a thread reports about each share it took. */
export type ShareMessage =
  | { readonly kind: 'written'; readonly results: readonly StackResult[] }
  | { readonly kind: 'failed'; readonly key: number; readonly message: string; readonly stack?: string };

/** The stack indices of share `share`, or none past the end. */
export function shareIndices(share: number, shareSize: number, stackCount: number): number[] {
  const start = share * shareSize;
  return Array.from({ length: Math.max(0, Math.min(stackCount, start + shareSize) - start) }, (_, i) => start + i);
}

/**
 * Takes shares until none is left, reporting each. A failure does not stop the others at once:
 * single-threaded synth builds every stack before it writes any, so a build failure of a later
 * stack comes before a write failure of an earlier one. A share is skipped only when a failure
 * already known comes before anything that could fail in it. `onFailure` gets the original error
 * of a failure on this thread (the main thread rethrows it as is).
 */
export function takeShares(
  job: ShareJob,
  control: Int32Array,
  shareSize: number,
  report: (message: ShareMessage) => void,
  onFailure: (key: number, error: unknown) => void = () => undefined,
): void {
  for (;;) {
    const indices = shareIndices(Atomics.add(control, CONTROL.nextShare, 1), shareSize, job.names.length);
    if (!indices.length) return;
    if (Atomics.load(control, CONTROL.firstFailure) < failureKey(STEP.build, indices[0]!)) continue;
    try {
      report({ kind: 'written', results: synthesizeShare(job, indices, () => Atomics.load(control, CONTROL.firstFailure)) });
    } catch (e) {
      if (!(e instanceof ShareFailure)) throw e;
      recordFailure(control, e.key);
      onFailure(e.key, e.original);
      const original = e.original as { message?: unknown; stack?: unknown } | undefined;
      report({ kind: 'failed', key: e.key, message: String(original?.message ?? original), stack: String(original?.stack ?? '') });
    }
  }
}

/** Lowers the shared first-failure key to `key` if it is smaller. */
function recordFailure(control: Int32Array, key: number): void {
  for (;;) {
    const known = Atomics.load(control, CONTROL.firstFailure);
    if (known <= key || Atomics.compareExchange(control, CONTROL.firstFailure, known, key) === known) return;
  }
}
