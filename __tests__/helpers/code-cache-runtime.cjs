'use strict';
/**
 * jest's module runtime (jest.config.js `runtime`) with V8's code cache for the modules it compiles.
 *
 * jest gives every test file a fresh module registry, so each file compiles cdktf, the azurerm
 * provider bindings and the project's modules again (vm.compileFunction, no code cache): about
 * a second of every test file's time, the single largest cost of the many short test files.
 * This keeps the code cache V8 produces for a module's source (per file name, with the exact
 * source jest compiled, so an edited file is compiled afresh) in the worker process, and hands
 * it to V8 the next time a test file loads the same module with the same source (compared as
 * strings: cheaper than hashing every module's source for every test file). V8 checks the
 * cache against the source and ignores one that does not match (cachedDataRejected); the
 * module is compiled and runs exactly as without it.
 *
 * Everything else is jest's own: the same function parameters, the same dynamic import hook,
 * the same error handling (any failure here falls back to jest's compile). If jest's internals
 * differ from what this expects (another jest version), it is plain jest.
 * CSA_JEST_CODE_CACHE=0 turns it off.
 */
const { compileFunction } = require('vm');
const Runtime = require('jest-runtime').default;

/** Per worker process: file name -> the source V8 compiled and its code cache. */
const codeCache = new Map();

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    if (process.env.CSA_JEST_CODE_CACHE === '0' || !executor || typeof executor.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters))
      return;
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const vmContext = executor.environment.getVmContext();
      if (vmContext == null || executor.resolution.isCoreModule(filename)) return jestCompile(scriptSource, filename);
      const entry = codeCache.get(filename);
      const cachedData = entry && entry.source === scriptSource ? entry.cachedData : undefined;
      let compiled;
      try {
        compiled = compileFunction(scriptSource, executor.injectedModuleParameters, {
          filename,
          ...(cachedData ? { cachedData } : { produceCachedData: true }),
          importModuleDynamically: (specifier, _function, importAttributes, ...rest) =>
            executor.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
          parsingContext: vmContext,
        });
      } catch {
        // jest's own compile reports the error as jest does (syntax errors, ESM in CommonJS).
        return jestCompile(scriptSource, filename);
      }
      if (cachedData && compiled.cachedDataRejected) codeCache.delete(filename);
      else if (!cachedData && compiled.cachedDataProduced && compiled.cachedData)
        codeCache.set(filename, { source: scriptSource, cachedData: compiled.cachedData });
      return compiled;
    };
  }
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
