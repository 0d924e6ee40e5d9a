import type { MessagePort } from 'worker_threads';
import type { ShareJob } from './stack-share';
import type { ShareMessage } from './share-loop';

/** What a synth worker thread gets (synth-workers.ts): the job, its share size and how this process synthesizes. */
export interface SynthWorkerData {
  readonly job: ShareJob;
  readonly shareSize: number;
  /** The control array shared by all threads (share-loop.ts CONTROL). */
  readonly control: Int32Array;
  /** Where the worker reports each share (ShareMessage). */
  readonly port: MessagePort;
  /** The main thread skipped cdktf's token stack traces (fast-tokens.ts); so does the worker, for the same errors. */
  readonly skipTokenStackTraces: boolean;
  readonly sourceMaps: boolean;
}

/**
 * The body of a synth worker thread: takes shares of the stacks until none is left
 * (share-loop.ts). Modules load here, not at the top of the file: the fast JSON writer must be
 * in place before cdktf loads (as in main.ts), and cdktf's patches are per thread.
 */
/** Takes shares until none is left; returns how many stacks this worker wrote. */
export function runSynthWorker(data: SynthWorkerData): number {
  (require('./fast-stringify') as typeof import('./fast-stringify')).preloadFastStableStringify();
  process.setSourceMapsEnabled(data.sourceMaps);
  if (data.skipTokenStackTraces) (require('./fast-tokens') as typeof import('./fast-tokens')).skipTokenStackTraces();
  const { installFastResolve, installFastSnakeCase } = require('./fast-resolve') as typeof import('./fast-resolve');
  installFastResolve();
  installFastSnakeCase();
  (require('./fast-constructs') as typeof import('./fast-constructs')).installFastConstructs();
  const { takeShares } = require('./share-loop') as typeof import('./share-loop');
  let written = 0;
  takeShares(data.job, data.control, data.shareSize, (message: ShareMessage) => {
    if (message.kind === 'written') written += message.results.length;
    data.port.postMessage(message);
  });
  return written;
}
