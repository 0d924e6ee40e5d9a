import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { LOAD_WITH_CODE_CACHE } from '../util/code-cache-loader';
import { CONTROL, ShareMessage } from './share-loop';
import type { SynthWorkerData } from './synth-worker';

/**
 * Starting the worker threads of a parallel synth, and collecting what they report. Synth is
 * synchronous (the cdktf CLI and the tests call it as a function), so the main thread never
 * yields to its event loop: workers report through MessagePorts read with receiveMessageOnPort,
 * and count themselves done in shared memory, which the main thread waits on (Atomics.wait).
 */

/**
 * Set by scripts/run-synth.cjs (esbuild `define`) in the compiled app: the worker's own bundle,
 * beside the app's. Undefined when the app runs from its TypeScript sources (tsx, jest).
 */
declare const CSA_SYNTH_WORKER_BUNDLE: string | undefined;

/**
 * The worker's first code: plain JavaScript, so it runs whatever loads the app. It counts the
 * worker done exactly once however it ends (returns, throws, process.exit), so the main thread
 * never waits for a worker that is gone; the shares a failed worker did not finish are taken by
 * the main thread (parallel-synth.ts).
 */
const BOOTSTRAP = `
const { workerData } = require('worker_threads');
let finished = false;
const finish = () => {
  if (finished) return;
  finished = true;
  Atomics.add(workerData.control, ${CONTROL.workersDone}, 1);
  Atomics.notify(workerData.control, ${CONTROL.workersDone});
};
process.on('exit', finish);
${LOAD_WITH_CODE_CACHE}
try {
  // The worker's bundle with V8's code cache beside it, as scripts/run-synth.cjs loads the app's.
  const loaded = loadWithCodeCache(workerData.entry, workerData.entry + '.v8');
  const written = loaded.exports.runSynthWorker(workerData);
  // Only after the worker wrote stacks: V8 goes on accepting a cache once written, and one from a
  // worker that took no share would hold a fraction of what writing stacks compiles.
  if (loaded.save && written > 0) loaded.save();
} catch {
  // The main thread does what this worker did not.
} finally {
  finish();
}
`;

/** True in the compiled app (scripts/run-synth.cjs), whose workers need no TypeScript compiler. */
export function compiledApp(): boolean {
  return typeof CSA_SYNTH_WORKER_BUNDLE === 'string';
}

/**
 * The module a worker runs: the compiled app's worker bundle. From the TypeScript sources
 * (`npx tsx main.ts`, jest) no worker starts and the main thread takes every share, which is
 * single-threaded synth: a worker loading the sources through tsx's require hook (tsx/cjs/api)
 * loads, but then hung while the main thread waited on it (not investigated yet, issue 19), and
 * jest's module system is not available to a worker at all.
 */
function workerEntry(): { entry: string } | undefined {
  return compiledApp() ? { entry: path.join(__dirname, CSA_SYNTH_WORKER_BUNDLE!) } : undefined;
}

export interface SynthWorkers {
  /** How many workers started (0 when none could: the main thread then synthesizes alone). */
  readonly started: number;
  /** Waits until every started worker is done, then returns everything they reported, worker by worker. */
  finish(): ShareMessage[];
  /** Stops the workers (after finish, or when the main thread fails). */
  stop(): void;
}

type WorkerTask = Omit<SynthWorkerData, 'port'>;

/** Starts `count` workers on `task`; the ones that cannot start are left out. */
export function startSynthWorkers(count: number, task: WorkerTask): SynthWorkers {
  const entry = workerEntry();
  const running: { worker: Worker; port: MessagePort }[] = [];
  for (let i = 0; entry && i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { ...task, entry: entry.entry, port: port2 },
        transferList: [port2],
      });
      worker.unref();
      worker.on('error', () => undefined);
      running.push({ worker, port: port1 });
    } catch {
      port1.close();
      break;
    }
  }
  const stop = () => {
    for (const { worker, port } of running) {
      port.close();
      void worker.terminate();
    }
  };
  return {
    started: running.length,
    finish() {
      waitForDone(task.control, running.length);
      return running.flatMap(({ port }) => drain(port));
    },
    stop,
  };
}

function waitForDone(control: Int32Array, workers: number): void {
  for (;;) {
    const done = Atomics.load(control, CONTROL.workersDone);
    if (done >= workers) return;
    Atomics.wait(control, CONTROL.workersDone, done, 1000);
  }
}

function drain(port: MessagePort): ShareMessage[] {
  const messages: ShareMessage[] = [];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) messages.push(next.message as ShareMessage);
  return messages;
}
