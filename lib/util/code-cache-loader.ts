/**
 * The JavaScript source of `loadWithCodeCache(file, cacheFile)`, for the bootstraps that worker
 * threads evaluate (lib/diagram/elk-thread.ts, lib/synth/synth-workers.ts): they are plain
 * JavaScript, whatever loaded the app. It loads a CommonJS file as `require` would, compiled with
 * V8's code cache from an earlier run when `cacheFile` holds one (V8 checks it against the source
 * and flags, and ignores one that does not match), and returns its exports with `save`, which
 * writes the cache (by rename: readers see all of it or none) when there was none or it was
 * rejected. Compiling megabytes of JavaScript is most of what starting such a worker costs.
 * Without `cacheFile` it is plain `require`. scripts/run-synth.cjs loads the main thread's bundle
 * the same way with its own copy of these lines: it runs before any bundle exists to import from.
 */
export const LOAD_WITH_CODE_CACHE = `
function loadWithCodeCache(file, cacheFile) {
  if (!cacheFile) return { exports: require(file) };
  const fs = require('fs');
  const path = require('path');
  const vm = require('vm');
  const Module = require('module');
  let cachedData;
  try { cachedData = fs.readFileSync(cacheFile); } catch {}
  // ASCII decoded as Latin-1, the same characters: Node copies them as they are, UTF-8 decoding costs five times that.
  const bytes = fs.readFileSync(file);
  const source = require('buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = module;
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const save = () => {
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = cacheFile + '.' + process.pid + '.' + require('worker_threads').threadId + '.tmp';
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {}
  };
  return { exports: module.exports, save: !cachedData || script.cachedDataRejected ? save : undefined };
}
`;
