/**
 * A synth stand-in for __tests__/output-dir.test.ts, run in a child process (compiled into one
 * JavaScript file by the test, as npm run synth runs main.ts): withStagedOutput with a writer that
 * writes a small output whose every file says `label`.
 *
 *   node staged-output-child.cjs <outdir> <label> [kill-at <step>|twice-kill-at <step>|block]
 *
 * `kill-at <step>` SIGKILLs the process at that step of the swap (or `writing`: halfway through
 * the writer); `twice-kill-at <step>` synthesizes once, completely, and kills the second synth
 * of the same process at that step; `block` prints `staging <dir>` and then blocks synchronously, as a long synth
 * does, until the process is killed. Notes and warnings go to stderr.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { SwapStep, withStagedOutput } from '../../lib/synth/output-dir';

/** Also in output-dir.test.ts (importing this file would run it). */
const OUTPUT_FILES = ['manifest.json', 'stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json', 'estate.html'];

const [outdir, label, mode, step] = process.argv.slice(2);
const kill = () => process.kill(process.pid, 'SIGKILL');

/** One synth of `label`; SIGKILLed where `killAt` says. */
function synth(label: string, killAt?: string): void {
  withStagedOutput(
    outdir,
    (staging) => {
      OUTPUT_FILES.forEach((file, i) => {
        if (killAt === 'writing' && i === 2) kill();
        mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
        writeFileSync(path.join(staging, file), label);
      });
      if (mode === 'block') {
        process.stdout.write(`staging ${staging}\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      }
    },
    { onStep: (s: SwapStep) => s === killAt && kill() },
  );
}

// `twice-kill-at <step>`: a first synth of `label`, complete, then one of `<label>-2` killed at the step.
if (mode === 'twice-kill-at') synth(label);
synth(mode === 'twice-kill-at' ? `${label}-2` : label, mode === 'kill-at' || mode === 'twice-kill-at' ? step : undefined);
