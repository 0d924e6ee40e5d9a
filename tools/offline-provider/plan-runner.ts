// planOutDir: init / validate / plan / show (/ apply) every stack of a cdktf output
// directory with the real terraform binary, against offline stand-in providers
// (default) or the real registry providers (--real).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ManifestStack, readManifest, topologicalOrder } from './manifest';
import { writeCliConfig, writeMirror } from './mirror';
import { prepareProviderRuntime, tsxProviderRuntime } from './provider-runtime';
import { listSchemas, normalizeSource, ProviderRequirement, resolveSchemas, SchemaEntry } from './schema-catalog';
import { loadProviderSchemaFile } from './schema';
import { PlanJson, StackResult, StackRunner } from './stack-runner';
import { terraformVersion } from './terraform-cli';
import { copyPriorStates, createWorkspace, stateFileInStateDir, Workspace } from './workspace';

export type { PlanJson, StackResult } from './stack-runner';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * The provider schema data committed with the repository: the full `terraform providers
 * schema -json` documents trimmed to the types the project synthesizes, written by
 * `npm run schemas:trim` (scripts/provider-schemas.ts).
 */
export const COMMITTED_SCHEMAS_DIR = resolve(__dirname, 'schemas');

/** How to regenerate the committed schema data, for messages. */
const REGENERATE_SCHEMAS =
  'regenerate the data with `npm run schemas:trim -- --from DIR`, DIR holding the full `terraform providers schema -json` document of each provider as <provider>-<version>.json';

export interface PlanOptions {
  /** Directory of `providers schema -json` files; default $TF_SCHEMAS_DIR or the committed tools/offline-provider/schemas. */
  schemasDir?: string;
  /** Use the real registry providers (network + credentials); never applies anything. */
  real?: boolean;
  /** Copy each stack's plan.json to <keepDir>/<stack>.plan.json. */
  keepDir?: string;
  /** Leave the temporary work dir in place (its path is in the result). */
  keepTemp?: boolean;
  /** Default $TERRAFORM_BIN or "terraform" from PATH. */
  terraformBin?: string;
  /** Compiled provider + encoded schema cache; default $OFFLINE_PROVIDER_CACHE_DIR or ~/.cache/csa-offline-provider. */
  cacheDir?: string;
  /** Stacks processed at once (init, and plan of independent stacks). Default 2. */
  concurrency?: number;
  /** Per terraform command; default 10 minutes. */
  timeoutMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /**
   * Offline only: apply every stack (offline) after its plan, not only those other
   * stacks read from, so that every stack leaves a state (see keepStatesDir).
   */
  applyAll?: boolean;
  /**
   * Offline only: a directory of `<stack>.tfstate` files laid out like the work dir's
   * `project/terraform-state/` (e.g. an earlier run's keepStatesDir), copied in before
   * anything runs, so stacks are planned against them (renames, `moved` blocks).
   */
  priorStatesDir?: string;
  /** After the run, copy the work dir's `project/terraform-state/` (recursively, as laid out) to this directory. */
  keepStatesDir?: string;
  /**
   * Plan only these stacks, in dependency order. Stacks they read from but that are left
   * out are not planned: offline, their states must come from priorStatesDir.
   * @default every stack of the manifest
   */
  stacks?: string[];
}

export interface PlanRun {
  ok: boolean;
  mode: 'offline' | 'real';
  terraformVersion: string;
  providers: { address: string; version: string; schemaFile: string }[];
  stacks: StackResult[];
  seconds: number;
  /** Set when keepTemp: the work dir with the copied stacks, mirror and states. */
  tempDir?: string;
}

