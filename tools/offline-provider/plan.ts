// `npm run plan`: terraform init/plan (which validates) every synthesized stack offline.
//
//   tsx tools/offline-provider/plan.ts [--out cdktf.out] [--schemas DIR] [--keep DIR]
//        [--real] [--terraform BIN] [--cache-dir DIR] [--concurrency N] [--keep-temp] [--quiet]
//        [--apply-all] [--prior-states DIR] [--keep-states DIR] [--stacks A,B] [--allow-data-deletion]
//
// After the plans, the plan rules (lib/policy/plan-rules, e.g. CSA-PLAN-002: no data-bearing
// resource deleted or replaced) run on every stack's plan JSON.
//
// Exit codes: 0 all stacks planned cleanly and no plan rule error, 1 errors found, 2 cannot
// run (missing terraform/schemas/manifest, bad arguments).
import { TerraformPlan } from '../../lib/policy/plan-rules/plan-rule';
import { ALLOW_DATA_DELETION_FLAG, formatPlanGate, gatePlans, PlanGate } from '../../lib/policy/plan-rules/plan-gate';
import { formatDiagnostic } from './diagnostics';
import { PlanOptions, planOutDir, PlanRun, PrerequisiteError } from './plan-runner';

export { planOutDir, checkPrerequisites, readKeptPlans, PrerequisiteError } from './plan-runner';
export type { PlanOptions, PlanRun, StackResult, PlanJson } from './plan-runner';

const USAGE = `usage: plan [--out DIR] [options]

Runs terraform init / plan (which validates first; and, for stacks others read from, an
offline apply of what their outputs need) on every stack of a cdktf output directory,
with stand-in providers that serve the real provider schemas: no network, no
credentials. Then runs the plan rules (docs/policy-rules.md, CSA-PLAN-*) on every
stack's plan: an error fails the run, e.g. a plan that deletes or replaces a
data-bearing resource (CSA-PLAN-002).

  --out DIR          cdktf output directory (default: cdktf.out)
  --schemas DIR      provider schema JSON files named <provider>-<version>.json (default: $TF_SCHEMAS_DIR,
                     else the trimmed data committed in tools/offline-provider/schemas)
  --keep DIR         copy each stack's plan.json to DIR/<stack>.plan.json
  --real             use the real registry providers (needs network + credentials); never applies
  --terraform BIN    terraform binary (default: $TERRAFORM_BIN or terraform on PATH)
  --cache-dir DIR    cache for the bundled stand-in and encoded schemas
  --concurrency N    stacks handled at once (default 2)
  --keep-temp        keep the temporary work directory and print its path
  --quiet            no per-command progress lines
  --apply-all        apply every stack offline after its plan, not only those others read from
  --prior-states DIR plan against the <stack>.tfstate files in DIR (laid out like terraform-state/,
                     e.g. an earlier --keep-states DIR): shows what a new synth does to applied
                     resources (moved blocks, renames); offline only
  --keep-states DIR  after the run, copy the work directory's terraform-state/ to DIR
  --stacks A,B       plan only these stacks; the states of stacks they read and that are left out
                     come from --prior-states (offline)
  ${ALLOW_DATA_DELETION_FLAG}
                     let plans delete or replace data-bearing resources (CSA-PLAN-002); each one
                     is printed as "ALLOWED by ${ALLOW_DATA_DELETION_FLAG}"; other rules still fail
`;

export interface CliArgs {
  outDir: string;
  opts: PlanOptions;
  quiet: boolean;
  allowDataDeletion: boolean;
}

