// How the mirror's provider executables start the stand-in.
//
// Terraform starts a provider process several times per command (schema, validate,
// plan walk, ...), so start-up time multiplies. Running the TypeScript through tsx
// costs ~450 ms per start; plain JavaScript ~200 ms. We therefore transpile the
// provider's sources once with the project's own TypeScript (transpileModule, no
// type-check) into a cache directory keyed by a hash of the sources, and run that
// with plain node. NODE_PATH points at the repo's node_modules so the transpiled
// files, living outside the repo, still resolve @grpc/grpc-js and friends.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCE_DIR = __dirname;
const PROTO_DIR = join(SOURCE_DIR, 'proto');

export interface ProviderRuntime {
  /** Environment the wrapper exports before exec'ing. */
  env: Record<string, string>;
  /** argv (node + entry script) before the provider's own flags. */
  argv: string[];
}

export function nodeModulesDir(): string {
  // .../node_modules/@grpc/grpc-js/package.json -> .../node_modules
  return dirname(dirname(dirname(require.resolve('@grpc/grpc-js/package.json'))));
}

function sourceFiles(): string[] {
  return readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * Returns the compiled runtime, building it on first use. Concurrent callers are
 * safe: each builds into its own temp dir and renames it into place.
 */
export function prepareProviderRuntime(cacheDir: string): ProviderRuntime {
  const hash = createHash('sha256');
  for (const f of sourceFiles()) hash.update(f).update(readFileSync(join(SOURCE_DIR, f)));
  for (const f of readdirSync(PROTO_DIR).sort()) hash.update(f).update(readFileSync(join(PROTO_DIR, f)));
  const dir = join(cacheDir, `runtime-${hash.digest('hex').slice(0, 16)}`);
  const entry = join(dir, 'provider-main.js');
  if (!existsSync(entry)) build(dir);
  return { env: { NODE_PATH: nodeModulesDir() }, argv: [process.execPath, entry] };
}

function build(dir: string): void {
  // Loaded only on a cache miss: requiring TypeScript alone takes ~0.5 s.
  const ts = require('typescript') as typeof import('typescript');
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const f of sourceFiles()) {
    const out = ts.transpileModule(readFileSync(join(SOURCE_DIR, f), 'utf8'), {
      fileName: f,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(tmp, f.replace(/\.ts$/, '.js')), out.outputText);
  }
  cpSync(PROTO_DIR, join(tmp, 'proto'), { recursive: true });
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another process won the race; its copy is identical.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'provider-main.js'))) throw e;
  }
}

/** The runtime straight from the TypeScript sources via tsx (no build; slower starts). */
export function tsxProviderRuntime(): ProviderRuntime {
  const loader = require.resolve('tsx');
  return { env: {}, argv: [process.execPath, '--import', `file://${loader}`, join(SOURCE_DIR, 'provider-main.ts')] };
}
