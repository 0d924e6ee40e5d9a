// Runs terraform for each stack of a prepared workspace, as a graph of commands (see
// task-graph.ts, at most `concurrency` at a time): per stack init, then validate and
// plan side by side (the plan counts only if the stack validates), (offline apply,
// when other stacks read its state), show; and a stack's plan after the apply of
// every stack whose state it reads (offline; with real providers, after every stack it
// depends on: see awaited()). Validation needs no state, so a stack validates while
// the stacks it depends on still plan; show reads only plan.bin, so it runs after the
// apply, beside the plans that waited for it. The results do not depend on the
// order the commands ran in: diagnostics are kept per phase, listed in phase order
// and, within a phase, sorted by place (sortDiagnostics).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFiles, dedupe, Diagnostic, parseEventStream, parseValidateOutput, Phase, sortDiagnostics } from './diagnostics';
import { ManifestStack } from './manifest';
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
}

const PHASE_ORDER: Phase[] = ['setup', 'init', 'validate', 'plan', 'show', 'apply'];
/** Relative cost of each command, for the scheduling priority (task-graph.ts). */
const WEIGHT: Record<Exclude<Phase, 'setup'>, number> = { init: 1, validate: 2, plan: 4, apply: 4, show: 1 };

interface StackState {
  result: StackResult;
  diags: Partial<Record<Phase, Diagnostic[]>>;
  /** Validation diagnostics, recorded once the stack is known to be planned (not skipped); undefined when validate did not run. */
  validation: Promise<Diagnostic[] | undefined>;
  settleValidation: (diags?: Diagnostic[]) => void;
  planned: boolean;
}