/** Something the command needs is not installed/available; `missing` says what. */
export class PrerequisiteError extends Error {
  constructor(readonly missing: string[]) {
    super(`offline plan cannot run:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  }
}

export function defaultSchemasDir(): string {
  return process.env.TF_SCHEMAS_DIR || COMMITTED_SCHEMAS_DIR;
}

export function defaultCacheDir(): string {
  if (process.env.OFFLINE_PROVIDER_CACHE_DIR) return process.env.OFFLINE_PROVIDER_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'csa-offline-provider');
}

/** What is missing to run at all (empty when ready). */
export function checkPrerequisites(opts: PlanOptions): { missing: string[]; terraformVersion?: string } {
  const missing: string[] = [];
  const bin = opts.terraformBin ?? (process.env.TERRAFORM_BIN || 'terraform');
  const version = terraformVersion(bin, { ...process.env, CHECKPOINT_DISABLE: '1' });
  if (!version) missing.push(`terraform: "${bin}" is not on PATH or does not run (install Terraform >= 1.11, or pass --terraform <path> / TERRAFORM_BIN)`);
  if (!opts.real) {
    const dir = opts.schemasDir ?? defaultSchemasDir();
    const fix = isCommittedSchemasDir(dir)
      ? `the repository commits this data: restore it with \`git checkout -- ${relative(process.cwd(), dir) || '.'}\`, or ${REGENERATE_SCHEMAS}`
      : `pass --schemas <dir> or set TF_SCHEMAS_DIR to a directory of schema JSON files named <provider>-<version>.json, or leave both unset to use the data committed in ${relative(process.cwd(), COMMITTED_SCHEMAS_DIR)}`;
    if (!existsSync(dir)) missing.push(`provider schemas: ${dir} does not exist (${fix})`);
    else if (listSchemas(dir).length === 0) missing.push(`provider schemas: ${dir} has no <provider>-<version>.json files (${fix})`);
  }
  return { missing, terraformVersion: version };
}

export async function planOutDir(outDir: string, opts: PlanOptions = {}): Promise<PlanRun> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const mode = opts.real ? 'real' : 'offline';
  const bin = opts.terraformBin ?? (process.env.TERRAFORM_BIN || 'terraform');
  if (mode === 'real' && (opts.applyAll || opts.priorStatesDir)) {
    throw new Error(
      `${opts.applyAll ? 'applyAll (--apply-all)' : 'priorStatesDir (--prior-states)'} is offline only: with real providers nothing is applied and only the real terraform-state/ is used`,
    );
  }
  if (opts.priorStatesDir && !(existsSync(opts.priorStatesDir) && statSync(opts.priorStatesDir).isDirectory())) {
    throw new Error(`prior states: ${opts.priorStatesDir} is not a directory`);
  }
  const pre = checkPrerequisites(opts);
  if (pre.missing.length > 0) throw new PrerequisiteError(pre.missing);
  const allStacks = topologicalOrder(readManifest(outDir));
  const stacks = selectStacks(allStacks, opts);

  const root = realpathSync(mkdtempSync(join(tmpdir(), 'offline-plan-')));
  try {
    const ws = createWorkspace(outDir, root, allStacks, mode);
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    let providers: SchemaEntry[] = [];
    if (mode === 'offline') {
      const schemasDir = opts.schemasDir ?? defaultSchemasDir();
      const res = resolveSchemas(collectRequirements(ws), listSchemas(schemasDir), schemasDir);
      const committed = isCommittedSchemasDir(schemasDir);
      if (res.errors.length > 0) {
        const hint = committed
          ? `\n${schemasDir} holds the committed, trimmed schema data: put the full document in a directory of its own and ${REGENERATE_SCHEMAS}, or pass --schemas DIR.`
          : '';
        throw new Error(res.errors.join('\n') + hint);
      }
      providers = res.selected;
      if (committed) {
        const missing = typesMissingFromSchemas(ws, providers);
        if (missing.length > 0) throw new Error(missing.join('\n'));
      }
      const cacheDir = opts.cacheDir ?? defaultCacheDir();
      mkdirSync(cacheDir, { recursive: true });
      const runtime = process.env.OFFLINE_PROVIDER_RUNTIME === 'tsx' ? tsxProviderRuntime() : prepareProviderRuntime(cacheDir);
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
    }

    if (opts.priorStatesDir) copyPriorStates(ws, opts.priorStatesDir);
    if (opts.keepStatesDir) {
      for (const sw of ws.stacks.values()) {
        if (sw.stateFile && stateFileInStateDir(ws, sw) === undefined) {
          sw.notes.push(
            `its state (${relative(ws.projectDir, sw.stateFile)}) is outside ${relative(ws.projectDir, ws.stateDir)}/ and is not kept in ${opts.keepStatesDir}`,
          );
        }
      }
    }

    const runner = new StackRunner(ws, stacks, { bin, env, mode, log, timeoutMs: opts.timeoutMs ?? 600_000, applyAll: opts.applyAll });
    const results = await runner.run(opts.concurrency ?? 2);

    if (opts.keepStatesDir) {
      mkdirSync(opts.keepStatesDir, { recursive: true });
      cpSync(ws.stateDir, opts.keepStatesDir, { recursive: true });
    }

    if (opts.keepDir) {
      mkdirSync(opts.keepDir, { recursive: true });
      for (const r of results) {
        const src = join(ws.stacks.get(r.name)!.dir, 'plan.json');
        if (existsSync(src)) copyFileSync(src, join(opts.keepDir, `${r.name}.plan.json`));
      }
    }
    return {
      ok: results.every((r) => r.status === 'ok'),
      mode,
      terraformVersion: pre.terraformVersion ?? 'unknown',
      providers: providers.map((p) => ({ address: p.address, version: p.version, schemaFile: p.file })),
      stacks: results,
      seconds: (Date.now() - started) / 1000,
      tempDir: opts.keepTemp ? root : undefined,
    };
  } finally {
    if (!opts.keepTemp) rmSync(root, { recursive: true, force: true });
  }
}

