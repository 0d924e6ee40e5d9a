// Runs terraform for each stack of a prepared workspace, as a graph of commands (see
// task-graph.ts, at most `concurrency` at a time): per stack init, plan, (offline apply,
// when other stacks read its state), show, and a stack's plan after the apply of every
// stack whose state it reads (offline; with real providers, after every stack it
// depends on: see awaited()).
//
// No `validate` beside the plan: `terraform plan` validates the configuration first and
// stops with exactly validate's diagnostics when it is invalid, so a second command only
// repeated that walk (~0.5 s of CPU per large stack). It runs after a failed plan only,
// to tell an invalid configuration (reported under `validate`, as before) from a failed plan.
//
// Offline, the apply others wait for is a targeted apply of the resources the stack's
// outputs refer to (output-apply.ts), which needs no saved plan: it runs beside the
// stack's own plan, so a chain of stacks waits for those small applies only, not for
// each upstream plan plus a full apply. Where that cannot serve (applyAll, kept or prior
// states, outputs it cannot trace), the saved plan is applied after the plan, as before.
//
// Commands record raw outcomes; settle() turns them into the stack's result once the
// stacks it reads have settled, so a stack whose upstream failed is reported as skipped
// whichever ran first. The results do not depend on the order the commands ran in:
// diagnostics are kept per phase, listed in phase order and, within a phase, sorted by
// place (sortDiagnostics).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFiles, dedupe, Diagnostic, parseEventStream, parseValidateOutput, Phase, sortDiagnostics } from './diagnostics';
import { ManifestStack } from './manifest';
import { applyCopyDir, OutputApply, outputApply, prepareApplyCopy, TARGETING_WARNINGS } from './output-apply';
import { initSharable, InitTemplate, useInitTemplate } from './shared-init';
import { stateAddressEnv } from './state-server';
import { runTaskGraph, Task } from './task-graph';
import { runTerraform, TerraformResult } from './terraform-cli';
import { Workspace } from './workspace';
export interface StackResult {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  toAdd: number;
  toChange: number;
  toDestroy: number;
  /** Resources the plan moves to a new address (`moved` blocks), whatever else it does to them. */
  toMove: number;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Rewrites made to the temporary copy (backend replaced, paths redirected, ...). */
  notes: string[];
  seconds: number;
  phaseSeconds: Partial<Record<Phase, number>>;
  /** `terraform show -json plan.bin`, when the plan succeeded. */
  plan?: PlanJson;
}

export interface PlanJson {
  format_version?: string;
  resource_changes?: { address: string; previous_address?: string; mode: string; type: string; change: { actions: string[]; after?: unknown } }[];
  [k: string]: unknown;
}

export interface RunnerConfig {
  bin: string;
  env: NodeJS.ProcessEnv;
  mode: 'offline' | 'real';
  log: (line: string) => void;
  timeoutMs: number;
  /** Offline: apply every stack after its plan, not only those others read from. */
  applyAll?: boolean;
  /** Offline: apply saved plans whole (states are kept or planned against), never the targeted apply. */
  fullApply?: boolean;
  /** Offline: the one init stacks on the state server copy instead of running their own (shared-init.ts). */
  initTemplate?: InitTemplate;
}

const PHASE_ORDER: Phase[] = ['setup', 'init', 'validate', 'plan', 'show', 'apply'];
/** Relative cost of each command, for the scheduling priority (task-graph.ts). */
const WEIGHT = { init: 1, plan: 4, apply: 3, show: 1, settle: 0 };
type Step = keyof typeof WEIGHT;

interface StackState {
  result: StackResult;
  diags: Partial<Record<Phase, Diagnostic[]>>;
  /** Diagnostics of plan, apply and show, recorded by settle(). */
  pending: Partial<Record<Phase, Diagnostic[]>>;
  /** The plan succeeded (show and a saved-plan apply run). */
  planned: boolean;
  /** A command was not run because a stack it reads failed. */
  blocked: boolean;
  /** `terraform show -json plan.bin`. */
  planJson?: PlanJson;
  /** How its state is made for stacks that read it: a targeted apply of its outputs, the saved plan, or none. */
  apply?: { kind: 'targeted'; outputs: OutputApply } | { kind: 'saved-plan' };
}

export class StackRunner {
  private readonly states = new Map<string, StackState>();
  private readonly docs = new Map<string, Record<string, unknown> | undefined>();