export class StackRunner {
  private readonly states = new Map<string, StackState>();

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
      let settleValidation: (diags?: Diagnostic[]) => void = () => {};
      const validation = new Promise<Diagnostic[] | undefined>((resolve) => (settleValidation = resolve));
      this.states.set(s.name, { result, diags: { setup }, planned: false, validation, settleValidation });
    }
  }

  async run(concurrency: number): Promise<StackResult[]> {
    await runTaskGraph(this.tasks(), concurrency);
    return this.stacks.map((s) => this.finish(this.states.get(s.name)!));
  }

  /** The command graph: see the header. */
  private tasks(): Task[] {
    const tasks: Task[] = [];
    const released = new Map<string, Task>(); // what a stack's dependents wait for
    for (const s of this.stacks) {
      const task = (phase: Exclude<Phase, 'setup'>, after: Task[], fn: () => Promise<void>): Task => {
        const t: Task = { name: `${s.name} ${phase}`, weight: WEIGHT[phase], after, run: () => this.guard(s, fn) };
        tasks.push(t);
        return t;
      };
      const init = task('init', [], () => this.init(s));
      const validate = task('validate', [init], () => this.validate(s));
      const deps = this.awaited(s).map((d) => released.get(d)!);
      const plan = task('plan', [init, ...deps], () => this.plan(s));
      plan.alongside = [validate];
      const needsApply = this.cfg.mode === 'offline' && (this.cfg.applyAll || this.readers(s.name).length > 0);
      const apply = needsApply ? task('apply', [plan], () => this.apply(s)) : undefined;
      const show = task('show', [apply ?? plan], () => this.show(s));
      // Offline, dependents read the applied state; with real providers, they wait for this stack's outcome.
      released.set(s.name, this.cfg.mode === 'offline' ? (apply ?? show) : show);
    }
    return tasks;
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

  private async tf(s: ManifestStack, phase: Phase, args: string[]): Promise<TerraformResult> {
    const sw = this.ws.stacks.get(s.name)!;
    const res = await runTerraform(this.cfg.bin, args, { cwd: sw.dir, env: this.cfg.env, timeoutMs: this.cfg.timeoutMs });
    const r = this.states.get(s.name)!.result;
    r.phaseSeconds[phase] = (r.phaseSeconds[phase] ?? 0) + res.seconds;
    r.seconds += res.seconds;
    this.cfg.log(`[${s.name}] ${phase}: exit ${res.code} in ${res.seconds.toFixed(1)} s`);
    return res;
  }

  private async init(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (this.hasErrors(st)) return;
    const res = await this.tf(s, 'init', ['init', '-input=false', '-no-color']);
    if (res.code !== 0) this.record(st, 'init', [diag(s.name, 'init', 'terraform init failed', tail(res.stderr || res.stdout))]);
  }

  private async validate(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (this.hasErrors(st)) return st.settleValidation();
    try {
      const res = await this.tf(s, 'validate', ['validate', '-json', '-no-color']);
      let diags: Diagnostic[];
      try {
        diags = parseValidateOutput(res.stdout, s.name, this.files(s));
      } catch {
        diags = [diag(s.name, 'validate', 'terraform validate failed', tail(res.stderr || res.stdout))];
      }
      if (res.code !== 0 && !diags.some((d) => d.severity === 'error')) diags.push(diag(s.name, 'validate', 'terraform validate failed', tail(res.stderr)));
      st.settleValidation(diags);
    } finally {
      st.settleValidation(); // no-op once settled
    }
  }

  /**
   * Runs alongside validate: the plan counts only when the configuration is valid (a
   * stack that does not validate shows validate's diagnostics only, as if it had
   * waited), but the first stack of a chain does not wait for validation.
   */
  private async plan(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    const failedDeps = this.awaited(s).filter((d) => this.states.get(d)!.result.status !== 'ok' || this.hasErrors(this.states.get(d)!));
    if (failedDeps.length > 0) {
      st.result.status = 'skipped';
      const why = `It depends on stack ${failedDeps.join(', ')}, which failed; its remote state would not be readable.`;
      this.record(st, 'setup', [diag(s.name, 'setup', 'Not planned', why)]);
      return;
    }
    if (this.hasErrors(st)) return this.fail(st); // setup or init failed: nothing validated either
    const planning = this.tf(s, 'plan', ['plan', '-input=false', '-lock=false', '-no-color', '-json', '-out=plan.bin']);
    this.record(st, 'validate', (await st.validation) ?? []);
    const res = await planning;
    if (this.hasErrors(st)) return this.fail(st);
    this.record(st, 'plan', parseEventStream(res.stdout, s.name, 'plan', this.files(s)).diagnostics);
    if (res.code !== 0 && !this.hasErrors(st)) this.record(st, 'plan', [diag(s.name, 'plan', 'terraform plan failed', tail(res.stderr || res.stdout))]);
    if (this.hasErrors(st)) return this.fail(st);
    st.planned = true;
  }

  /**
   * Downstream stacks read this one's outputs through terraform_remote_state, which
   * needs a state file: apply the plan (offline, that only writes placeholders).
   * applyAll: every stack, so the states can be kept and planned against later.
   */
  private async apply(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (!st.planned) return;
    const args = ['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color', '-json', 'plan.bin'];
    const res = await this.tf(s, 'apply', args);
    this.record(st, 'apply', parseEventStream(res.stdout, s.name, 'apply', this.files(s)).diagnostics);
    if (res.code !== 0 && !this.hasErrors(st))
      this.record(st, 'apply', [diag(s.name, 'apply', 'terraform apply (offline) failed', tail(res.stderr || res.stdout))]);
    if (this.hasErrors(st)) this.fail(st);
  }

  private async show(s: ManifestStack): Promise<void> {
    const st = this.states.get(s.name)!;
    if (!st.planned) return;
    const res = await this.tf(s, 'show', ['show', '-json', '-no-color', 'plan.bin']);
    if (res.code !== 0) {
      this.record(st, 'show', [diag(s.name, 'show', 'terraform show failed', tail(res.stderr))]);
      return this.fail(st);
    }
    writeFileSync(join(this.ws.stacks.get(s.name)!.dir, 'plan.json'), res.stdout);
    st.result.plan = JSON.parse(res.stdout) as PlanJson;
    countChanges(st.result);
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
