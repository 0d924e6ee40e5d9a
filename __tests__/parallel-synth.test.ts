import { RUN_SYNTH, runProcess } from './helpers/command';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generatedEstate } from '../scripts/estate-generator';
import { REPO } from './helpers/synth';
import { synthesizeEstate } from '../lib/synth/synthesize';

/**
 * Parallel synthesis (lib/synth/parallel-synth.ts): `npm run synth`'s compiled app with
 * CSA_SYNTH_WORKERS=2 (the main thread and one worker thread) writes exactly what it writes
 * with CSA_SYNTH_WORKERS=1 (single-threaded), file for file, byte for byte, and fails the same
 * way. Each run starts from its own copy of the estate and its lock, so the lock each writes is
 * compared too.
 */

const scratch = mkdtempSync(path.join(tmpdir(), 'csa-parallel-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  readonly dir: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A project directory holding the estate (and its lock, when it has one) as `estate.<ext>`. */
function project(name: string, estate: { file: string } | { json: object }): { dir: string; estate: string } {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  if ('json' in estate) {
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(estate.json));
    return { dir, estate: 'estate.json' };
  }
  const ext = path.extname(estate.file);
  copyFileSync(estate.file, path.join(dir, `estate${ext}`));
  const lock = estate.file.replace(/\.(ya?ml|json)$/, '.lock.json');
  if (existsSync(lock)) copyFileSync(lock, path.join(dir, 'estate.lock.json'));
  return { dir, estate: `estate${ext}` };
}

/**
 * `npm run synth -- --estate <estate> --out out` in a copy of the project, on `workers` threads.
 * Without blocking the test: the single-threaded and the parallel run of a case are independent
 * (each in its own copy of the project) and run side by side (bothSynths).
 */
function synth(name: string, estate: { file: string } | { json: object }, workers: number, preload?: string): Promise<Run> {
  const { dir, estate: file } = project(`${name}-${workers}`, estate);
  // A preload patches cdktf's and the provider bindings' modules: they must be loaded from node_modules (scripts/run-synth.cjs).
  // CSA_SYNTH_WORKER_FIRST: a worker thread takes the first share however slowly it starts on a loaded machine (lib/synth/parallel-synth.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CSA_SYNTH_WORKERS: String(workers),
    CSA_SYNTH_WORKER_FIRST: '1',
    // Without the stack cache: one thread is then the single-threaded path, and no stack comes from an earlier run.
    CSA_SYNTH_CACHE: '0',
    CI: 'true',
    ...(preload ? { CSA_SYNTH_EXTERNAL_PACKAGES: '1' } : {}),
  };
  delete env.CDKTF_CONTEXT_JSON;
  const args = [...(preload ? ['--require', preload] : []), RUN_SYNTH, '--estate', file, '--out', 'out'];
  return runProcess(process.execPath, args, { cwd: dir, env }).then(({ code, stdout, stderr }) => ({ dir, status: code, stdout, stderr }));
}

/** The case on one thread and on two, side by side: [single, parallel]. */
function bothSynths(name: string, estate: { file: string } | { json: object }, preload?: string): Promise<[Run, Run]> {
  return Promise.all([synth(name, estate, 1, preload), synth(name, estate, 2, preload)]);
}

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at).sort()) {
      const full = path.join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** The run's output without what varies from run to run: seconds, and the note saying how many threads wrote what. */
function stable(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('note: synthesized on '))
    .join('\n')
    .replace(/\d+\.\d+ s\b/g, '#.# s');
}

/** From the run's thread note: how many stacks the worker threads wrote, of how many. */
function threadNote(run: Run): { workers: number; stacks: number } {
  const match = /worker threads wrote (\d+) of (\d+) stacks/.exec(run.stderr);
  if (!match) throw new Error(`no thread note in:\n${run.stderr}`);
  return { workers: Number(match[1]), stacks: Number(match[2]) };
}

function workerStacks(run: Run): number {
  return threadNote(run).workers;
}

