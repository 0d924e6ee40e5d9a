import { ChildProcess, spawn, spawnSync } from 'child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { OutputDirError, outputStateOf, SwapStep, withStagedOutput } from '../lib/synth/output-dir';
import { removeTree } from '../lib/synth/output-dir-fs';
import { REPO } from './helpers/synth';

/** lib/synth/output-dir.ts: how a synth replaces its output directory, and what it does when interrupted. */

/**
 * helpers/staged-output-child.ts compiled into one JavaScript file, as npm run synth runs main.ts
 * (scripts/run-synth.cjs): each child then starts in a fraction of what tsx takes to transpile it.
 */
const CHILD_BUILD = mkdtempSync(path.join(tmpdir(), 'csa-outdir-child-'));
const CHILD = path.join(CHILD_BUILD, 'staged-output-child.cjs');
beforeAll(() => {
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'helpers', 'staged-output-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    absWorkingDir: REPO,
  });
});
afterAll(() => rmSync(CHILD_BUILD, { recursive: true, force: true }));
/** What helpers/staged-output-child.ts writes, each file holding its label. */
const OUTPUT_FILES = ['manifest.json', 'stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json', 'estate.html'];

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'csa-outdir-'));
  out = path.join(dir, 'out');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An output as helpers/staged-output-child.ts writes it, plus (unless `synthOnly`) what `terraform init` left in stack a. */
function writeOutput(into: string, label: string, synthOnly = false): void {
  for (const file of OUTPUT_FILES) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    writeFileSync(path.join(into, file), label);
  }
  if (synthOnly) return;
  mkdirSync(path.join(into, 'stacks', 'a', '.terraform'), { recursive: true });
  writeFileSync(path.join(into, 'stacks', 'a', '.terraform', 'kept'), 'provider cache');
}

/** Every file under `root`, with its content. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = path.join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else files[path.relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** A complete output of `label` that kept its .terraform directory. */
const complete = (label: string) => ({ ...Object.fromEntries(OUTPUT_FILES.map((f) => [f, label])), 'stacks/a/.terraform/kept': 'provider cache' });

/** A synth in this process: records what it found as the previous output and the lines it reported. */
function nextSynth(outdir: string, label: string) {
  const lines: string[] = [];
  let found: Record<string, string> | undefined;
  withStagedOutput(
    outdir,
    (staging) => {
      found = existsSync(outdir) ? snapshot(outdir) : undefined;
      writeOutput(staging, label, true);
    },
    { report: (line) => lines.push(line) },
  );
  return { found, lines };
}

/** Waits until `check` holds (a watchdog deletes a killed synth's staging directory just after it died). */
async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (check()) return true;
  return check();
}

const stagingDirs = (where = dir) => readdirSync(where).filter((f) => f.includes('.staging-'));

