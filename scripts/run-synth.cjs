#!/usr/bin/env node
/**
 * `npm run synth` and cdktf's `app`: runs main.ts compiled to one JavaScript file, instead of
 * through tsx, which transpiles and resolves every module at run time (a third of a small
 * estate's synth). The bundle is cached under node_modules/.cache/csa-estate, keyed by the
 * content of every source file it is built from (never by file times), esbuild's version and
 * this file: an edit anywhere makes the next run build afresh, so it is never stale; the
 * dependencies are bundled too, pinned by package-lock.json in the key. Building takes about a
 * second, once per version. Development keeps `npx tsx main.ts`, which needs no build.
 */
'use strict';
const { createHash } = require('crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** What the bundle is built from: the app's sources, the compiler settings and the dependency versions. */
const SOURCE_DIRS = ['lib', 'stacks'];
const SOURCE_FILES = ['main.ts', 'tsconfig.json', 'package-lock.json'];
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'csa-estate');
const KEPT_BUILDS = 4;

function sourceFiles() {
  const files = SOURCE_FILES.map((file) => path.join(ROOT, file));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir));
  return files;
}

function contentKey(files, esbuildVersion) {
  const hash = createHash('sha256');
  hash.update(`esbuild ${esbuildVersion}\nnode ${process.versions.node}\nexternal packages ${externalPackages()}\n`);
  hash.update(readFileSync(__filename));
  for (const file of files) {
    hash.update(`\0${path.relative(ROOT, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * CSA_SYNTH_EXTERNAL_PACKAGES=1: the dependencies stay outside the bundle, loaded from
 * node_modules as from the sources, so a `node --require` preload can patch them (debugging, and
 * the tests that make a stack fail on purpose). Its own bundle directory (contentKey).
 */
function externalPackages() {
  return process.env.CSA_SYNTH_EXTERNAL_PACKAGES === '1';
}

/**
 * cdktf writes every stack with json-stable-stringify; in the bundle it gets the project's faster
 * version of the same algorithm (lib/synth/stable-stringify-bundled.ts), which wraps the original
 * (aliased for it alone). From the sources, main.ts swaps it in Node's module cache instead
 * (lib/synth/fast-stringify.ts). Aliases, since esbuild's synchronous build takes no plugins.
 */
function stableStringifyAliases() {
  const cdktf = path.dirname(require.resolve('cdktf', { paths: [ROOT] }));
  const original = path.dirname(require.resolve('json-stable-stringify/package.json', { paths: [cdktf] }));
  return {
    'json-stable-stringify': './lib/synth/stable-stringify-bundled.ts',
    'csa-original-json-stable-stringify': `./${path.relative(ROOT, original).split(path.sep).join('/')}`,
  };
}

/** Set by main.ts when the bundle synthesized an estate. */
const SYNTHESIZED = Symbol.for('csa-estate.synthesized');

/**
 * Runs the bundle as Node would require it, with V8's code cache for it kept beside it
 * (`main.cjs.v8`): compiling 6 MB of JavaScript is most of what loading it costs. V8 checks the
 * cache against the source and flags and ignores one that does not match; it is then written
 * afresh. The bundle directory is keyed by the sources and the Node version (contentKey).
 */
function runBundle(file) {
  const vm = require('vm');
  const Module = require('module');
  const source = sourceText(readFileSync(file));
  const cacheFile = `${file}.v8`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // Written once the run is over (the code cache then holds what ran), by rename: readers see all of it or none.
    // Only after a run that synthesized (main.ts says so): a cache V8 accepts is never written again, and
    // one from `--help` or a failed run would hold a fraction of what a synth compiles, for good.
    process.once('exit', () => {
      if (globalThis[SYNTHESIZED] !== true) return;
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only cache directory: the next run compiles again.
      }
    });
  }
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = bundle;
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, path.dirname(file));
  bundle.loaded = true;
}

/**
 * A file's bytes as JavaScript source. ASCII (the bundles are: asciiOnly) is decoded as Latin-1,
 * the same characters, which Node copies into a string as they are: 6 MB in a fifth of the time
 * UTF-8 decoding takes (about 15 ms of every synth).
 */
function sourceText(bytes) {
  return require('buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The synth worker threads' own bundle, beside main.cjs (lib/synth/synth-workers.ts finds it through CSA_SYNTH_WORKER_BUNDLE). */
const WORKER_BUNDLE = 'synth-worker.cjs';

/**
 * The bundle's text with every character outside ASCII written as a \u escape. esbuild escapes
 * them in code, not in the comments it keeps (zod has a few): one such character makes Node load
 * the whole 6 MB source as a two-byte string, twice the bytes to decode and for V8 to scan, about
 * 60 ms of every synth. In a comment the escape is only text; in a string, a regular expression or
 * an identifier it means the same character.
 */
function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Builds the app's bundle and its worker's into `dir`; refuses one that read a source outside what the key covers (it could go stale). */
function build(esbuild, files, dir) {
  const define = { CSA_SYNTH_WORKER_BUNDLE: JSON.stringify(WORKER_BUNDLE) };
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The dependencies too (cdktf, the provider bindings, zod, yaml): one file loads in a fraction of
    // the time Node takes to resolve and compile hundreds of modules, and its compiled code is cached
    // (runBundle). elkjs stays outside: its worker is started from its own file; esbuild is not run.
    // CSA_STABLE_STRINGIFY_BUNDLED: the alias gives cdktf the fast writer, main.ts need not swap it in (lib/synth/fast-stringify.ts).
    ...(externalPackages()
      ? { packages: 'external', define }
      : { external: ['elkjs', 'esbuild'], alias: stableStringifyAliases(), define: { ...define, CSA_STABLE_STRINGIFY_BUNDLED: 'true' } }),
    metafile: true,
    logLevel: 'error',
    // The metafile's input paths are relative to this, whatever directory synth runs from.
    absWorkingDir: ROOT,
  };
  const results = [
    esbuild.buildSync({ ...common, entryPoints: [path.join(ROOT, 'main.ts')], outfile: path.join(dir, 'main.cjs'), write: false }),
    esbuild.buildSync({ ...common, entryPoints: [path.join(ROOT, 'lib', 'synth', 'synth-worker.ts')], outfile: path.join(dir, WORKER_BUNDLE), write: false }),
  ];
  for (const output of results.flatMap((result) => result.outputFiles)) writeFileSync(output.path, asciiOnly(output.text));
  const covered = new Set(files.map((file) => path.relative(ROOT, file).split(path.sep).join('/')));
  const inputs = new Set(results.flatMap((result) => Object.keys(result.metafile.inputs)));
  const uncovered = [...inputs].filter((input) => !input.includes('node_modules/') && !covered.has(input));
  if (uncovered.length)
    throw new Error(
      `scripts/run-synth.cjs: the app imports ${uncovered.join(', ')}, outside what the build cache key covers; add it to SOURCE_DIRS or SOURCE_FILES`,
    );
}

/** esbuild's version, from its package.json: loading esbuild (20 ms) waits until a bundle is built. */
function esbuildVersion() {
  return JSON.parse(readFileSync(require.resolve('esbuild/package.json', { paths: [ROOT] }), 'utf8')).version;
}

function compiledMain() {
  const files = sourceFiles();
  const dir = path.join(CACHE, contentKey(files, esbuildVersion()));
  const main = path.join(dir, 'main.cjs');
  if (existsSync(main)) return main;
  // Built beside, then renamed into place: a concurrent run never loads a half-written bundle.
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    build(require('esbuild'), files, staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  writeFileSync(path.join(staging, 'key.txt'), `${files.length} sources\n`);
  try {
    renameSync(staging, dir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(main)) throw e;
  }
  pruneOldBuilds(dir);
  return main;
}

/** Keeps the few most recent builds (switching branches back and forth reuses them); times only choose what to delete. */
function pruneOldBuilds(keep) {
  const builds = readdirSync(CACHE)
    .filter((name) => /^[0-9a-f]{32}$/.test(name))
    .map((name) => ({ dir: path.join(CACHE, name), time: statSync(path.join(CACHE, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of builds.slice(KEPT_BUILDS)) if (old.dir !== keep) rmSync(old.dir, { recursive: true, force: true });
}

/**
 * The compiled app runs with the stack cache (lib/synth/stack-cache-run.ts): its entries are keyed
 * by the same content hash as the bundle, so a change to the code misses every entry.
 */
function stackCacheEnv(main) {
  process.env.CSA_SYNTH_CODE_VERSION = path.basename(path.dirname(main));
  // Another directory when set (npm run bench keeps its entries apart from the user's).
  process.env.CSA_SYNTH_CACHE_DIR ??= path.join(CACHE, 'synth');
  return main;
}

if (require.main === module) runBundle(stackCacheEnv(compiledMain()));
else module.exports = { asciiOnly, compiledMain, contentKey, esbuildVersion, sourceFiles, sourceText, runBundle };