function expectSameRuns(single: Run, parallel: Run): void {
  expect(stable(parallel.stderr)).toBe(stable(single.stderr));
  expect(parallel.status).toBe(single.status);
  expect(stable(parallel.stdout)).toBe(stable(single.stdout));
  const [a, b] = [files(single.dir), files(parallel.dir)];
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [file, bytes] of a) if (!bytes.equals(b.get(file)!)) throw new Error(`${file} differs between 1 and 2 threads`);
}

describe('parallel synth writes what single-threaded synth writes', () => {
  it.each(['relecloud', 'adatum', 'fabrikam'])('estates/%s.yaml', async (name) => {
    const estate = { file: path.join(REPO, 'estates', `${name}.yaml`) };
    const [single, parallel] = await bothSynths(name, estate);
    expect(single.status).toBe(0);
    expectSameRuns(single, parallel);
  });

  /*
   * As few zones as each case needs (every zone costs both runs), and the stacks they make
   * asserted: with peering, 8 zones are 17 stacks, more than the 16 shares 2 threads split them
   * into (8 each, lib/synth/parallel-synth.ts SHARES_PER_THREAD), so shares of 2 stacks (the last
   * of 1), which no other case here has; with avnm, 4 zones are 5 shares of one stack, more than
   * the 2 threads, for the worker thread (which takes the first, CSA_SYNTH_WORKER_FIRST) and the main one.
   */
  it.each([
    ['peering', 8, 16],
    ['avnm', 4, 2],
  ] as const)('a generated estate, topology %s, of %i landing zones, with worker threads writing some stacks', async (topology, zones, moreStacksThan) => {
    const estate = { json: { ...generatedEstate(zones), network: { topology } } };
    const [single, parallel] = await bothSynths(`generated-${topology}`, estate);
    expect(single.status).toBe(0);
    expect(workerStacks(single)).toBe(0);
    expectSameRuns(single, parallel);
    expect(workerStacks(parallel)).toBeGreaterThan(0);
    expect(threadNote(parallel).stacks).toBeGreaterThan(moreStacksThan);
  });
});