/** Whether `dir` is the committed, trimmed schema data (tools/offline-provider/schemas). */
export function isCommittedSchemasDir(dir: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(dir) === real(COMMITTED_SCHEMAS_DIR);
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

/** Providers each stack needs: terraform.required_providers plus types used without an entry. */
export function collectRequirements(ws: Workspace): ProviderRequirement[] {
  const byAddress = new Map<string, ProviderRequirement>();
  const add = (address: string, constraint: string, stack: string) => {
    const r = byAddress.get(address) ?? { address, constraints: [], stacks: [] };
    if (constraint && !r.constraints.includes(constraint)) r.constraints.push(constraint);
    if (!r.stacks.includes(stack)) r.stacks.push(stack);
    byAddress.set(address, r);
  };
  for (const sw of ws.stacks.values()) {
    const doc = JSON.parse(readFileSync(sw.configFile, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    const required = (doc.terraform?.required_providers ?? {}) as Record<string, { source?: string; version?: string } | string>;
    const localNames = new Set<string>();
    for (const [localName, req] of Object.entries(required)) {
      localNames.add(localName);
      const source = typeof req === 'string' ? localName : (req.source ?? localName);
      const version = typeof req === 'string' ? req : (req.version ?? '');
      add(normalizeSource(source), version, sw.stack.name);
    }
    // Terraform infers hashicorp/<name> for provider blocks and resource types whose
    // provider has no required_providers entry ("terraform" is the built-in one).
    const implied = new Set(Object.keys((doc.provider ?? {}) as object));
    for (const section of ['resource', 'data', 'ephemeral'] as const) {
      for (const type of Object.keys((doc[section] ?? {}) as object)) implied.add(type.split('_')[0]!);
    }
    for (const name of implied) if (name !== 'terraform' && !localNames.has(name)) add(normalizeSource(name), '', sw.stack.name);
  }
  return [...byAddress.values()];
}

/** Lists the plan.json files a kept directory holds, parsed, keyed by stack (for policy checks/tests). */
export function readKeptPlans(keepDir: string): Map<string, PlanJson> {
  const out = new Map<string, PlanJson>();
  for (const f of readdirSync(keepDir)) {
    const m = /^(.+)\.plan\.json$/.exec(f);
    if (m) out.set(m[1]!, JSON.parse(readFileSync(join(keepDir, f), 'utf8')) as PlanJson);
  }
  return out;
}

/**
 * The stacks to plan (PlanOptions.stacks), with dependencies on stacks left out dropped:
 * those are read from the states they already have.
 */
export function selectStacks(all: ManifestStack[], opts: PlanOptions): ManifestStack[] {
  if (!opts.stacks) return all;
  const known = new Set(all.map((s) => s.name));
  const unknown = opts.stacks.filter((name) => !known.has(name));
  if (unknown.length) throw new Error(`stacks: ${unknown.join(', ')} not in the manifest (it has ${[...known].join(', ')})`);
  const chosen = new Set(opts.stacks);
  const selected = all.filter((s) => chosen.has(s.name));
  const unplanned = [...new Set(selected.flatMap((s) => s.dependencies.filter((d) => !chosen.has(d))))];
  if (unplanned.length && !opts.real && !opts.priorStatesDir) {
    throw new Error(
      `stacks: ${unplanned.join(', ')} would not be planned, but the selected stacks read their state; add them or give their states (priorStatesDir, --prior-states)`,
    );
  }
  return selected.map((s) => ({ ...s, dependencies: s.dependencies.filter((d) => chosen.has(d)) }));
}
