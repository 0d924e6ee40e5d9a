import { spawn, spawnSync } from 'child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { constants, tmpdir } from 'os';
import * as path from 'path';
import { filesUnder, runSynthCommand, runSynthInProcess, synthArgvInProcess, synthProcess } from './helpers/command';
import { REPO } from './helpers/synth';
import { parse } from 'yaml';
import { App, DefaultTokenResolver, Lazy, StringConcat, Token, Tokenization } from 'cdktf';
import { forgettingTokens } from '../lib/synth/token-scope';

/*
 * The command end to end, as a process: what `npm run synth` and the cdktf CLI start (node
 * scripts/run-synth.cjs, main.ts compiled; helpers/command.ts synthProcess), and once main.ts
 * from the sources as development runs it (npx tsx main.ts): a failing and a succeeding synth,
 * the flags under the cdktf CLI, --help and usage errors, Ctrl-C. What the command does with its
 * output directory and arguments beyond that runs the same code path in this process
 * (helpers/command.ts runSynthInProcess: parseSynthArgs, then runSynthCommand, in the same
 * directory with the same environment, exit code and output captured), a few seconds less each.
 */
const run = (estate: string, outdir: string, options: { sources?: boolean } = {}) => runSynthCommand(estate, outdir, options);
const runInProcess = (estate: string, outdir: string) => runSynthInProcess(estate, outdir);