describe('a synth killed at any point leaves the previous or the new output, complete', () => {
  // Where the kill falls decides which output the next synth finds: before the new output is in place, the old one.
  const cases: [step: SwapStep | 'writing', finds: 'old' | 'new'][] = [
    ['writing', 'old'],
    ['staged', 'old'],
    ['retired', 'old'],
    ['swapped', 'new'],
    ['carried', 'new'],
    ['trashed', 'new'],
  ];

  it.each(cases)('SIGKILL at %s: the next synth finds the %s output, with its .terraform directories, and nothing is left over', async (step, finds) => {
    writeOutput(out, 'old');
    const killed = spawnSync(process.execPath, [CHILD, out, 'new', 'kill-at', step], { encoding: 'utf8' });
    expect(killed.signal ?? killed.status).not.toBe(0);
    expect(killed.stderr).not.toMatch(/Error/);
    // The only moment the output path is missing is between the two renames.
    expect(existsSync(out)).toBe(step !== 'retired');
    // The killed synth's watchdog deletes its staging directory (not the previous output).
    expect(await eventually(() => !stagingDirs().some((f) => /\.staging-\d+-[0-9a-f]+$/.test(f)))).toBe(true);

    const next = nextSynth(out, 'third');
    expect(next.found).toEqual(complete(finds));
    if (step === 'retired')
      expect(next.lines).toEqual([
        expect.stringMatching(/^note: .*out was missing after an interrupted synth; restored the previous output from \.out\.staging-\d+-[0-9a-f]+\.previous$/),
      ]);
    if (step === 'swapped' || step === 'carried')
      expect(next.lines).toEqual([expect.stringMatching(/^note: deleted \.out\.staging-\d+-[0-9a-f]+\.previous in .*, left by an interrupted synth of /)]);
    expect(next.lines.filter((l) => !l.startsWith('note: '))).toEqual([]);
    expect(snapshot(out)).toEqual(complete('third'));
    expect(await eventually(() => stagingDirs().length === 0)).toBe(true);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

describe('the watchdog (lib/synth/staging-watchdog.ts)', () => {
  it.each(['writing', 'staged', 'swapped'] as const)(
    "watches every synth of a process: SIGKILL in the second synth of a process at %s deletes that synth's staging, never the first synth's output, and its registry goes with it",
    async (step) => {
      const registries = mkdtempSync(path.join(tmpdir(), 'csa-watchdog-'));
      try {
        writeOutput(out, 'old');
        const killed = spawnSync(process.execPath, [CHILD, out, 'new', 'twice-kill-at', step], {
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: registries },
        });
        expect(killed.signal).toBe('SIGKILL');
        expect(await eventually(() => readdirSync(registries).length === 0)).toBe(true);
        expect(await eventually(() => !stagingDirs().some((f) => /\.staging-\d+-[0-9a-f]+$/.test(f)))).toBe(true);
        // The first synth's output is whole; the second's only once it was swapped in.
        expect(nextSynth(out, 'third').found).toEqual(complete(step === 'swapped' ? 'new-2' : 'new'));
        expect(await eventually(() => stagingDirs().length === 0)).toBe(true);
      } finally {
        rmSync(registries, { recursive: true, force: true });
      }
    },
  );

  it('leaves nothing behind after synths that ended well', async () => {
    const registries = mkdtempSync(path.join(tmpdir(), 'csa-watchdog-'));
    try {
      const done = spawnSync(process.execPath, [CHILD, out, 'new', 'twice-kill-at', 'never'], {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: registries },
      });
      expect([done.status, done.stderr]).toEqual([0, '']);
      expect(await eventually(() => readdirSync(registries).length === 0)).toBe(true);
      expect(snapshot(out)).toEqual(Object.fromEntries(OUTPUT_FILES.map((f) => [f, 'new-2'])));
      expect(readdirSync(dir)).toEqual(['out']);
    } finally {
      rmSync(registries, { recursive: true, force: true });
    }
  });
});

describe('interrupts', () => {
  /** Starts helpers/staged-output-child.ts in `block` mode and resolves once its staging directory exists. */
  function blockedSynth(): Promise<{ child: ChildProcess; staging: string; exit: Promise<number | null> }> {
    const child = spawn(process.execPath, [CHILD, out, 'new', 'block'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : null))),
    );
    return new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout!.on('data', (chunk) => {
        stdout += chunk;
        const staging = /^staging (.+)$/m.exec(stdout)?.[1];
        if (staging) resolve({ child, staging, exit });
      });
      child.on('exit', () => reject(new Error(`the synth ended before it blocked: ${stdout}`)));
    });
  }

  it.each([
    ['Ctrl-C (SIGINT to the process group)', 'SIGINT', 130],
    ['SIGTERM', 'SIGTERM', 143],
  ] as const)('%s during the synth (%s): exit status %d, the staging directory is deleted and the output is as it was', async (_, signal, status) => {
    writeOutput(out, 'old');
    const { child, staging, exit } = await blockedSynth();
    expect(existsSync(staging)).toBe(true);
    expect(snapshot(staging)).toEqual(Object.fromEntries(OUTPUT_FILES.map((f) => [f, 'new'])));
    if (signal === 'SIGINT') process.kill(-child.pid!, signal);
    else child.kill(signal);
    expect(await exit).toBe(status);
    expect(await eventually(() => !existsSync(staging))).toBe(true);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(snapshot(out)).toEqual(complete('old'));
  });

  it('deletes, at the next start, what synths that are gone left behind, and nothing that a running synth still uses', async () => {
    writeOutput(out, 'old');
    const gone = spawnSync('true').pid!; // a process that has ended
    const running = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const leftovers = [`.out.staging-${gone}-0a1b2c3d`, `.out.staging-${gone}-0a1b2c3d.trash`, '.out.staging-Xy12Zq'];
      for (const name of leftovers) writeOutput(path.join(dir, name), 'stale');
      // Named by an earlier version, without a pid: abandoned once it is 10 minutes old; a recent one may still be written.
      const recentLegacy = '.out.staging-Ab12Cd';
      mkdirSync(path.join(dir, recentLegacy));
      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(path.join(dir, '.out.staging-Xy12Zq'), hourAgo, hourAgo);
      // A previous output left next to a present one still has terraform init results for it.
      const previous = path.join(dir, `.out.staging-${gone}-9f8e7d6c.previous`);
      writeOutput(previous, 'older');
      rmSync(path.join(out, 'stacks', 'a', '.terraform'), { recursive: true });
      const inUse = `.out.staging-${running.pid}-12345678`;
      mkdirSync(path.join(dir, inUse));
      const next = nextSynth(out, 'new');
      expect(next.found).toEqual(complete('old'));
      expect(next.lines).toHaveLength(1);
      expect(next.lines[0]).toMatch(/^note: deleted .* left by an interrupted synth of /);
      for (const name of [...leftovers, path.basename(previous)]) expect(next.lines[0]).toContain(name);
      expect(readdirSync(dir).sort()).toEqual([inUse, recentLegacy, 'out'].sort());
    } finally {
      running.kill();
    }
  });
});

