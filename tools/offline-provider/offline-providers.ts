// The stand-in providers of an offline plan: which schema file serves which provider,
// and how Terraform reaches them.
//
// Every terraform command gets a CLI config whose only installation source is a
// filesystem mirror of small wrappers that start the stand-in (mirror.ts), so nothing
// ever reaches for the network. By default the commands do not start those: they
// connect to one reattach daemon per run (provider-daemon.ts, TF_REATTACH_PROVIDERS).
// OFFLINE_PROVIDER_RUNTIME=process lets Terraform start the bundled stand-in as an
// ordinary provider process instead, =tsx runs it from the TypeScript sources.
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeCliConfig, writeMirror } from './mirror';
import { ProviderDaemon, startProviderDaemon } from './provider-daemon';
import { prepareProviderRuntime, tsxProviderRuntime } from './provider-runtime';
import { listSchemas, ProviderRequirement, resolveSchemas, SchemaEntry } from './schema-catalog';
import { loadProviderSchemaFile } from './schema';
import { Workspace } from './workspace';

/**
 * The provider schema data committed with the repository: the full `terraform providers
 * schema -json` documents trimmed to the types the project synthesizes, written by
 * `npm run schemas:trim` (scripts/provider-schemas.ts).
 */
export const COMMITTED_SCHEMAS_DIR = resolve(__dirname, 'schemas');

/** How to regenerate the committed schema data, for messages. */
export const REGENERATE_SCHEMAS =
  'regenerate the data with `npm run schemas:trim -- --from DIR`, DIR holding the full `terraform providers schema -json` document of each provider as <provider>-<version>.json';

/** Whether `dir` is the committed, trimmed schema data (tools/offline-provider/schemas). */
export function isCommittedSchemasDir(dir: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(dir) === real(COMMITTED_SCHEMAS_DIR);
}

/** The schema file serving each provider the stacks need; throws what is missing. */
export function selectSchemas(ws: Workspace, requirements: ProviderRequirement[], schemasDir: string): SchemaEntry[] {
  const res = resolveSchemas(requirements, listSchemas(schemasDir), schemasDir);
  const committed = isCommittedSchemasDir(schemasDir);
  if (res.errors.length > 0) {
    const hint = committed
      ? `\n${schemasDir} holds the committed, trimmed schema data: put the full document in a directory of its own and ${REGENERATE_SCHEMAS}, or pass --schemas DIR.`
      : '';
    throw new Error(res.errors.join('\n') + hint);
  }
  if (committed) {
    const missing = typesMissingFromSchemas(ws, res.selected);
    if (missing.length > 0) throw new Error(missing.join('\n'));
  }
  return res.selected;
}

/**
 * Resource and data source types the stacks use that the selected schema files lack, one
 * message per type. Only for the committed data: it holds just the types the project
 * synthesizes, so a type added to the code since it was trimmed is missing there (against
 * full documents Terraform's own "does not support resource type" error says it all).
 */
export function typesMissingFromSchemas(ws: Workspace, providers: SchemaEntry[]): string[] {
  const known = new Map<string, { file: string; resource: Set<string>; data: Set<string> }>();
  for (const p of providers) {
    const { schema } = loadProviderSchemaFile(p.file, p.address);
    known.set(p.type, {
      file: p.file,
      resource: new Set(Object.keys(schema.resource_schemas ?? {})),
      data: new Set(Object.keys(schema.data_source_schemas ?? {})),
    });
  }
  const missing = new Map<string, { file: string; stacks: string[] }>();
  for (const sw of ws.stacks.values()) {
    const doc = JSON.parse(readFileSync(sw.configFile, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    for (const kind of ['resource', 'data'] as const) {
      for (const type of Object.keys(doc[kind] ?? {})) {
        const schemas = known.get(type.split('_')[0]!);
        if (!schemas || schemas[kind].has(type)) continue;
        const key = `${kind === 'data' ? 'data source' : 'resource'} type ${type}`;
        const entry = missing.get(key) ?? { file: schemas.file, stacks: [] };
        if (!entry.stacks.includes(sw.stack.name)) entry.stacks.push(sw.stack.name);
        missing.set(key, entry);
      }
    }
  }
  return [...missing].map(
    ([what, { file, stacks }]) =>
      `No offline schema for ${what} (used by stack${stacks.length > 1 ? 's' : ''} ${stacks.join(', ')}): the committed schema data ${relative(process.cwd(), file)} ` +
      `holds only the types the project's estates synthesize (scripts/provider-schemas.ts lists them). After adding a type to the code, ${REGENERATE_SCHEMAS}; ` +
      `or plan against full documents with --schemas DIR.`,
  );
}

export type ProviderRuntimeKind = 'reattach' | 'process' | 'tsx';

export function providerRuntimeKind(value = process.env.OFFLINE_PROVIDER_RUNTIME): ProviderRuntimeKind {
  if (!value || value === 'reattach') return 'reattach';
  if (value === 'process' || value === 'tsx') return value;
  throw new Error(`OFFLINE_PROVIDER_RUNTIME=${value}: expected reattach (default), process or tsx`);
}

export interface OfflineProviders {
  /** Why the reattach daemon stopped early, if it did. */
  died(): string | undefined;
  close(): Promise<void>;
}

/**
 * Makes `providers` what the terraform commands run with `env` use: the mirror and CLI
 * config under `root`, and (by default) the reattach daemon.
 */
export async function startOfflineProviders(root: string, providers: SchemaEntry[], env: NodeJS.ProcessEnv, cacheDir: string): Promise<OfflineProviders> {
  mkdirSync(cacheDir, { recursive: true });
  const kind = providerRuntimeKind();
  const runtime = kind === 'tsx' ? tsxProviderRuntime() : prepareProviderRuntime(cacheDir);
  const mirrorDir = join(root, 'mirror');
  writeMirror(mirrorDir, providers, { runtime, cacheDir });
  const cliConfig = join(root, 'terraform.rc');
  writeCliConfig(cliConfig, mirrorDir, providers);
  env.TF_CLI_CONFIG_FILE = cliConfig;
  // Provider sockets (and any other temp files) go inside our work dir.
  env.TMPDIR = join(root, 'tmp');
  mkdirSync(env.TMPDIR, { recursive: true });
  // Settings that would make init consult or pollute places outside the copy.
  for (const k of Object.keys(env)) if (k === 'TF_PLUGIN_CACHE_DIR' || k === 'TF_DATA_DIR' || k.startsWith('TF_CLI_ARGS')) delete env[k];
  delete env.TF_REATTACH_PROVIDERS;
  if (kind !== 'reattach') return { died: () => undefined, close: async () => {} };
  const daemon: ProviderDaemon = await startProviderDaemon(runtime, providers, { cacheDir, socketDir: env.TMPDIR, logFile: join(root, 'provider.log') });
  env.TF_REATTACH_PROVIDERS = daemon.reattachProviders;
  return daemon;
}
