import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

/**
 * cdktf's Testing.app and Testing.synthScope, with the output directory the app creates (and
 * never writes to, for tests that synthesize one stack with Testing.synth) inside one temp dir
 * per test file, deleted after the file's tests: cdktf's own leave a `cdktf.outdir.*` directory
 * in the OS temp dir for every app, hundreds per run of the suite.
 */

let root: string | undefined;
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Testing.app with its output directory in this test file's temp dir. */
export function testingApp(): App {
  root ??= mkdtempSync(path.join(tmpdir(), 'csa-testing-app-'));
  return Testing.app({ outdir: mkdtempSync(path.join(root, 'outdir-')) });
}

/** Testing.synthScope on a testingApp(): the synthesized JSON of a stack holding what `fn` adds. */
export function synthScope(fn: (scope: Construct) => void): string {
  const stack = new TerraformStack(testingApp(), 'stack');
  fn(stack);
  return Testing.synth(stack);
}