describe('the output path', () => {
  it('keeps a symlinked output directory a link, and stages and swaps next to its target', () => {
    const real = path.join(dir, 'real');
    writeOutput(path.join(real, 'out'), 'old');
    const link = path.join(dir, 'link');
    symlinkSync(path.join('real', 'out'), link);
    withStagedOutput(link, (staging) => writeOutput(staging, 'new', true), { report: () => {} });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('real', 'out'));
    expect(snapshot(link)).toEqual(complete('new'));
    expect(readdirSync(dir).sort()).toEqual(['link', 'real']);
    expect(readdirSync(real)).toEqual(['out']);
  });

  it('writes a first output through a dangling link into its target', () => {
    mkdirSync(path.join(dir, 'real'));
    const link = path.join(dir, 'link');
    symlinkSync(path.join(dir, 'real', 'out'), link);
    withStagedOutput(link, (staging) => writeFileSync(path.join(staging, 'manifest.json'), 'new'));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real', 'out', 'manifest.json'), 'utf8')).toBe('new');
  });

  it('refuses a file in the way before creating anything', () => {
    writeFileSync(out, 'not a directory');
    let written = false;
    const error = errorOf(() => withStagedOutput(out, () => (written = true)));
    expect(error).toBeInstanceOf(OutputDirError);
    expect((error as OutputDirError).state).toBe('unchanged');
    expect(error.message).toBe(`${out} is a file, not a directory: move it away or choose another output directory (--out or CDKTF_OUTDIR)`);
    expect(written).toBe(false);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(out, 'utf8')).toBe('not a directory');
  });

  it('refuses a missing parent directory, naming it', () => {
    const missing = path.join(dir, 'missing', 'out');
    const error = errorOf(() => withStagedOutput(missing, () => {}));
    expect(error.message).toBe(`the parent directory of ${missing}, ${path.join(dir, 'missing')}, does not exist: create it first`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("gives the output directory the permissions mkdir gives, not mkdtemp's 0700, on a first synth and a replacement", () => {
    const reference = path.join(dir, 'reference');
    mkdirSync(reference);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(reference)).not.toBe(0o700); // the umask of this test run leaves a difference to see
    withStagedOutput(out, () => {});
    expect(mode(out)).toBe(mode(reference));
    withStagedOutput(out, () => {});
    expect(mode(out)).toBe(mode(reference));
  });
});

/**
 * Makes a directory impossible to delete from or rename for this process: chmod for a user,
 * `chattr +i` for root (whom permissions do not stop). False where neither works.
 */
function lockDirectory(target: string): boolean {
  if (process.getuid?.() !== 0) return spawnSync('chmod', ['0555', target]).status === 0;
  return spawnSync('chattr', ['+i', target]).status === 0;
}
function unlockDirectory(target: string): void {
  if (process.getuid?.() !== 0) spawnSync('chmod', ['0700', target]);
  else spawnSync('chattr', ['-i', target]);
}
const canLock = (() => {
  const probe = mkdtempSync(path.join(tmpdir(), 'csa-lock-probe-'));
  mkdirSync(path.join(probe, 'd'));
  writeFileSync(path.join(probe, 'd', 'f'), '');
  lockDirectory(path.join(probe, 'd'));
  let locked = false;
  try {
    rmSync(path.join(probe, 'd', 'f'));
  } catch {
    locked = true;
  }
  unlockDirectory(path.join(probe, 'd'));
  rmSync(probe, { recursive: true, force: true });
  return locked;
})();

