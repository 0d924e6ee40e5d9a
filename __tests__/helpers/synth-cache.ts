import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { StackCacheOptions } from '../../lib/synth/stack-cache-run';

/**
 * A content-addressed cache of whole-estate syntheses for the tests (synth() in ./synth.ts).
 *
 * Many test files synthesize the same estates (the shipped ones and the same variants), each
 * into a fresh temp dir where nothing else can influence the result: what is written is a
 * function of the estate text, the code and today's date (exemption expiry, CSA_TODAY). An
 * entry is keyed by a hash of all of those:
 *
 *   - the estate text exactly as written to the estate file;
 *   - the content of every file under lib/ and stacks/, of main.ts, package.json,
 *     package-lock.json, jest.config.js (the transform), ./synth.ts and this file: an edit
 *     anywhere in the code that synthesizes, in its dependencies or in how the tests call it
 *     is another key;
 *   - today's UTC date and CSA_TODAY, and the Node.js version.
 *
 * Other people edit lib/ while tests run, so a test file uses the cache only when the code is
 * provably the one it loaded: jest-setup.ts takes a fingerprint of the code files (names,
 * sizes, mtimes) before the test file loads any of them; the cache is used only when the
 * fingerprint is the same at its first use (the key is hashed then) and again before each
 * entry is stored. The cache never serves a result of other code.
 *
 * Only successful syntheses are stored; failures run every time. A hit restores every file
 * the synthesis wrote (stacks, manifest, diagram, estate lock) into the caller's new temp
 * dir, so callers get the same files, and fresh, independent objects parsed from them.
 *
 * A test file that patches code (jest.spyOn, jest.mock, jest.replaceProperty anywhere in it)
 * does not use the cache at all. CSA_TEST_SYNTH_CACHE=0 turns it off. Syntheses it misses
 * share the product's stack cache under the same code key (stackCache below). The entries live in the
 * OS temp dir (CSA_TEST_CACHE_DIR moves them), shared by every clone of the repository:
 * entries of the same code are the same. Code versions unused for a day are deleted.
 */

const REPO = path.resolve(__dirname, '..', '..');
const ROOT = path.join(process.env.CSA_TEST_CACHE_DIR || path.join(tmpdir(), 'csa-tests-cache'), 'synth-v1');
const KEEP_MS = 24 * 3600 * 1000;
const FINGERPRINT_AT_START = '__csaCodeFingerprintAtStart';

/** Every file whose content can change what a synthesis writes, relative to the repository. */
function codeFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(REPO, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('lib');
  walk('stacks');
  out.push('main.ts', 'package.json', 'package-lock.json', 'jest.config.js', '__tests__/helpers/synth.ts', '__tests__/helpers/synth-cache.ts');
  return out;
}

/** Names, sizes and modification times of the code files: cheap, and changed by any edit. */
export function codeFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of codeFiles()) {
    const stat = statSync(path.join(REPO, file), { throwIfNoEntry: false });
    hash.update(`${file}\0${stat?.size}\0${stat?.mtimeMs}\0`);
  }
  return hash.digest('hex');
}

/** Called by jest-setup.ts before the test file loads any code. */
export function recordCodeFingerprint(): void {
  (globalThis as Record<string, unknown>)[FINGERPRINT_AT_START] = codeFingerprint();
}

