// planOutDir: init / plan / show (/ apply) every stack of a cdktf output
// directory with the real terraform binary, against offline stand-in providers
// (default) or the real registry providers (--real).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ManifestStack, readManifest, topologicalOrder } from './manifest';
import {
  COMMITTED_SCHEMAS_DIR,
  isCommittedSchemasDir,
  OfflineProviders,
  providerRuntimeKind,
  REGENERATE_SCHEMAS,
  selectSchemas,
  startOfflineProviders,
} from './offline-providers';
import { listSchemas, normalizeSource, ProviderRequirement, SchemaEntry } from './schema-catalog';
import { InitTemplate, makeInitTemplate } from './shared-init';
import { PlanJson, StackResult, StackRunner } from './stack-runner';
import { dropHttpBackendSettings, restoreOwnBackends, StateServer, startStateServer, useStateServer } from './state-server';
import { terraformVersion } from './terraform-cli';
import { copyPriorStates, createWorkspace, stateFileInStateDir, Workspace } from './workspace';

export { COMMITTED_SCHEMAS_DIR, isCommittedSchemasDir, typesMissingFromSchemas } from './offline-providers';
export type { PlanJson, StackResult } from './stack-runner';

export const REPO_ROOT = resolve(__dirname, '..', '..');

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

function checkOptions(opts: PlanOptions): void {
  if (opts.real && (opts.applyAll || opts.priorStatesDir)) {
    throw new Error(
      `${opts.applyAll ? 'applyAll (--apply-all)' : 'priorStatesDir (--prior-states)'} is offline only: with real providers nothing is applied and only the real terraform-state/ is used`,
    );
  }
  if (opts.priorStatesDir && !(existsSync(opts.priorStatesDir) && statSync(opts.priorStatesDir).isDirectory())) {
    throw new Error(`prior states: ${opts.priorStatesDir} is not a directory`);
  }
}

export async function planOutDir(outDir: string, opts: PlanOptions = {}): Promise<PlanRun> {
  const started = Date.now();
  const mode = opts.real ? 'real' : 'offline';
  checkOptions(opts);
  const pre = checkPrerequisites(opts);
  if (pre.missing.length > 0) throw new PrerequisiteError(pre.missing);
  const allStacks = topologicalOrder(readManifest(outDir));
  const stacks = selectStacks(allStacks, opts);

  const root = realpathSync(mkdtempSync(join(tmpdir(), 'offline-plan-')));
  let offline: OfflineProviders | undefined;
  let states: StateServer | undefined;
  let ws: Workspace | undefined;
  try {
    ws = createWorkspace(outDir, root, allStacks, mode);
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
    // Go's collector at its default (100) took ~20% of a large stack's plan CPU; at 400 a
    // plan of 250 resources peaks at ~200 MB instead of ~115 MB. A GOGC of the caller's wins.
    env.GOGC ??= '400';
    const bin = opts.terraformBin ?? (process.env.TERRAFORM_BIN || 'terraform');
    const timeoutMs = opts.timeoutMs ?? 600_000;
    let providers: SchemaEntry[] = [];
    let initTemplate: InitTemplate | undefined;
    if (mode === 'offline') {
      providers = selectSchemas(ws, collectRequirements(ws), opts.schemasDir ?? defaultSchemasDir());
      states = await startStateServer(root);
      useStateServer(ws, states);
      dropHttpBackendSettings(env);
      const starting = startOfflineProviders(root, providers, env, opts.cacheDir ?? defaultCacheDir()); // sets env's CLI config at once
      // The shared init needs no provider: it runs while the daemon starts.
      const template =
        providerRuntimeKind() === 'reattach'
          ? makeInitTemplate(root, bin, { ...env }, states.address(join(root, 'init-template.tfstate')), timeoutMs)
          : undefined;
      const [started, made] = await Promise.allSettled([starting, template]);
      if (started.status === 'rejected') throw started.reason;
      offline = started.value;
      initTemplate = made.status === 'fulfilled' ? made.value : undefined;
    }
    if (opts.priorStatesDir) copyPriorStates(ws, opts.priorStatesDir);
    if (opts.keepStatesDir) noteStatesNotKept(ws, opts.keepStatesDir);

    const runner = new StackRunner(ws, stacks, {
      bin,
      env,
      mode,
      log: opts.log ?? (() => {}),
      timeoutMs,
      applyAll: opts.applyAll,
      // Kept states must hold every resource, and a targeted apply against prior states would
      // also have to carry moves over: apply the saved plans whole then.
      fullApply: Boolean(opts.keepStatesDir || opts.priorStatesDir),
      initTemplate,
    });
    const results = await runner.run(opts.concurrency ?? 2);
    const died = offline?.died();
    if (died) throw new Error(died);
    keepOutputs(ws, results, opts);
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
    await Promise.all([offline?.close(), states?.close()]);
    if (opts.keepTemp && states && ws) restoreOwnBackends(ws);
    if (!opts.keepTemp) rmSync(root, { recursive: true, force: true });
  }
}

function noteStatesNotKept(ws: Workspace, keepStatesDir: string): void {
  for (const sw of ws.stacks.values()) {
    if (sw.stateFile && stateFileInStateDir(ws, sw) === undefined) {
      sw.notes.push(
        `its state (${relative(ws.projectDir, sw.stateFile)}) is outside ${relative(ws.projectDir, ws.stateDir)}/ and is not kept in ${keepStatesDir}`,
      );
    }
  }
}

/** keepStatesDir and keepDir: copy the states and plan.json files out of the work dir. */
function keepOutputs(ws: Workspace, results: StackResult[], opts: PlanOptions): void {
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