describe('parallel synth fails as single-threaded synth does', () => {
  /*
   * 6 zones (each costs all six runs, which load cdktf from node_modules), 7 stacks (dmlz, dlz-lz1
   * to dlz-lz6), 7 shares of one stack: failures in early and late stacks, in shares either thread
   * may take. Fewer would not do: a synth that stops at the first failure it meets fails the
   * test only when the write failure in dlz-lz2 comes before dlz-lz5 is built; for it to come
   * after, one thread would have to take about twice as many shares as the other meanwhile. With
   * dlz-lz3 instead of dlz-lz5 (4 zones), such a synth passed 3 runs in 8.
   */
  const estate = { json: { ...generatedEstate(6), network: { topology: 'avnm' } } };
  /** A module preloaded into the synth process and, through its execArgv, into every worker thread. */
  const preload = (name: string, code: string): string => {
    const file = path.join(scratch, `${name}.cjs`);
    writeFileSync(file, `const REPO = ${JSON.stringify(REPO)};\n${code}`);
    return file;
  };
  const expectSameFailure = async (name: string, code: string, firstLine: RegExp) => {
    const file = preload(name, code);
    const [single, parallel] = await bothSynths(name, estate, file);
    // The first line names the error; the stack trace under it differs by thread.
    expect(stable(single.stderr).split('\n')[0]).toMatch(firstLine);
    expect(stable(parallel.stderr).split('\n')[0]).toBe(stable(single.stderr).split('\n')[0]);
    expect(parallel.status).toBe(single.status);
    // Nothing written, no staging directory left behind (lib/synth/output-dir.ts).
    for (const run of [single, parallel]) expect(readdirSync(run.dir).sort()).toEqual(['estate.json']);
    return { single, parallel };
  };

  it('a policy violation in a late stack (written by a worker thread when it takes the last share)', async () => {
    const { single, parallel } = await expectSameFailure(
      'policy',
      `const { StorageAccount } = require(REPO + '/node_modules/@cdktf/provider-azurerm/lib/storage-account');
const original = StorageAccount.prototype.synthesizeAttributes;
StorageAccount.prototype.synthesizeAttributes = function () {
  const attributes = original.call(this);
  const [stack, ...rest] = this.node.path.split('/');
  if (!['dlz-lz5', 'dlz-lz6'].includes(stack) || !rest.includes('raw')) return attributes;
  return { ...attributes, public_network_access_enabled: true, network_rules: { ...attributes.network_rules, default_action: 'Allow' } };
};`,
      /^Policy check failed, nothing was written/,
    );
    expect(stable(parallel.stderr)).toBe(stable(single.stderr));
    expect(single.stderr).toMatch(/dlz-lz5\/azurerm_storage_account/);
    expect(single.stderr).toMatch(/dlz-lz6\/azurerm_storage_account/);
  });

  it('a stack that throws while it is built, and another while it is written: the build error, as single-threaded synth meets it first', async () => {
    await expectSameFailure(
      'throws',
      `const { TerraformStack } = require(REPO + '/node_modules/cdktf');
const addOverride = TerraformStack.prototype.addOverride;
TerraformStack.prototype.addOverride = function (at, value) {
  if (this.node.id === 'dlz-lz5' && at === 'terraform.required_version') throw new Error('building dlz-lz5 failed');
  return addOverride.call(this, at, value);
};
const { TerraformProvider } = require(REPO + '/node_modules/cdktf');
const toTerraform = TerraformProvider.prototype.toTerraform;
TerraformProvider.prototype.toTerraform = function () {
  const stack = TerraformStack.of(this).node.id;
  if (stack === 'dlz-lz2' || stack === 'dlz-lz6') throw new Error('writing ' + stack + ' failed');
  return toTerraform.call(this);
};`,
      /^Synthesis failed, nothing was written \(out is unchanged\): Error: building dlz-lz5 failed$/,
    );
  });

  it('a stack that throws while it is written: the first such stack in single-threaded order', async () => {
    await expectSameFailure(
      'write-throws',
      `const { TerraformStack, TerraformProvider } = require(REPO + '/node_modules/cdktf');
const toTerraform = TerraformProvider.prototype.toTerraform;
TerraformProvider.prototype.toTerraform = function () {
  const stack = TerraformStack.of(this).node.id;
  if (['dlz-lz4', 'dlz-lz6'].includes(stack)) throw new Error('writing ' + stack + ' failed');
  return toTerraform.call(this);
};`,
      /^Synthesis failed, nothing was written \(out is unchanged\): Error: writing dlz-lz4 failed$/,
    );
  });
});

describe('parallel synth from the TypeScript sources (jest, npx tsx main.ts)', () => {
  // No worker thread starts from the sources (lib/synth/synth-workers.ts): the calling thread
  // takes every share, through the same stand-ins, manifest and rule pack verdicts. Whatever the
  // estate's size (each zone is synthesized twice, in jest): 2 zones are 5 stacks, 5 shares of
  // one stack on 2 threads.
  it('takes every share on the calling thread, and writes the same files', () => {
    const estate = { json: { ...generatedEstate(2), network: { topology: 'peering' } } };
    const [single, shared] = [1, 2].map((threads) => {
      const { dir, estate: file } = project(`in-process-${threads}`, estate);
      const result = synthesizeEstate({ estatePath: path.join(dir, file), outdir: path.join(dir, 'out'), projectDir: dir, threads });
      return { dir, result };
    });
    expect(single!.result.threads).toEqual({ count: 1, stacksOnWorkers: 0 });
    expect(shared!.result.threads).toEqual({ count: 1, stacksOnWorkers: 0 });
    expect(shared!.result.policy).toEqual(single!.result.policy);
    expect(shared!.result.stacks).toEqual(single!.result.stacks);
    const [a, b] = [files(single!.dir), files(shared!.dir)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) if (!bytes.equals(b.get(file)!)) throw new Error(`${file} differs between the two`);
  });
});
