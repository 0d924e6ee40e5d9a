// How the mirror's provider executables start the stand-in.
//
// Terraform starts a provider process for every provider configuration (each alias)
// of every command, so start-up time multiplies. The process therefore runs one
// JavaScript file bundled by esbuild (tsx's own compiler) from provider-main.ts: no
// TypeScript at run time, no module resolution, no .proto parsing (the protos ship as
// the JSON descriptor proto-descriptor.ts builds), and no @grpc/grpc-js (see
// grpc-server.ts). The bundle lives in the cache directory under a hash of everything
// it is built from: the sources and protos of this directory, the files of the npm
// packages bundled into it and the esbuild version, so a changed source always means
// a new build, never a stale one.
import { createHash, Hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildProtoDescriptor, DESCRIPTOR_FILE } from './proto-descriptor';

const SOURCE_DIR = __dirname;
const PROTO_DIR = join(SOURCE_DIR, 'proto');
const ENTRY = 'provider-main.ts';
const BUNDLE = 'provider.js';
/** npm packages the stand-in imports, bundled into it (the build checks the list is complete). */
export const BUNDLED_PACKAGES = ['@msgpack/msgpack'];

export interface ProviderRuntime {
  /** Environment the wrapper exports before exec'ing. */
  env: Record<string, string>;
  /** argv (node + entry script) before the provider's own flags. */
  argv: string[];
}

export function nodeModulesDir(): string {
  // .../node_modules/@msgpack/msgpack/package.json -> .../node_modules
  return dirname(dirname(dirname(require.resolve('@msgpack/msgpack/package.json'))));
}

function sourceFiles(): string[] {
  return readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

function esbuildModule(): typeof import('esbuild') {
  // esbuild comes with tsx (which runs `npm run plan`); resolve it from there.
  return require(require.resolve('esbuild', { paths: [dirname(require.resolve('tsx/package.json'))] })) as typeof import('esbuild');
}

function hashTree(hash: Hash, dir: string, root: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, root);
    else hash.update(relative(root, path)).update(readFileSync(path));
  }
}

/** Hash of every input of the bundle: sources, protos, bundled packages, esbuild version. */
export function runtimeHash(): string {
  const hash = createHash('sha256');
  for (const f of sourceFiles()) hash.update(f).update(readFileSync(join(SOURCE_DIR, f)));
  hashTree(hash, PROTO_DIR, SOURCE_DIR);
  for (const pkg of BUNDLED_PACKAGES) hashTree(hash, join(nodeModulesDir(), pkg), nodeModulesDir());
  hash.update(`esbuild ${esbuildModule().version} node ${process.versions.node}`);
  return hash.digest('hex');
}

/**
 * Returns the bundled runtime, building it on first use. Concurrent callers are safe:
 * each builds into its own temp dir and renames it into place.
 */
export function prepareProviderRuntime(cacheDir: string): ProviderRuntime {
  const id = runtimeHash();
  const dir = join(cacheDir, `provider-${id.slice(0, 16)}`);
  const entry = join(dir, BUNDLE);
  if (!existsSync(entry)) build(dir, id);
  return { env: {}, argv: [process.execPath, entry] };
}

function build(dir: string, id: string): void {
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const result = esbuildModule().buildSync({
    entryPoints: [join(SOURCE_DIR, ENTRY)],
    outfile: join(tmp, BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    // Only the run-from-sources fallback of proto-descriptor.ts needs these.
    external: ['protobufjs', '@grpc/proto-loader'],
    define: { 'process.env.OFFLINE_PROVIDER_BUILD_ID': JSON.stringify(id) },
    metafile: true,
    logLevel: 'silent',
  });
  checkBundledPackages(Object.keys(result.metafile.inputs));
  writeFileSync(join(tmp, DESCRIPTOR_FILE), JSON.stringify(buildProtoDescriptor(PROTO_DIR)));
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another process won the race; its copy is identical.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, BUNDLE))) throw e;
  }
}

/** Every npm package in the bundle must be in BUNDLED_PACKAGES, or its changes would not be hashed. */
export function checkBundledPackages(inputs: string[]): void {
  const marker = `node_modules${sep}`;
  for (const input of inputs) {
    const i = input.split('/').join(sep).lastIndexOf(marker);
    if (i < 0) continue;
    const rest = input.slice(i + marker.length).split(/[\\/]/);
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (!BUNDLED_PACKAGES.includes(pkg))
      throw new Error(`offline provider runtime: the stand-in now bundles ${pkg}; add it to BUNDLED_PACKAGES in provider-runtime.ts`);
  }
}

/** The runtime straight from the TypeScript sources via tsx (no build; slower starts). */
export function tsxProviderRuntime(): ProviderRuntime {
  const loader = require.resolve('tsx');
  return { env: {}, argv: [process.execPath, '--import', `file://${loader}`, join(SOURCE_DIR, ENTRY)] };
}
