import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadEstateFile, MAX_ESTATE_BYTES } from '../lib/estate/load';
import { EstateValidationError } from '../lib/util/problems';
import { readEstateFile } from '../lib/estate/read-estate-file';
import { filesUnder, runSynthCommand } from './helpers/command';
import { REPO } from './helpers/synth';

/**
 * What ESTATE may name: a regular file of at most MAX_ESTATE_BYTES bytes of UTF-8. stat says
 * 0 bytes for devices and pipes, so bounding by stat let /dev/zero grow to 17 GB, hung on
 * /dev/urandom, and opening a FIFO blocks until a writer comes. Cases that could hang run in
 * a child process with a timeout, so a regression fails instead of hanging the test run.
 */

const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'csa-estate-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The problems loadEstateFile reports for `file`, in this process. */
function problemsOf(file: string): { source: string; problems: readonly { path: string; message: string }[] } {
  try {
    loadEstateFile(file);
  } catch (e) {
    if (e instanceof EstateValidationError) return { source: e.source, problems: e.problems };
    throw e;
  }
  throw new Error(`${file} was accepted`);
}

/** loadEstateFile on each path in a child process, killed after `timeout` ms: the message per path, and how long it took. */
function loadInChild(files: string[], timeout = 20_000): { results: Record<string, string>; status: number | null; signal: string | null } {
  const script = `
    const { loadEstateFile } = require(${JSON.stringify(path.join(REPO, 'lib', 'estate', 'load.ts'))});
    const out = {};
    for (const file of ${JSON.stringify(files)}) {
      try { loadEstateFile(file); out[file] = 'accepted'; } catch (e) { out[file] = e.message; }
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const child = spawnSync(TSX, ['-e', script], { encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  return { results: child.stdout ? JSON.parse(child.stdout) : {}, status: child.status, signal: child.signal };
}

describe('estate files that are not regular files', () => {
  it('refuses /dev/zero, /dev/urandom and a FIFO promptly, without reading or opening them', () => {
    const fifo = path.join(dir, 'estate.fifo');
    execFileSync('mkfifo', [fifo]);
    // Reading one of them would never end: the child would hit the test timeout (no wall-clock bound here: shared machines).
    const { results, status, signal } = loadInChild(['/dev/zero', '/dev/urandom', fifo]);
    expect({ status, signal }).toEqual({ status: 0, signal: null });
    expect(results).toEqual({
      '/dev/zero': '/dev/zero: 1 problem\n  (file): is a character device, not a regular file; name an estate file (YAML or JSON)',
      '/dev/urandom': '/dev/urandom: 1 problem\n  (file): is a character device, not a regular file; name an estate file (YAML or JSON)',
      [fifo]: `${fifo}: 1 problem\n  (file): is a named pipe (FIFO), not a regular file; name an estate file (YAML or JSON)`,
    });
  }, 30_000);

  it('refuses a directory, and a symbolic link to a device', () => {
    const link = path.join(dir, 'zero.yaml');
    symlinkSync('/dev/zero', link);
    mkdirSync(path.join(dir, 'estates.d'));
    expect(problemsOf(path.join(dir, 'estates.d'))).toEqual({
      source: path.join(dir, 'estates.d'),
      problems: [{ path: '', message: 'is a directory, not a regular file; name an estate file (YAML or JSON)' }],
    });
    expect(problemsOf(link).problems).toEqual([{ path: '', message: 'is a character device, not a regular file; name an estate file (YAML or JSON)' }]);
  });

  it('npm run synth with ESTATE=/dev/zero: exit 1 at once, the device named, nothing written', () => {
    const work = path.join(dir, 'synth-zero');
    const outdir = path.join(work, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dmlz'), { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), '{"previous": true}');
    const before = filesUnder(outdir);
    const result = runSynthCommand('/dev/zero', outdir, { timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/dev/zero: 1 problem\n  (file): is a character device, not a regular file');
    expect(filesUnder(outdir)).toEqual(before);
  }, 40_000);
});

describe('the size bound, read on the descriptor', () => {
  it('reads a file of exactly the limit, and refuses one byte more', () => {
    const file = path.join(dir, 'small.txt');
    writeFileSync(file, '0123456789');
    expect(readEstateFile(file, 10)).toBe('0123456789');
    expect(() => readEstateFile(file, 9)).toThrow(/small\.txt: 1 problem\n {2}\(file\): is more than 9 bytes; estate files are limited to 9 bytes$/);
  });

  it('refuses an estate file over MAX_ESTATE_BYTES before parsing it', () => {
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, `# ${'x'.repeat(MAX_ESTATE_BYTES)}\n`);
    expect(problemsOf(file).problems).toEqual([
      { path: '', message: `is more than ${MAX_ESTATE_BYTES} bytes; estate files are limited to ${MAX_ESTATE_BYTES} bytes` },
    ]);
  });

  it('reads a file larger than one read (64 KiB) whole', () => {
    const file = path.join(dir, 'multi-chunk.txt');
    const text = 'é'.repeat(100_000); // 200,000 bytes, and a character split across chunk boundaries
    writeFileSync(file, text);
    expect(readEstateFile(file, MAX_ESTATE_BYTES)).toBe(text);
  });

  it('loads a normal estate file', () => {
    expect(loadEstateFile(path.join(REPO, 'estates', 'adatum.yaml')).estate).toBe('adatum');
  });
});

describe('encoding', () => {
  it('refuses bytes that are not UTF-8, naming line and column', () => {
    const file = path.join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('estate: adatum\nlocation: Zürich\ntags: { owner: "'), Buffer.from([0xe9]), Buffer.from('t\u00e9" }\n')]));
    expect(problemsOf(file).problems).toEqual([{ path: '', message: 'is not UTF-8 text: byte 0xe9 at line 3, column 17 (offset 49); save the file as UTF-8' }]);
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('refuses %s', (_what, bytes) => {
    const file = path.join(dir, `bad-${bytes.join('-')}.yaml`);
    writeFileSync(file, Buffer.concat([Buffer.from('a: '), Buffer.from(bytes)]));
    expect(() => readEstateFile(file, 100)).toThrow(/is not UTF-8 text: byte 0x[0-9a-f]{2} at line 1, column 4 \(offset 3\)/);
  });

  it('accepts UTF-8 with a byte order mark (dropped) and characters of every length', () => {
    const file = path.join(dir, 'bom.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: "é €𝔡"\n')]));
    expect(readEstateFile(file, 100)).toBe('a: "é €𝔡"\n');
  });
});