describe('deleting the previous output (removeTree)', () => {
  it('deletes files, directories and links in a tree, never what a link points to', () => {
    const outside = path.join(dir, 'outside');
    mkdirSync(path.join(outside, 'kept'), { recursive: true });
    writeFileSync(path.join(outside, 'kept', 'file'), 'kept');
    const tree = path.join(dir, 'tree');
    mkdirSync(path.join(tree, 'stacks', 'a', '.terraform'), { recursive: true });
    writeFileSync(path.join(tree, 'stacks', 'a', 'cdk.tf.json'), '{}');
    writeFileSync(path.join(tree, 'manifest.json'), '{}');
    symlinkSync(outside, path.join(tree, 'stacks', 'linked-dir'));
    symlinkSync(path.join(outside, 'kept', 'file'), path.join(tree, 'stacks', 'a', 'linked-file'));
    removeTree(tree);
    expect(existsSync(tree)).toBe(false);
    expect(readFileSync(path.join(outside, 'kept', 'file'), 'utf8')).toBe('kept');
    // A dangling link is deleted like any other.
    mkdirSync(tree);
    symlinkSync(path.join(dir, 'missing'), path.join(tree, 'dangling'));
    removeTree(tree);
    expect(existsSync(tree)).toBe(false);
  });

  it('leaves to rmSync what it cannot delete itself, and a missing tree is no error', () => {
    const tree = path.join(dir, 'read-only');
    mkdirSync(path.join(tree, 'inner'), { recursive: true });
    writeFileSync(path.join(tree, 'inner', 'file'), 'x');
    const rm = jest.spyOn(require('fs') as typeof import('fs'), 'rmdirSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
    });
    try {
      removeTree(tree);
    } finally {
      rm.mockRestore();
    }
    expect(existsSync(tree)).toBe(false);
    expect(() => removeTree(path.join(dir, 'never-was'))).not.toThrow();
  });
});

describe('errors say what happened to the output', () => {
  (canLock ? it : it.skip)('a previous output that cannot be deleted after the new one is in place is a warning: the synth succeeds', () => {
    writeOutput(out, 'old');
    mkdirSync(path.join(out, 'locked'));
    writeFileSync(path.join(out, 'locked', 'file'), '');
    expect(lockDirectory(path.join(out, 'locked'))).toBe(true);
    try {
      const lines: string[] = [];
      const result = withStagedOutput(out, (staging) => (writeOutput(staging, 'new', true), 'result'), { report: (l) => lines.push(l) });
      expect(result).toBe('result');
      expect(snapshot(out)).toEqual(complete('new'));
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^warning: ${out} was written, but the previous output could not be removed completely \\(.*\\): delete ${dir}/\\.out\\.staging-\\d+-[0-9a-f]+\\.trash by hand$`,
          ),
        ),
      ]);
      expect(outputStateOf(new Error('after the synth'), out)).toBe('written');
    } finally {
      // The locked directory moved with the previous output.
      for (const parent of [out, ...stagingDirs().map((d) => path.join(dir, d))])
        if (existsSync(path.join(parent, 'locked'))) unlockDirectory(path.join(parent, 'locked'));
    }
  });

  (canLock ? it : it.skip)('an output that cannot be moved aside is an error before the swap: unchanged, and the staging directory is gone', () => {
    writeOutput(out, 'old');
    // root: the output directory itself cannot be renamed; a user: its parent cannot be written to.
    const locked = process.getuid?.() === 0 ? out : dir;
    expect(lockDirectory(locked)).toBe(true);
    try {
      const error = errorOf(() => withStagedOutput(out, (staging) => writeFileSync(path.join(staging, 'manifest.json'), 'new')));
      expect(error).toBeInstanceOf(OutputDirError);
      expect((error as OutputDirError).state).toBe('unchanged');
      expect(error.message).toMatch(
        /^(could not move the previous output aside to put the new one in its place|cannot create a staging directory in .*) \(E[A-Z]+/,
      );
    } finally {
      unlockDirectory(locked);
    }
    expect(snapshot(out)).toEqual(complete('old'));
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('an error from the writer leaves the output unchanged and deletes the staging directory', () => {
    writeOutput(out, 'old');
    const error = errorOf(() =>
      withStagedOutput(out, (staging) => {
        writeFileSync(path.join(staging, 'manifest.json'), 'new');
        throw new Error('policy says no');
      }),
    );
    expect(error.message).toBe('policy says no');
    expect(outputStateOf(error, path.join(dir, 'fresh'))).toBe('unchanged');
    expect(snapshot(out)).toEqual(complete('old'));
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
