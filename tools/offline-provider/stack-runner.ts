// Runs terraform for each stack of a prepared workspace: all inits (in parallel),
// then validate / plan / show (/ offline apply) in dependency order, with
// independent stacks side by side.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFiles, dedupe, Diagnostic, parseEventStream, parseValidateOutput, Phase } from './diagnostics';
import { dependentsOf, ManifestStack } from './manifest';
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

export class StackRunner {
  private readonly results = new Map<string, StackResult>();

  constructor(
    private readonly ws: Workspace,
    private readonly stacks: ManifestStack[],
    private readonly cfg: RunnerConfig,
  ) {
    for (const s of stacks) {
      const sw = ws.stacks.get(s.name)!;
      this.results.set(s.name, {
        name: s.name,
        status: 'ok',
        toAdd: 0,
        toChange: 0,
        toDestroy: 0,
        toMove: 0,
        errors: sw.errors.map((e) => diag(s.name, 'setup', 'Cannot prepare stack offline', e)),
        warnings: [],
        notes: [...sw.notes],
        seconds: 0,
        phaseSeconds: {},
      });
    }
  }

  async run(concurrency: number): Promise<StackResult[]> {
    // init does not depend on other stacks' state: all of them up front, in parallel.
    await pool(this.stacks, concurrency, (s) => this.init(s));
    // Then plan in dependency order; independent stacks run side by side.
    const done = new Set<string>();
    const running = new Map<string, Promise<void>>();
    const pending = [...this.stacks];
    while (pending.length > 0 || running.size > 0) {
      for (let i = 0; i < pending.length && running.size < concurrency;) {
        const s = pending[i]!;
        if (!s.dependencies.every((d) => done.has(d))) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        running.set(
          s.name,
          this.planStack(s)
            .catch((e: unknown) => {
              const r = this.results.get(s.name)!;
              r.errors.push(diag(s.name, 'setup', 'offline plan failed unexpectedly', e instanceof Error ? (e.stack ?? e.message) : String(e)));
            })
            .then(() => {
              running.delete(s.name);
              done.add(s.name);
            }),
        );
      }
      if (running.size === 0) break; // only reachable with unsatisfiable deps, which topologicalOrder rejects
      await Promise.race(running.values());
    }
    return this.stacks.map((s) => this.finish(this.results.get(s.name)!));
  }

  private finish(r: StackResult): StackResult {
    r.errors = dedupe(r.errors);
    r.warnings = dedupe(r.warnings);
    if (r.errors.length > 0 && r.status === 'ok') r.status = 'failed';
    return r;
  }

  private async tf(s: ManifestStack, phase: Phase, args: string[]): Promise<TerraformResult> {
    const sw = this.ws.stacks.get(s.name)!;
    const res = await runTerraform(this.cfg.bin, args, { cwd: sw.dir, env: this.cfg.env, timeoutMs: this.cfg.timeoutMs });
    const r = this.results.get(s.name)!;
    r.phaseSeconds[phase] = (r.phaseSeconds[phase] ?? 0) + res.seconds;
    r.seconds += res.seconds;
    this.cfg.log(`[${s.name}] ${phase}: exit ${res.code} in ${res.seconds.toFixed(1)} s`);
    return res;
  }

  private async init(s: ManifestStack): Promise<void> {
    const r = this.results.get(s.name)!;
    if (r.errors.length > 0) return;
    const res = await this.tf(s, 'init', ['init', '-input=false', '-no-color']);
    if (res.code !== 0) r.errors.push(diag(s.name, 'init', 'terraform init failed', tail(res.stderr || res.stdout)));
  }

  private async planStack(s: ManifestStack): Promise<void> {
    const r = this.results.get(s.name)!;
    const sw = this.ws.stacks.get(s.name)!;
    const failedDeps = s.dependencies.filter((d) => this.results.get(d)!.status !== 'ok' || this.results.get(d)!.errors.length > 0);
    if (failedDeps.length > 0) {
      r.status = 'skipped';
      r.errors.push(
        diag(s.name, 'setup', 'Not planned', `It depends on stack ${failedDeps.join(', ')}, which failed; its remote state would not be readable.`),
      );
      return;
    }
    if (r.errors.length > 0) return this.fail(r);
    const files = new ConfigFiles(sw.dir);

    const validate = await this.tf(s, 'validate', ['validate', '-json', '-no-color']);
    let diags: Diagnostic[];
    try {
      diags = parseValidateOutput(validate.stdout, s.name, files);
    } catch {
      diags = [diag(s.name, 'validate', 'terraform validate failed', tail(validate.stderr || validate.stdout))];
    }
    if (validate.code !== 0 && !diags.some((d) => d.severity === 'error'))
      diags.push(diag(s.name, 'validate', 'terraform validate failed', tail(validate.stderr)));
    this.record(r, diags);
    if (r.errors.length > 0) return this.fail(r);

    const plan = await this.tf(s, 'plan', ['plan', '-input=false', '-lock=false', '-no-color', '-json', '-out=plan.bin']);
    this.record(r, parseEventStream(plan.stdout, s.name, 'plan', files).diagnostics);
    if (plan.code !== 0 && r.errors.length === 0) r.errors.push(diag(s.name, 'plan', 'terraform plan failed', tail(plan.stderr || plan.stdout)));
    if (r.errors.length > 0) return this.fail(r);

    const show = await this.tf(s, 'show', ['show', '-json', '-no-color', 'plan.bin']);
    if (show.code !== 0) {
      r.errors.push(diag(s.name, 'show', 'terraform show failed', tail(show.stderr)));
      return this.fail(r);
    }
    writeFileSync(join(sw.dir, 'plan.json'), show.stdout);
    r.plan = JSON.parse(show.stdout) as PlanJson;
    countChanges(r);

    // Downstream stacks read this one's outputs through terraform_remote_state, which
    // needs a state file: apply the plan (offline, that only writes placeholders).
    // applyAll: every stack, so the states can be kept and planned against later.
    if (this.cfg.mode === 'offline' && (this.cfg.applyAll || dependentsOf(this.stacks, s.name).length > 0)) {
      const apply = await this.tf(s, 'apply', ['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color', '-json', 'plan.bin']);
      this.record(r, parseEventStream(apply.stdout, s.name, 'apply', files).diagnostics);
      if (apply.code !== 0 && r.errors.length === 0)
        r.errors.push(diag(s.name, 'apply', 'terraform apply (offline) failed', tail(apply.stderr || apply.stdout)));
      if (r.errors.length > 0) return this.fail(r);
    }
  }

  private record(r: StackResult, diags: Diagnostic[]): void {
    for (const d of diags) (d.severity === 'error' ? r.errors : r.warnings).push(d);
  }

  private fail(r: StackResult): void {
    r.status = 'failed';
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

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