/** The content hash of the code files. */
function hashCode(): string {
  const hash = createHash('sha256');
  for (const file of codeFiles()) {
    const p = path.join(REPO, file);
    hash
      .update(`${file}\0`)
      .update(existsSync(p) ? readFileSync(p) : 'missing')
      .update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** Whether the code files are as they were when the test file started (so, the code it runs). */
function codeUnchanged(): boolean {
  const atStart = (globalThis as Record<string, unknown>)[FINGERPRINT_AT_START];
  return typeof atStart === 'string' && codeFingerprint() === atStart;
}

/** This test file's code hash; undefined (no cache) when the code changed after the file started. */
let code: string | undefined | null = null;

function codeKey(): string | undefined {
  if (code === null) code = process.env.CSA_TEST_SYNTH_CACHE === '0' || patchesCode() || !codeUnchanged() ? undefined : hashCode();
  return code;
}

/**
 * Whether the running test file may patch the code it synthesizes with (a jest spy on a
 * construct's prototype, a module mock): its syntheses are then not what the files say, and
 * stay out of the cache, both ways.
 */
function patchesCode(): boolean {
  const testPath = expect.getState().testPath;
  return !testPath || /\bjest\.(spyOn|mock|doMock|unstable_mockModule|replaceProperty)\b/.test(readFileSync(testPath, 'utf8'));
}

/** The cache entry for an estate text; undefined when the cache is off for this test file. */
export function cacheEntry(estateText: string): string | undefined {
  const key = codeKey();
  if (!key) return undefined;
  const environment = JSON.stringify({ today: new Date().toISOString().slice(0, 10), CSA_TODAY: process.env.CSA_TODAY ?? null, node: process.version });
  return path.join(ROOT, key, createHash('sha256').update(environment).update('\0').update(estateText).digest('hex').slice(0, 40));
}

/**
 * The product's stack cache (lib/synth/stack-cache-run.ts), shared by every synthesis of this
 * code, for the syntheses the cache above misses: most are variants of the shipped estates, whose
 * unchanged stacks it reuses, and it keeps the diagram's zone layouts too. It writes what a synth
 * without it writes (__tests__/synth-cache.test.ts). Undefined when it is off, or the code changed
 * since the test file started.
 */
export function stackCache(): StackCacheOptions | undefined {
  const key = codeKey();
  return key && codeUnchanged() ? { dir: path.join(ROOT, key, 'stack-cache'), codeVersion: key } : undefined;
}

interface Meta {
  /** The stack names in the order synthesizeEstate returned them. */
  stacks: readonly string[];
}

/**
 * Restores a cached synthesis into the empty `dir`; returns its stack names, or undefined on a
 * miss (an entry another process is deleting is a miss too, and leaves `dir` empty).
 */
export function restoreSynth(entry: string, dir: string): readonly string[] | undefined {
  if (!existsSync(entry)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(path.join(entry, 'meta.json'), 'utf8')) as Meta;
    cpSync(path.join(entry, 'files'), dir, { recursive: true });
    touch(path.dirname(entry));
    return meta.stacks;
  } catch {
    for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true, force: true });
    return undefined;
  }
}

/** Stores every file of the synthesis in `dir`, unless the code changed since the test file started. */
export function storeSynth(entry: string, dir: string, stacks: readonly string[]): void {
  if (existsSync(entry) || !codeUnchanged()) return;
  prune();
  mkdirSync(path.dirname(entry), { recursive: true });
  const tmp = mkdtempSync(`${entry}.tmp-`);
  try {
    cpSync(dir, path.join(tmp, 'files'), { recursive: true });
    writeFileSync(path.join(tmp, 'meta.json'), JSON.stringify({ stacks } satisfies Meta));
    // Atomic: readers see the whole entry or none. Another process may have stored the same one first.
    renameSync(tmp, entry);
  } catch {
    // Stored by another process meanwhile (the same result), or no space: no entry from us.
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function touch(p: string): void {
  const now = new Date();
  try {
    utimesSync(p, now, now);
  } catch {
    // deleted meanwhile
  }
}

let pruned = false;

/** Once per test file: deletes the entries of code versions nobody used for a day. */
function prune(): void {
  if (pruned || !existsSync(ROOT)) return;
  pruned = true;
  for (const name of readdirSync(ROOT)) {
    if (name === code) continue;
    try {
      if (Date.now() - statSync(path.join(ROOT, name)).mtimeMs > KEEP_MS) rmSync(path.join(ROOT, name), { recursive: true, force: true });
    } catch {
      // pruned by another process
    }
  }
}
