/**
 * A synth stand-in for __tests__/output-dir.test.ts, run in a child process (compiled into one
 * JavaScript file by the test, as npm run synth runs main.ts): withStagedOutput with a writer that
 * writes a small output whose every file says `label`.
 *
 *   node staged-output-child.cjs <outdir> <label> [kill-at <step>|block]
 *
 * `kill-at <step>` SIGKILLs the process at that step of the swap (or `writing`: halfway through
 * the writer); `block` prints `staging <dir>` and then blocks synchronously, as a long synth
 * does, until the process is killed. Notes and warnings go to stderr.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { SwapStep, withStagedOutput } from '../../lib/synth/output-dir';

/** Also in output-dir.test.ts (importing this file would run it). */
const OUTPUT_FILES = ['manifest.json', 'stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json', 'estate.html'];

const [outdir, label, mode, step] = process.argv.slice(2);
const kill = () => process.kill(process.pid, 'SIGKILL');

withStagedOutput(
  outdir,
  (staging) => {
    OUTPUT_FILES.forEach((file, i) => {
      if (mode === 'kill-at' && step === 'writing' && i === 2) kill();
      mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      writeFileSync(path.join(staging, file), label);
    });
    if (mode === 'block') {
      process.stdout.write(`staging ${staging}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  },
  { onStep: (s: SwapStep) => mode === 'kill-at' && s === step && kill() },
);
