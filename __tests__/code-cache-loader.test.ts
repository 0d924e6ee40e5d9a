import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import * as path from 'path';
import { LOAD_WITH_CODE_CACHE } from '../lib/util/code-cache-loader';

/**
 * lib/util/code-cache-loader.ts: the loader worker threads use for elkjs and the synth worker's
 * bundle. Evaluated here as a worker evaluates it, with Node's own require (jest's has no cache).
 */
type Loaded = { exports: { answer: number; dir: string; helper: string }; save?: () => void };
const nodeRequire = createRequire(__filename);
const loadWithCodeCache = new Function('require', `${LOAD_WITH_CODE_CACHE}\nreturn loadWithCodeCache;`)(nodeRequire) as (
  file: string,
  cacheFile?: string,
) => Loaded;

describe('loadWithCodeCache', () => {
  let dir: string;
  let file: string;
  let cache: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-code-cache-'));
    file = path.join(dir, 'module.cjs');
    cache = path.join(dir, 'cache', 'module.cjs.v8');
    writeFileSync(path.join(dir, 'helper.cjs'), `module.exports = 'helped';`);
    writeFileSync(file, `exports.answer = 6 * 7; exports.dir = __dirname; exports.helper = require('./helper.cjs');`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a CommonJS file as require does, and writes the code cache once, then uses it', () => {
    writeFileSync(file, `exports.answer = 6 * 7; exports.dir = __dirname; exports.helper = require('./helper.cjs'); // first`);
    const first = loadWithCodeCache(file, cache);
    expect(first.exports).toEqual({ answer: 42, dir, helper: 'helped' });
    expect(first.save).toBeInstanceOf(Function);
    first.save!();
    expect(readFileSync(cache).length).toBeGreaterThan(0);
    // In a fresh process, as a new worker thread is (this one has the source in V8's own compilation cache).
    const script = `${LOAD_WITH_CODE_CACHE}
const loaded = loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cache)});
console.log(JSON.stringify({ exports: loaded.exports, save: typeof loaded.save }));`;
    const second = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(second).toEqual({ exports: { answer: 42, dir, helper: 'helped' }, save: 'undefined' }); // V8 took the cache
  });

  it('ignores a cache that does not match the source (edited file, corrupt cache) and offers to write it again', () => {
    loadWithCodeCache(file, cache).save!();
    writeFileSync(file, `exports.answer = 1; exports.dir = __dirname; exports.helper = require('./helper.cjs');`);
    const edited = loadWithCodeCache(file, cache);
    expect(edited.exports.answer).toBe(1);
    expect(edited.save).toBeInstanceOf(Function);
    // A source this process has not compiled yet: V8 would otherwise find it in its own compilation cache first.
    writeFileSync(file, `exports.answer = 2; exports.dir = __dirname; exports.helper = require('./helper.cjs');`);
    writeFileSync(cache, 'not a code cache');
    const corrupt = loadWithCodeCache(file, cache);
    expect(corrupt.exports.answer).toBe(2);
    expect(corrupt.save).toBeInstanceOf(Function);
    corrupt.save!();
    expect(loadWithCodeCache(file, cache).save).toBeUndefined();
  });

  it('reads a file that is not ASCII as UTF-8, and one that is as the same characters', () => {
    writeFileSync(file, `exports.answer = 'é—😀'.length; exports.dir = __dirname; exports.helper = 'ascii';`);
    expect(loadWithCodeCache(file, cache).exports).toEqual({ answer: 'é—😀'.length, dir, helper: 'ascii' });
    writeFileSync(file, `exports.answer = '\\u00e9'.length; exports.dir = __dirname; exports.helper = '\\u00e9';`);
    expect(loadWithCodeCache(file, cache).exports).toEqual({ answer: 1, dir, helper: 'é' });
  });

  it('is plain require without a cache file, and leaves no cache behind when its directory cannot be made', () => {
    expect(loadWithCodeCache(file).exports.answer).toBe(42);
    writeFileSync(path.join(dir, 'blocked'), '');
    const blocked = path.join(dir, 'blocked', 'module.cjs.v8');
    const loaded = loadWithCodeCache(file, blocked);
    expect(() => loaded.save!()).not.toThrow();
    expect(readFileSync(path.join(dir, 'blocked'), 'utf8')).toBe('');
  });
});