type Flag = (args: CliArgs, value: () => string) => void;

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive integer`);
  return n;
}

const FLAGS: Record<string, Flag> = {
  '--out': (c, v) => void (c.outDir = v()),
  '--schemas': (c, v) => void (c.opts.schemasDir = v()),
  '--keep': (c, v) => void (c.opts.keepDir = v()),
  '--real': (c) => void (c.opts.real = true),
  '--terraform': (c, v) => void (c.opts.terraformBin = v()),
  '--cache-dir': (c, v) => void (c.opts.cacheDir = v()),
  '--concurrency': (c, v) => void (c.opts.concurrency = positiveInteger('--concurrency', v())),
  '--keep-temp': (c) => void (c.opts.keepTemp = true),
  '--quiet': (c) => void (c.quiet = true),
  '--apply-all': (c) => void (c.opts.applyAll = true),
  '--prior-states': (c, v) => void (c.opts.priorStatesDir = v()),
  '--keep-states': (c, v) => void (c.opts.keepStatesDir = v()),
  '--stacks': (c, v) =>
    void (c.opts.stacks = v()
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)),
  [ALLOW_DATA_DELETION_FLAG]: (c) => void (c.allowDataDeletion = true),
};

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { outDir: 'cdktf.out', opts: {}, quiet: false, allowDataDeletion: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const flag = FLAGS[a];
    if (!flag) throw new UsageError(`unknown argument ${a}`);
    flag(args, () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    });
  }
  return args;
}

class UsageError extends Error {}

/**
 * The per-stack table. With the plan rules' result, a `rules` column counts each stack's
 * plan rule errors (allowed deletions not counted) and the total fails when any is left.
 */
export function formatTable(run: PlanRun, gate?: PlanGate): string {
  const header = ['stack', 'status', 'add', 'change', 'destroy', 'move', 'errors', 'warnings', ...(gate ? ['rules'] : []), 'seconds'];
  const ruleErrors = (stack: string) => (gate ? [String(gate.errors.filter((f) => f.stack === stack).length)] : []);
  const rows = run.stacks.map((s) =>
    [s.name, s.status, s.toAdd, s.toChange, s.toDestroy, s.toMove, s.errors.length, s.warnings.length, ...ruleErrors(s.name), s.seconds.toFixed(1)].map(String),
  );
  const sum = (f: (s: PlanRun['stacks'][number]) => number) => run.stacks.reduce((n, s) => n + f(s), 0);
  const ok = run.ok && (gate?.ok ?? true);
  rows.push(
    [
      'total',
      ok ? 'ok' : 'FAILED',
      sum((s) => s.toAdd),
      sum((s) => s.toChange),
      sum((s) => s.toDestroy),
      sum((s) => s.toMove),
      sum((s) => s.errors.length),
      sum((s) => s.warnings.length),
      ...(gate ? [gate.errors.length] : []),
      run.seconds.toFixed(1),
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(0, -1).map(line),
    line(widths.map((w) => '-'.repeat(w))),
    line(rows[rows.length - 1]!),
  ].join('\n');
}

/** The plan rules on the plan of every stack that has one (a failed stack has none and already fails the run). */
export function gateRun(run: PlanRun, options: { allowDataDeletion?: boolean } = {}): PlanGate {
  const plans = new Map<string, TerraformPlan>();
  for (const s of run.stacks) if (s.plan) plans.set(s.name, s.plan as TerraformPlan);
  return gatePlans(plans, options);
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const log = args.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  let run: PlanRun;
  try {
    run = await planOutDir(args.outDir, { ...args.opts, log });
  } catch (e) {
    if (e instanceof PrerequisiteError) {
      process.stderr.write(`${e.message}\n`);
      if (process.env.CI) process.stderr.write('CI is set: a missing prerequisite is a failure, not a skip.\n');
      return 2;
    }
    process.stderr.write(`offline plan: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }

  const providers = run.mode === 'offline' ? run.providers.map((p) => `${p.address} ${p.version} (stand-in)`).join(', ') : 'real registry providers';
  const gate = gateRun(run, { allowDataDeletion: args.allowDataDeletion });
  process.stdout.write(`terraform ${run.terraformVersion}, ${providers}\n\n${formatTable(run, gate)}\n`);
  for (const s of run.stacks) for (const n of s.notes) process.stdout.write(`note [${s.name}]: ${n}\n`);
  const warnings = run.stacks.flatMap((s) => s.warnings);
  const errors = run.stacks.flatMap((s) => s.errors);
  if (warnings.length > 0) process.stdout.write(`\nWarnings:\n${warnings.map(formatDiagnostic).join('\n')}\n`);
  if (errors.length > 0) process.stdout.write(`\nErrors:\n${errors.map(formatDiagnostic).join('\n')}\n`);
  process.stdout.write(`\n${formatPlanGate(gate)}\n`);
  if (run.tempDir) {
    process.stdout.write(`\nwork directory kept: ${run.tempDir}\n`);
    process.stdout.write(
      `  in a stack's directory there: export TF_CLI_CONFIG_FILE=${run.tempDir}/terraform.rc; terraform init -reconfigure; terraform plan\n`,
    );
  }
  if (run.mode === 'offline') {
    process.stdout.write(
      '\nOffline checks cover schema conformance (arguments, types, required values, block counts, references);\n' +
        'not provider defaults, value validation or ForceNew. See tools/offline-provider/README.md.\n',
    );
  }
  if (!gate.ok)
    process.stdout.write(`\nFAILED: ${gate.errors.length} plan rule error${gate.errors.length === 1 ? '' : 's'} (listed under "Plan rules" above).\n`);
  return run.ok && gate.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}
