import type { ElkNode } from 'elkjs/lib/elk-api';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { LOAD_WITH_CODE_CACHE } from '../util/code-cache-loader';
import { layoutSync } from './elk-layout';

/**
 * ELK layout on a worker thread, so that loading elkjs (about 0.1 s) and laying out run
 * while the main thread synthesizes the stacks; `result()` then blocks (Atomics.wait) until
 * the worker is done, so synth stays synchronous. The worker is plain JavaScript (no
 * TypeScript loader needed, under tsx, jest or the cdktf CLI alike) and only sees ELK's JSON
 * graph. Anything unexpected falls back to laying out on the calling thread.
 */
export interface PendingLayout {
  /** The laid-out graph (waits for the worker if it is not done yet). */
  result(): ElkNode;
  /** Stops the worker without waiting for it. */
  cancel(): void;
  /** True when the layout runs on a worker thread. */
  readonly threaded: boolean;
}

const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { port, signal, elkPath, codeCache, graph } = workerData;
${LOAD_WITH_CODE_CACHE}
let reply;
let loaded;
try {
  loaded = loadWithCodeCache(elkPath, codeCache);
  const { Worker } = loaded.exports;
  const elk = new Worker();
  let out;
  elk.onmessage = (event) => { out = event.data; };
  elk.dispatcher.saveDispatch({ data: { id: 0, cmd: 'register', algorithms: ['layered', 'fixed'] } });
  if (!out || out.error) throw new Error('registering the layout algorithms failed');
  out = undefined;
  elk.dispatcher.saveDispatch({ data: { id: 1, cmd: 'layout', graph, layoutOptions: {}, options: {} } });
  if (!out) throw new Error('elkjs did not lay out synchronously');
  reply = out.error ? { error: String((out.error && out.error.message) || out.error).split('\\n')[0] } : { graph: out.data };
} catch (e) {
  reply = { error: String((e && e.message) || e).split('\\n')[0] };
}
// Once per elkjs and Node version, after a layout: the cache then holds the functions it compiled.
if (loaded && loaded.save && reply.graph) loaded.save();
port.postMessage(reply);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

/** How long `result()` waits for the worker before laying out itself. */
const WORKER_TIMEOUT_MS = 60_000;

export function startLayout(graph: ElkNode, options: { threaded?: boolean } = {}): PendingLayout {
  if (options.threaded === false) return inThread(graph);
  let worker: Worker;
  const elkPath = require.resolve('elkjs/lib/elk-worker.min.js');
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal, elkPath, codeCache: elkCodeCache(elkPath), graph },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
  } catch {
    port1.close();
    return inThread(graph);
  }
  worker.unref();
  // A worker that fails to start reports it as an 'error' event; result() then falls back.
  worker.on('error', () => undefined);
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  return {
    threaded: true,
    result() {
      const deadline = Date.now() + WORKER_TIMEOUT_MS;
      while (Atomics.load(signal, 0) === 0 && Date.now() < deadline) Atomics.wait(signal, 0, 0, 50);
      const message = receiveMessageOnPort(port1)?.message as { graph?: ElkNode; error?: string } | undefined;
      stop();
      if (message?.graph) return message.graph;
      if (message?.error) throw new Error(`elkjs layout failed: ${message.error}`);
      return layoutSync(graph); // the worker never answered: do it here
    },
    cancel: stop,
  };
}

/**
 * Where the worker keeps V8's code cache for elkjs (1.6 MB of JavaScript, a fifth of a small
 * estate's layout time to compile): beside the other caches under node_modules/.cache, one file
 * per Node version and architecture. V8 rejects a cache that does not match the source.
 */
export function elkCodeCache(elkPath: string): string | undefined {
  const parts = elkPath.split(path.sep);
  const modules = parts.lastIndexOf('node_modules');
  if (modules < 0 || process.env.CSA_ELK_CODE_CACHE === '0') return undefined;
  return path.join(parts.slice(0, modules + 1).join(path.sep), '.cache', 'csa-estate', 'elk', `elk-worker-${process.version}-${process.arch}.v8`);
}

function inThread(graph: ElkNode): PendingLayout {
  return { threaded: false, result: () => layoutSync(graph), cancel: () => undefined };
}