  constructor(
    private readonly ws: Workspace,
    private readonly stacks: ManifestStack[],
    private readonly cfg: RunnerConfig,
  ) {
    for (const s of stacks) {
      const sw = ws.stacks.get(s.name)!;
      const result: StackResult = {
        name: s.name,
        status: 'ok',
        toAdd: 0,
        toChange: 0,
        toDestroy: 0,
        toMove: 0,
        errors: [],
        warnings: [],
        notes: [...sw.notes],
        seconds: 0,
        phaseSeconds: {},
      };
      const setup = sw.errors.map((e) => diag(s.name, 'setup', 'Cannot prepare stack offline', e));
      this.states.set(s.name, { result, diags: { setup }, pending: {}, planned: false, blocked: false });
    }
    for (const s of stacks) this.states.get(s.name)!.apply = this.applyKind(s);
  }

  async run(concurrency: number): Promise<StackResult[]> {
    await runTaskGraph(this.tasks(), concurrency);
    return this.stacks.map((s) => this.finish(this.states.get(s.name)!));
  }

  /** The command graph: see the header. */
  private tasks(): Task[] {
    const tasks: Task[] = [];
    const released = new Map<string, Task>(); // what a stack's dependents plan after
    const settled = new Map<string, Task>();
    for (const s of this.stacks) {
      const task = (step: Step, after: Task[], fn: () => Promise<void>): Task => {
        const t: Task = { name: `${s.name} ${step}`, weight: WEIGHT[step], after, run: () => this.guard(s, fn) };
        tasks.push(t);
        return t;
      };
      const kind = this.states.get(s.name)!.apply?.kind;
      const init = task('init', [], () => this.init(s));
      const deps = this.awaited(s).map((d) => released.get(d)!);
      const plan = task('plan', [init, ...deps], () => this.plan(s));
      const apply =
        kind === 'targeted' ? task('apply', [init, ...deps], () => this.applyOutputs(s)) : kind ? task('apply', [plan], () => this.applyPlan(s)) : undefined;
      const show = task('show', [plan], () => this.show(s));
      const settle = task('settle', [show, ...(apply ? [apply] : []), ...this.awaited(s).map((d) => settled.get(d)!)], async () => this.settle(s));
      // Offline, dependents read the applied state; with real providers, they wait for this stack's outcome.
      released.set(s.name, this.cfg.mode === 'offline' ? (apply ?? show) : settle);
      settled.set(s.name, settle);
    }
    return tasks;
  }

  private applyKind(s: ManifestStack): StackState['apply'] {
    if (this.cfg.mode !== 'offline' || !(this.cfg.applyAll || this.readers(s.name).length > 0)) return undefined;
    if (this.cfg.applyAll || this.cfg.fullApply) return { kind: 'saved-plan' };
    const doc = this.doc(s);
    const outputs = doc && outputApply(doc);
    return outputs ? { kind: 'targeted', outputs } : { kind: 'saved-plan' };
  }

  /** The stack's cdk.tf.json; undefined when it does not parse (the plan reports why). */
  private doc(s: ManifestStack): Record<string, unknown> | undefined {
    if (!this.docs.has(s.name)) {
      try {
        this.docs.set(s.name, JSON.parse(readFileSync(this.ws.stacks.get(s.name)!.configFile, 'utf8')) as Record<string, unknown>);
      } catch {
        this.docs.set(s.name, undefined);
      }
    }
    return this.docs.get(s.name);
  }

  /**
   * The stacks whose outcome a stack's plan waits for. Offline, the ones whose state it reads
   * (their offline apply gives it something to read): a manifest dependency that orders
   * deployment only (the peering mesh's chain, peering stacks after the landing zones) says
   * nothing about what a plan needs, so those stacks plan side by side. With real providers,
   * every dependency, as before.
   */
  private awaited(s: ManifestStack): string[] {
    if (this.cfg.mode !== 'offline' || this.cfg.applyAll) return s.dependencies;
    const reads = this.ws.stacks.get(s.name)!.reads.filter((name) => name !== s.name && this.states.has(name));
    return [...new Set([...s.dependencies.filter((d) => reads.includes(d)), ...reads])];
  }

  /** The stacks whose plan waits for `name` (awaited). */
  private readers(name: string): string[] {
    return this.stacks.filter((other) => this.awaited(other).includes(name)).map((other) => other.name);
  }