describe('npm run synth (main.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails when the estate is invalid, naming every problem, and leaves cdktf.out exactly as it was', () => {
    const outdir = path.join(dir, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dmlz'), { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), '{"previous": true}');
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', 'cdk.tf.json'), '{"previous": "stack"}');
    const before = filesUnder(outdir);
    const estate = path.join(dir, 'broken.yaml');
    writeFileSync(
      estate,
      [
        'estate: relecloud',
        'environment: production',
        'location: westeurope',
        'managementZone:',
        '  subscriptionId: not-a-guid',
        '  addressSpace: 10.0.0.0/16',
        'landingZones:',
        '  - name: operations',
        '    subscriptionId: 00000000-0000-0000-0000-000000000002',
        '    addressSpace: 10.0.128.0/17',
        '    sharedServices: { databrics: true }',
      ].join('\n'),
    );
    const result = run(estate, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environment: "production" is not allowed; use one of "dev", "test", "prod"');
    expect(result.stderr).toContain('managementZone.subscriptionId: "not-a-guid" must be a GUID');
    expect(result.stderr).toContain('landingZones[0].addressSpace: 10.0.128.0/17 overlaps managementZone.addressSpace 10.0.0.0/16');
    expect(result.stderr).toContain('landingZones[0].sharedServices.databrics: unknown key (did you mean "databricks"?)');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for user errors
    expect(filesUnder(outdir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('replaces cdktf.out with one stack per zone and drops stacks of removed zones', () => {
    const outdir = path.join(dir, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dlz-removed'), { recursive: true });
    mkdirSync(path.join(outdir, 'stacks', 'dmlz', '.terraform'), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'provider cache');
    // From the sources, as development runs it (npx tsx main.ts); the other processes here run the compiled app.
    // The suite's only synth through main.ts under tsx (parallel-synth.test.ts's "from the TypeScript
    // sources" runs synthesizeEstate under jest; scripts/readme.ts runs npm run synth): keep it here.
    const result = run(path.join(REPO, 'estates', 'adatum.yaml'), outdir, { sources: true });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dlz-sales');
    // The zone's peering stack too (topology peering, docs/topology.md), empty while it is the only zone.
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dlz-sales', 'dmlz', 'peerings-sales']);
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    // terraform init results of surviving stacks are carried over
    expect(readFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'utf8')).toBe('provider cache');
  });

  it('fails when the estate file does not exist', () => {
    const outdir = path.join(dir, 'cdktf.out');
    const result = runInProcess(path.join(dir, 'missing.yaml'), outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.yaml: 1 problem\n\s+\(file\): cannot be read: ENOENT/);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('npm run synth (main.ts) and its output directory', () => {
  let dir: string;
  let outdir: string;
  /** Copies of the shipped estates, so the estate lock a synth writes beside them stays out of the repository. */
  let estates: string;
  let ADATUM: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-cli-out-'));
    outdir = path.join(dir, 'cdktf.out');
    estates = mkdtempSync(path.join(tmpdir(), 'csa-cli-estates-'));
    for (const name of ['adatum.yaml', 'relecloud.yaml']) copyFileSync(path.join(REPO, 'estates', name), path.join(estates, name));
    ADATUM = path.join(estates, 'adatum.yaml');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(estates, { recursive: true, force: true });
  });

  const STAGING = /^\.cdktf\.out\.staging-/;
  const leftovers = () => readdirSync(dir).filter((f) => STAGING.test(f));
  /** A previous output whose dmlz stack was `terraform init`ed, with the given manifest and dmlz stack file. */
  const previousOutput = (manifest: string, dmlz = '{}') => {
    mkdirSync(path.join(outdir, 'stacks', 'dmlz', '.terraform'), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'provider cache');
    writeFileSync(path.join(outdir, 'manifest.json'), manifest);
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', 'cdk.tf.json'), dmlz);
  };
  const expectNewOutput = () => {
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dlz-sales', 'dmlz', 'peerings-sales']);
    expect(Object.keys(JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks).sort()).toEqual(['dlz-sales', 'dmlz', 'peerings-sales']);
    expect(readFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'utf8')).toBe('provider cache');
  };

  it('synthesizes over a corrupt previous manifest.json with a one-line warning that names it and says how to recover', () => {
    previousOutput('{"stacks": {"dmlz": ');
    const result = runInProcess(ADATUM, outdir);
    expect(result.stderr).toMatch(
      /^warning: cdktf\.out\/manifest\.json is not valid JSON \([^\n]+\); the previous output is ignored, as on a first synth\. It is regenerated: a successful synth replaces it, or delete cdktf\.out\/manifest\.json or the whole cdktf\.out\.\n$/,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dlz-sales');
    expectNewOutput();
  });

  it('synthesizes over a corrupt previous stack file, naming it', () => {
    previousOutput(JSON.stringify({ stacks: { dmlz: { synthesizedStackPath: 'stacks/dmlz/cdk.tf.json' } } }), '{"resource": tru');
    const result = runInProcess(ADATUM, outdir);
    expect(result.stderr).toMatch(
      /^warning: cdktf\.out\/stacks\/dmlz\/cdk\.tf\.json is not valid JSON \([^\n]+\); stack dmlz is compared as if it were new\. It is regenerated: a successful synth replaces it, or delete cdktf\.out\/stacks\/dmlz\/cdk\.tf\.json or the whole cdktf\.out\.\n$/,
    );
    expect(result.status).toBe(0);
    expectNewOutput();
  });

  it('refuses an output path that is a file, before creating anything, without a stack trace', () => {
    writeFileSync(outdir, 'a file');
    const result = runInProcess(ADATUM, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `Cannot write ${outdir}: ${outdir} is a file, not a directory: move it away or choose another output directory (--out or CDKTF_OUTDIR). Nothing was written (${outdir} is unchanged).\n`,
    );
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
    expect(readFileSync(outdir, 'utf8')).toBe('a file');
  });

  it('refuses an output directory whose parent does not exist, naming the parent', () => {
    const missing = path.join(dir, 'no-such-dir', 'cdktf.out');
    const result = synthArgvInProcess([], { cwd: dir, env: { ...process.env, ESTATE: ADATUM, CDKTF_OUTDIR: missing } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot write ${missing}: the parent directory of ${missing}, ${path.dirname(missing)}, does not exist: create it first.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a symlinked cdktf.out a link to the new output, with the permissions mkdir gives (not 0700)', () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere', 'out'), outdir);
    mkdirSync(path.join(dir, 'reference'));
    for (let i = 0; i < 2; i++) {
      const result = runInProcess(ADATUM, outdir);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(lstatSync(outdir).isSymbolicLink()).toBe(true);
      expect(readdirSync(path.join(dir, 'elsewhere', 'out', 'stacks')).sort()).toEqual(['dlz-sales', 'dmlz', 'peerings-sales']);
      expect(statSync(path.join(dir, 'elsewhere', 'out')).mode & 0o777).toBe(statSync(path.join(dir, 'reference')).mode & 0o777);
    }
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'elsewhere', 'reference']);
    expect(readdirSync(path.join(dir, 'elsewhere'))).toEqual(['out']);
  });

  it('restores cdktf.out that a synth killed between its two renames left missing, with a note, and synthesizes', () => {
    // What a kill between the renames leaves: the previous output moved aside by a process that is gone.
    const gone = spawnSync('true').pid;
    const aside = `.cdktf.out.staging-${gone}-0123abcd.previous`;
    const saved = outdir;
    outdir = path.join(dir, aside);
    previousOutput(
      JSON.stringify({ stacks: { dmlz: { synthesizedStackPath: 'stacks/dmlz/cdk.tf.json' } } }),
      JSON.stringify({ resource: { azurerm_resource_group: { old: {} } } }),
    );
    outdir = saved;
    const result = runInProcess(ADATUM, outdir);
    expect(result.stderr).toBe(`note: ${outdir} was missing after an interrupted synth; restored the previous output from ${aside}\n`);
    expect(result.status).toBe(0);
    // Compared with the restored output: it is the previous synth.
    expect(result.stdout).toMatch(/Changes since the previous synth/);
    expectNewOutput();
    expect(leftovers()).toEqual([]);
  });

  it('deletes a staging directory left by a synth that is gone, with a note', () => {
    const gone = spawnSync('true').pid;
    mkdirSync(path.join(dir, `.cdktf.out.staging-${gone}-0123abcd`, 'stacks'), { recursive: true });
    const result = runInProcess(ADATUM, outdir);
    expect(result.stderr).toBe(`note: deleted .cdktf.out.staging-${gone}-0123abcd in ${dir}, left by an interrupted synth of ${outdir}\n`);
    expect(result.status).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('Ctrl-C during the synth: exit status 130, no staging directory is left and cdktf.out is as it was', async () => {
    previousOutput('{"previous": true}');
    const before = filesUnder(outdir);
    const synth = synthProcess([], { env: { ...process.env, ESTATE: path.join(estates, 'relecloud.yaml'), CDKTF_OUTDIR: outdir } });
    const child = spawn(synth.command, synth.args, {
      cwd: dir,
      env: synth.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    // The exit status as a shell reports it: the process keeps the default action of the signal (lib/synth/output-dir.ts).
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + constants.signals[signal] : null))),
    );
    // Interrupt as soon as the synth writes into its staging directory.
    let staging: string | undefined;
    for (const end = Date.now() + 30_000; !staging && Date.now() < end; await new Promise((r) => setTimeout(r, 10))) staging = leftovers()[0];
    expect(staging).toBeDefined();
    process.kill(-child.pid!, 'SIGINT');
    expect(await exit).toBe(130);
    for (const end = Date.now() + 5000; leftovers().length && Date.now() < end;) await new Promise((r) => setTimeout(r, 25));
    expect(leftovers()).toEqual([]);
    expect(filesUnder(outdir)).toEqual(before);
    expect(stderr).not.toMatch(/Synthesized/);
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'an old output that cannot be deleted after the new one is in place: exit 0, the summary, and a warning that says the output was written',
    () => {
      previousOutput('{"stacks": {}}');
      mkdirSync(path.join(outdir, 'locked'));
      writeFileSync(path.join(outdir, 'locked', 'file'), '');
      if (spawnSync('chattr', ['+i', path.join(outdir, 'locked')]).status !== 0) return; // no immutable flag here: nothing to test with
      try {
        // A process: the trash it leaves is then a gone synth's, for the next synth to delete.
        const result = run(ADATUM, outdir);
        expect(result.stderr).toMatch(
          new RegExp(
            `^warning: ${outdir} was written, but the previous output could not be removed completely \\([A-Z]+: [^\\n]*\\): delete ${dir}/\\.cdktf\\.out\\.staging-\\d+-[0-9a-f]+\\.trash by hand\\n$`,
          ),
        );
        expect(result.stderr).not.toMatch(/nothing was written/i);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('dlz-sales');
        expectNewOutput();
        expect(leftovers()).toHaveLength(1);
      } finally {
        for (const leftover of leftovers()) spawnSync('chattr', ['-i', path.join(dir, leftover, 'locked')]);
      }
      // Once it can be deleted, the next synth does.
      const next = runInProcess(ADATUM, outdir);
      expect(next.stderr).toMatch(/^note: deleted \.cdktf\.out\.staging-\d+-[0-9a-f]+\.trash in .*, left by an interrupted synth of .*\n$/);
      expect(next.status).toBe(0);
      expect(leftovers()).toEqual([]);
    },
  );
});

describe('the synth command line (spec section 6)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-args-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `npm run synth -- <args>` (helpers/command.ts synthProcess), in `dir`, with ESTATE and CDKTF_OUTDIR unset unless given. */
  const synth = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const { ESTATE: _e, CDKTF_OUTDIR: _o, ALLOW_DATA_LOSS: _a, ...inherited } = process.env;
    const command = synthProcess(args, { env: { ...inherited, CHECKPOINT_DISABLE: '1', ...env } });
    const result = spawnSync(command.command, command.args, { cwd: dir, env: command.env, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** The same, in this process (helpers/command.ts synthArgvInProcess), for runs that synthesize. */
  const synthInProcess = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const { ESTATE: _e, CDKTF_OUTDIR: _o, ALLOW_DATA_LOSS: _a, ...inherited } = process.env;
    return synthArgvInProcess(args, { cwd: dir, env: { ...inherited, CHECKPOINT_DISABLE: '1', ...env } });
  };
  const copyEstate = (name: 'adatum' | 'relecloud') => {
    for (const file of [`${name}.yaml`, `${name}.lock.json`]) copyFileSync(path.join(REPO, 'estates', file), path.join(dir, file));
    return `${name}.yaml`;
  };

  it('under the cdktf CLI (cdktf list, synth, deploy) prints one line, not the whole summary', () => {
    copyEstate('adatum');
    const result = synth(['--estate', 'adatum.yaml', '--out', 'out'], { CDKTF_CONTEXT_JSON: '{}' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Synthesized estate "adatum" (adatum.yaml): 3 stacks.\n');
  });

  it('--help prints the usage, every flag included, and synthesizes nothing', () => {
    const result = synth(['--help']);
    expect(result.status).toBe(0);
    for (const flag of ['--estate FILE', '--out DIR', '--frozen-lock', '--allow-data-loss', '--help']) expect(result.stdout).toContain(flag);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unknown flag is an error naming it; so is a flag npm took for itself because the -- was missing', () => {
    const unknown = synth(['--allow-dataloss']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--allow-dataloss'/);
    expect(unknown.stderr).toContain('usage: npm run synth --');
    const swallowed = synth([], { npm_config_allow_data_loss: 'true' });
    expect(swallowed.status).toBe(2);
    expect(swallowed.stderr).toContain('npm took --allow-data-loss for itself: write npm run synth -- --allow-data-loss');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a flag wins over its variable; two estates take turns in one output directory, each replacing the other with a one-line note', () => {
    copyEstate('adatum');
    copyEstate('relecloud');
    const first = synthInProcess(['--estate', 'adatum.yaml', '--out', 'out'], { ESTATE: 'relecloud.yaml', CDKTF_OUTDIR: 'elsewhere' });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Synthesized estate "adatum" (adatum.yaml) into out');
    expect(existsSync(path.join(dir, 'elsewhere'))).toBe(false);
    const second = synthInProcess(['--estate', 'relecloud.yaml', '--out', 'out', '--frozen-lock']);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain('note: out held estate "adatum" (prod); replaced by "relecloud" (prod).');
    expect(readdirSync(path.join(dir, 'out', 'stacks')).sort()).toEqual(['dlz-billing', 'dlz-operations', 'dmlz', 'peerings-billing', 'peerings-operations']);
    // Their locks are their own and unchanged (--frozen-lock passed), their states in separate folders.
    for (const name of ['adatum', 'relecloud'])
      expect(readFileSync(path.join(dir, `${name}.lock.json`), 'utf8')).toBe(readFileSync(path.join(REPO, 'estates', `${name}.lock.json`), 'utf8'));
    const backend = JSON.parse(readFileSync(path.join(dir, 'out', 'stacks', 'dmlz', 'cdk.tf.json'), 'utf8')).terraform.backend.local.path;
    expect(backend).toBe('../../../terraform-state/relecloud-prod/dmlz.tfstate');
  });
});

describe('npm run synth -- --watch', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-watch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes again as the estate is saved: an edit as a one-shot synth writes it, no synth for the same bytes, a broken estate refused and the watch going on', async () => {
    const estate = parse(readFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), 'utf8'));
    const estateFile = path.join(dir, 'estate.json');
    writeFileSync(estateFile, JSON.stringify(estate));
    copyFileSync(path.join(REPO, 'estates', 'relecloud.lock.json'), path.join(dir, 'estate.lock.json'));
    const outdir = path.join(dir, 'out');
    const env = { ...process.env, CSA_SYNTH_CACHE: '1', CSA_SYNTH_CACHE_DIR: path.join(dir, 'cache') };
    const synth = synthProcess(['--estate', estateFile, '--out', outdir, '--watch'], { env });
    const child = spawn(synth.command, synth.args, { cwd: dir, env: synth.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const count = (pattern: RegExp) => stderr.split('\n').filter((line) => pattern.test(line)).length;
    const watching = async (n: number) => {
      for (const end = Date.now() + 60_000; count(/^watching /) < n && child.exitCode === null && Date.now() < end;)
        await new Promise((r) => setTimeout(r, 25));
      expect(count(/^watching /)).toBe(n);
    };
    try {
      await watching(1);
      expect(stderr).toContain(`watching ${estateFile} and its lock for changes (Ctrl-C to stop)`);
      // The same bytes saved again: looked at, and nothing to synthesize.
      writeFileSync(estateFile, JSON.stringify(estate));
      await new Promise((r) => setTimeout(r, 500));
      expect(count(/changed: synthesizing again$/)).toBe(0);
      estate.landingZones[0].dataProducts.push({ name: 'watched', template: 'batch', inputs: ['telemetry'] });
      writeFileSync(estateFile, JSON.stringify(estate));
      await watching(2);
      expect(count(/changed: synthesizing again$/)).toBe(1);
      expect(stdout.match(/^Synthesized estate/gm)).toHaveLength(2);
      // What a one-shot synth of the same estate and lock writes, file for file.
      const reference = path.join(dir, 'reference');
      expect(runSynthInProcess(estateFile, reference).status).toBe(0);
      expect(filesUnder(outdir)).toEqual(filesUnder(reference));
      expect(readFileSync(path.join(outdir, 'stacks', 'dlz-operations', 'cdk.tf.json'), 'utf8')).toContain('watched');
      const before = filesUnder(outdir);
      writeFileSync(estateFile, JSON.stringify({ ...estate, environment: 'production' }));
      await watching(3);
      expect(stderr).toContain(`Invalid estate, nothing was written (${outdir} is unchanged).`);
      expect(filesUnder(outdir)).toEqual(before);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
    }
  }, 120_000);

  it('fails with exit status 2 when it cannot watch: an estate in a directory that does not exist', () => {
    const missing = path.join(dir, 'missing');
    const synth = synthProcess(['--estate', path.join(missing, 'estate.yaml'), '--out', path.join(dir, 'out'), '--watch'], { env: process.env });
    const result = spawnSync(synth.command, synth.args, { cwd: dir, env: synth.env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--watch: cannot watch ${missing} for changes (ENOENT`);
  });

  it('is for npm run synth alone: under the cdktf CLI, which runs the app once per command, it is refused', () => {
    const synth = synthProcess(['--watch'], { env: { ...process.env, CDKTF_CONTEXT_JSON: '{}' } });
    const result = spawnSync(synth.command, synth.args, { cwd: dir, env: synth.env, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('--watch is for npm run synth: the cdktf CLI runs the app once per command\n');
  });
});

describe('a process that synthesizes again and again (--watch, the test suites)', () => {
  const tokenMap = () => (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<string, unknown> } }).__cdktfTokenMap!;

  it("keeps no earlier synth's tokens, which would keep its whole app (lib/synth/token-scope.ts)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-tokens-'));
    try {
      const before = Token.asString(Lazy.stringValue({ produce: () => 'made before' }));
      const keys = [...tokenMap().stringTokenMap.keys()];
      for (const name of ['first', 'second']) expect(runSynthInProcess(path.join(REPO, 'estates', 'relecloud.yaml'), path.join(dir, name)).status).toBe(0);
      expect([...tokenMap().stringTokenMap.keys()]).toEqual(keys);
      // Tokens made before a synth still resolve after it.
      expect(Tokenization.resolve(before, { scope: new App(), resolver: new DefaultTokenResolver(new StringConcat()) })).toBe('made before');
      // A synth that fails forgets its tokens too.
      expect(forgettingTokens(() => Token.asString(Lazy.stringValue({ produce: () => 'x' })))).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
      expect(() =>
        forgettingTokens(() => {
          Token.asString(Lazy.stringValue({ produce: () => 'y' }));
          throw new Error('failed');
        }),
      ).toThrow('failed');
      expect([...tokenMap().stringTokenMap.keys()]).toEqual(keys);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
