import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { REPO } from './helpers/synth';

/** scripts/run-synth.cjs: `npm run synth` runs the app compiled once per content of its sources. */
const runner = require('../scripts/run-synth.cjs') as {
  asciiOnly(text: string): string;
  compiledMain(): string;
  contentKey(files: readonly string[], esbuildVersion: string): string;
  esbuildVersion(): string;
  sourceFiles(): string[];
  sourceText(bytes: Buffer): string;
};

describe('the compiled app of npm run synth', () => {
  it('is keyed by every source of the app: lib/, stacks/, main.ts, the compiler settings and the dependency lock', () => {
    const files = runner.sourceFiles().map((file) => path.relative(REPO, file).split(path.sep).join('/'));
    expect(files).toEqual(expect.arrayContaining(['main.ts', 'tsconfig.json', 'package-lock.json', 'lib/synth/synthesize.ts', 'stacks/zone-stack.ts']));
    expect(files.filter((file) => file.startsWith('lib/')).length).toBeGreaterThan(100);
  });

  it('gets a new key when any source changes, by content, not by file time', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-key-'));
    try {
      const a = path.join(dir, 'a.ts');
      const b = path.join(dir, 'b.ts');
      writeFileSync(a, 'export const a = 1;\n');
      writeFileSync(b, 'export const b = 2;\n');
      const before = runner.contentKey([a, b], '0.28.2');
      writeFileSync(a, 'export const a = 1;\n'); // rewritten, same content: same key
      expect(runner.contentKey([a, b], '0.28.2')).toBe(before);
      writeFileSync(b, 'export const b = 3;\n');
      expect(runner.contentKey([a, b], '0.28.2')).not.toBe(before);
      expect(runner.contentKey([a], '0.28.2')).not.toBe(runner.contentKey([a, b], '0.28.2'));
      expect(runner.contentKey([a, b], '0.28.3')).not.toBe(runner.contentKey([a, b], '0.28.2'));
      // The version in the key is the one that builds (read from its package.json, not loaded).
      expect(runner.esbuildVersion()).toBe((require('esbuild') as { version: string }).version);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps V8's code cache of a run that synthesized, not of --help or a failed run (V8 would go on accepting a partial one)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-code-cache-'));
    try {
      // Stand-ins for the bundle: one that synthesizes (main.ts sets the flag on success), one that does not.
      const bundle = (name: string, synthesized: boolean) => {
        const file = path.join(dir, `${name}.cjs`);
        writeFileSync(file, `exports.ran = 1;${synthesized ? " globalThis[Symbol.for('csa-estate.synthesized')] = true;" : ''}\n`);
        return file;
      };
      const run = (file: string) =>
        spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(REPO, 'scripts', 'run-synth.cjs'))}).runBundle(${JSON.stringify(file)})`], {
          encoding: 'utf8',
        });
      const help = bundle('help', false);
      expect(run(help).status).toBe(0);
      expect(existsSync(`${help}.v8`)).toBe(false);
      const synth = bundle('synth', true);
      expect(run(synth).status).toBe(0);
      expect(readFileSync(`${synth}.v8`).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is ASCII only, comments included (one other character makes Node hold the whole source in two bytes a character)', () => {
    const bundle = runner.compiledMain();
    for (const file of [bundle, path.join(path.dirname(bundle), 'synth-worker.cjs')]) expect(readFileSync(file).findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it('escapes what is not ASCII without changing what the code means: strings, regular expressions and comments', () => {
    const source = "// zod's comment — kept\n[ 'é—😀', /^😀$/u.test('😀'), /^é$/.test('é'), `x—${1}` ]";
    const escaped = runner.asciiOnly(source);
    expect(Buffer.from(escaped).findIndex((byte) => byte > 0x7f)).toBe(-1);
    expect(new Function(`return (\n${escaped}\n)`)()).toEqual(['é—😀', true, true, 'x—1']);
  });

  it('reads the bundle as the characters it holds: ASCII as Latin-1 (the same characters), anything else as UTF-8', () => {
    for (const text of ['exports.a = "plain";\n', 'exports.a = "é—😀";\n', '']) expect(runner.sourceText(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('leaves json-stable-stringify to the bundle, which gives cdktf the fast writer: main.ts loads no copy of it from node_modules', () => {
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'csa-probe-')), 'probe.cjs');
    try {
      // Lists, as the synth ends, every module Node loaded from a json-stable-stringify directory.
      writeFileSync(
        probe,
        `process.on('exit', () => process.stderr.write('loaded: ' + JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('json-stable-stringify'))) + '\\n'));`,
      );
      // An estate file that does not exist: main.ts has loaded what synth needs by the time it finds out.
      const loaded = (external: boolean) => {
        const env = { ...process.env, ...(external ? { CSA_SYNTH_EXTERNAL_PACKAGES: '1' } : {}) };
        const args = ['--require', probe, path.join(REPO, 'scripts', 'run-synth.cjs'), '--estate', path.join(path.dirname(probe), 'missing.yaml')];
        const run = spawnSync(process.execPath, args, { cwd: REPO, env, encoding: 'utf8' });
        expect(run.stderr).toContain('missing.yaml');
        return JSON.parse(/^loaded: (.*)$/m.exec(run.stderr)![1]!) as string[];
      };
      expect(loaded(false)).toEqual([]);
      // With the packages outside the bundle, main.ts swaps the fast writer in for the original.
      expect(loaded(true)).toEqual([expect.stringMatching(/node_modules\/json-stable-stringify\/index\.js$/)]);
    } finally {
      rmSync(path.dirname(probe), { recursive: true, force: true });
    }
  });

  it('runs main.ts: the same usage text as tsx main.ts --help', () => {
    const bundle = runner.compiledMain();
    expect(readFileSync(bundle, 'utf8')).toContain('runSynthCommand');
    const compiled = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-synth.cjs'), '--help'], { cwd: REPO, encoding: 'utf8' });
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toMatch(/^usage: npm run synth -- \[--estate FILE\]/);
    const direct = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'main.ts'), '--help'], { cwd: REPO, encoding: 'utf8' });
    expect(compiled.stdout).toBe(direct.stdout);
  });
});