  private async guard(s: ManifestStack, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      const st = this.states.get(s.name)!;
      this.record(st, 'setup', [diag(s.name, 'setup', 'offline plan failed unexpectedly', e instanceof Error ? (e.stack ?? e.message) : String(e))]);
      st.result.status = 'failed';
    }
  }

  private finish(st: StackState): StackResult {
    const r = st.result;
    const all = PHASE_ORDER.flatMap((p) => sortDiagnostics(st.diags[p] ?? []));
    r.errors = dedupe(all.filter((d) => d.severity === 'error'));
    r.warnings = dedupe(all.filter((d) => d.severity !== 'error'));
    if (r.errors.length > 0 && r.status === 'ok') r.status = 'failed';
    return r;
  }

  private hasErrors(st: StackState): boolean {
    return PHASE_ORDER.some((p) => st.diags[p]?.some((d) => d.severity === 'error'));
  }

  /** Whether the stack is known to fail already (before settle() says how): its readers need not run. */
  private failedSoFar(name: string): boolean {
    const st = this.states.get(name)!;
    const pendingErrors = Object.values(st.pending).some((ds) => ds.some((d) => d.severity === 'error'));
    return st.blocked || st.result.status !== 'ok' || this.hasErrors(st) || pendingErrors;
  }

  /** A stack it reads already failed: mark the stack blocked (settle() reports it skipped). */
  private blockedByDeps(s: ManifestStack): boolean {
    const st = this.states.get(s.name)!;
    if (this.awaited(s).some((d) => this.failedSoFar(d))) st.blocked = true;
    return st.blocked;
  }

  private async tf(s: ManifestStack, phase: Phase, args: string[], cwd = this.ws.stacks.get(s.name)!.dir): Promise<TerraformResult> {
    const env = { ...this.cfg.env, ...stateAddressEnv(this.ws.stacks.get(s.name)!) };
    const res = await runTerraform(this.cfg.bin, args, { cwd, env, timeoutMs: this.cfg.timeoutMs });
    const r = this.states.get(s.name)!.result;
    r.phaseSeconds[phase] = (r.phaseSeconds[phase] ?? 0) + res.seconds;
    r.seconds += res.seconds;
    this.cfg.log(`[${s.name}] ${phase}: exit ${res.code} in ${res.seconds.toFixed(1)} s`);
    return res;
  }

  private async init(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    const sw = this.ws.stacks.get(s.name)!;
    if (this.hasErrors(st)) return;
    const doc = this.doc(s);
    if (this.cfg.initTemplate && doc && initSharable(doc, sw.stateAddress)) {
      useInitTemplate(this.cfg.initTemplate, sw.dir);
      this.cfg.log(`[${s.name}] init: shared`);
    } else {
      const res = await this.tf(s, 'init', ['init', '-input=false', '-no-color']);
      if (res.code !== 0) this.record(st, 'init', [diag(s.name, 'init', 'terraform init failed', tail(res.stderr || res.stdout))]);
    }
  }

  /**
   * Validates, then plans (terraform plan does both); recorded by settle(). Only when the
   * plan fails, `validate` tells whether the configuration was invalid: then its
   * diagnostics (the same ones) are reported under `validate`, and nothing else, as when
   * validate ran first.
   */
  private async plan(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (this.blockedByDeps(s) || this.hasErrors(st)) return; // setup or init failed: settle() reports that
    const res = await this.tf(s, 'plan', ['plan', '-input=false', '-lock=false', '-no-color', '-json', '-out=plan.bin']);
    st.pending.plan = this.diagnostics(s, 'plan', res, 'terraform plan failed');
    st.planned = !st.pending.plan.some((d) => d.severity === 'error');
    if (st.planned) return;
    const validation = await this.validate(s);
    if (validation.some((d) => d.severity === 'error')) [st.pending.validate, st.pending.plan] = [validation, []];
  }

  private async validate(s: ManifestStack): Promise<Diagnostic[]> {
    const res = await this.tf(s, 'validate', ['validate', '-json', '-no-color']);
    try {
      return parseValidateOutput(res.stdout, s.name, this.files(s));
    } catch {
      return res.code === 0 ? [] : [diag(s.name, 'validate', 'terraform validate failed', tail(res.stderr || res.stdout))];
    }
  }

  /**
   * Downstream stacks read this one's outputs through terraform_remote_state, which
   * needs a state file: apply (offline, that only writes placeholders) what the outputs
   * need, in the stack's apply copy (output-apply.ts): the cut-down configuration, or,
   * should that fail, the whole one with `-target`, whose outcome is the one reported.
   */
  private async applyOutputs(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    const sw = this.ws.stacks.get(s.name)!;
    if (this.blockedByDeps(s) || this.hasErrors(st) || st.apply?.kind !== 'targeted') return; // init failed: settle() reports that
    const { outputs } = st.apply;
    const args = ['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color', '-json'];
    const copy = (cut: boolean) => prepareApplyCopy(sw.dir, sw.configFile, outputs, cut);
    try {
      if (outputs.cutDown) {
        const res = await this.tf(s, 'apply', args, copy(true));
        if (res.code === 0 && !parseEventStream(res.stdout, s.name, 'apply', this.files(s)).diagnostics.some((d) => d.severity === 'error')) return;
        this.cfg.log(`[${s.name}] apply: the cut-down configuration failed; applying the whole one with -target`);
        if (sw.stateFile) rmSync(sw.stateFile, { force: true }); // start from no state, as the first attempt did
      }
      const res = await this.tf(s, 'apply', [...args, ...outputs.targets.map((t) => `-target=${t}`)], copy(false));
      st.pending.apply = this.diagnostics(s, 'apply', res, 'terraform apply (offline) failed').filter((d) => !TARGETING_WARNINGS.has(d.summary));
    } finally {
      rmSync(applyCopyDir(sw.dir), { recursive: true, force: true }); // its backend has no address outside this run
    }
  }

  /** The saved plan, whole: applyAll (every stack leaves a state), kept or prior states, outputs output-apply.ts cannot trace. */
  private async applyPlan(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (!st.planned) return;
    const res = await this.tf(s, 'apply', ['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color', '-json', 'plan.bin']);
    st.pending.apply = this.diagnostics(s, 'apply', res, 'terraform apply (offline) failed');
  }

  private async show(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (!st.planned) return;
    const res = await this.tf(s, 'show', ['show', '-json', '-no-color', 'plan.bin']);
    if (res.code !== 0) {
      st.pending.show = [diag(s.name, 'show', 'terraform show failed', tail(res.stderr))];
      return;
    }
    writeFileSync(join(this.ws.stacks.get(s.name)!.dir, 'plan.json'), res.stdout);
    st.planJson = JSON.parse(res.stdout) as PlanJson;
  }

  /** The stack's result, once every command ran and the stacks it reads have settled. */
  private settle(s: ManifestStack): void {
    const st = this.states.get(s.name)!;
    const failedDeps = this.awaited(s).filter((d) => this.states.get(d)!.result.status !== 'ok' || this.hasErrors(this.states.get(d)!));
    if (failedDeps.length > 0 || st.blocked) {
      st.result.status = 'skipped';
      const why = `It depends on stack ${failedDeps.join(', ')}, which failed; its remote state would not be readable.`;
      this.record(st, 'setup', [diag(s.name, 'setup', 'Not planned', why)]);
      return;
    }
    if (this.hasErrors(st)) return this.fail(st); // setup or init failed: nothing planned
    this.record(st, 'validate', st.pending.validate ?? []);
    this.record(st, 'plan', st.pending.plan ?? []);
    if (this.hasErrors(st)) return this.fail(st); // an apply copy's diagnostics repeat the plan's
    this.record(st, 'apply', st.pending.apply ?? []);
    this.record(st, 'show', st.pending.show ?? []);
    if (this.hasErrors(st)) this.fail(st);
    if (st.planJson) {
      st.result.plan = st.planJson;
      countChanges(st.result);
    }
  }

  /** A plan or apply command's diagnostics, with one for a failure Terraform did not explain. */
  private diagnostics(s: ManifestStack, phase: Phase, res: TerraformResult, failed: string): Diagnostic[] {
    const diags = parseEventStream(res.stdout, s.name, phase, this.files(s)).diagnostics;
    if (res.code !== 0 && !diags.some((d) => d.severity === 'error')) diags.push(diag(s.name, phase, failed, tail(res.stderr || res.stdout)));
    return diags;
  }

  private files(s: ManifestStack): ConfigFiles {
    return new ConfigFiles(this.ws.stacks.get(s.name)!.dir);
  }

  private record(st: StackState, phase: Phase, diags: Diagnostic[]): void {
    (st.diags[phase] ??= []).push(...diags);
  }

  private fail(st: StackState): void {
    st.result.status = 'failed';
  }
}

function countChanges(r: StackResult): void {
  for (const rc of r.plan?.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const a = rc.change.actions;
    if (a.includes('create')) r.toAdd++;
    if (a.includes('delete')) r.toDestroy++;
    if (a.length === 1 && a[0] === 'update') r.toChange++;
    if (rc.previous_address && rc.previous_address !== rc.address) r.toMove++;
  }
}

function diag(stack: string, phase: Phase, summary: string, detail: string): Diagnostic {
  return { stack, phase, severity: 'error', summary, detail };
}

/** The end of a command's output, where Terraform puts the reason it failed. */
function tail(text: string, lines = 40): string {
  const all = text
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n');
  return all.slice(-lines).join('\n').trim();
}
