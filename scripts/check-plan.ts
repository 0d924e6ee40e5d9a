// `npm run check-plan -- [--allow-data-deletion] [--stack NAME] plan.json...`: the plan rules
// (lib/policy/plan-rules) on plans written by `terraform show -json tfplan > plan.json`, as
// the generated deploy workflow runs them before any apply. Exit 0 clean, 1 findings,
// 2 bad arguments or an unreadable plan file.
import { appendFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TerraformPlan } from '../lib/policy/plan-rules/plan-rule';
import { ALLOW_DATA_DELETION_FLAG, formatPlanGate, gatePlans, planGateMarkdown } from '../lib/policy/plan-rules/plan-gate';

export const USAGE = `usage: npm run check-plan -- [${ALLOW_DATA_DELETION_FLAG}] [--stack NAME] PLAN.json...

Runs the plan rules (docs/policy-rules.md, CSA-PLAN-*) on the JSON of Terraform plans:

  terraform plan -out=tfplan && terraform show -json tfplan > plan.json
  npm run check-plan -- --stack dmlz plan.json

Fails when a plan deletes or replaces a data-bearing resource (lake, container, vault,
database, workspace, registry, catalog), whatever produced the configuration, or breaks
another plan rule. A removed block with lifecycle { destroy = false } only forgets the
resource (it stays in Azure) and passes.

  ${ALLOW_DATA_DELETION_FLAG}  let deletions of data-bearing resources through, printing each as
                         "ALLOWED by ${ALLOW_DATA_DELETION_FLAG}" (and into $GITHUB_STEP_SUMMARY when
                         set); every other error still fails
  --stack NAME           the stack the (single) plan belongs to, for the messages; default: the
                         file name without .plan.json (as npm run plan -- --keep DIR writes them),
                         else the file path
  -h, --help             this text

Exit status: 0 no error finding, 1 error findings, 2 bad arguments or a file that cannot be
read or is not plan JSON.
`;

export interface CheckPlanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

interface Args {
  readonly allowDataDeletion: boolean;
  readonly stack?: string;
  readonly files: readonly string[];
  readonly help: boolean;
}

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'allow-data-deletion': { type: 'boolean' },
        stack: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const error = e as Error & { code?: string };
    const flag = /'([^']+)'/.exec(error.message)?.[1];
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) throw new UsageError(`unknown option ${flag}`);
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag)
      throw new UsageError(`option ${flag.split(' ')[0]}: ${/--stack/.test(flag) ? 'needs a value (the stack name)' : 'takes no value'}`);
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  return { allowDataDeletion: values['allow-data-deletion'] === true, stack: values.stack, files: positionals, help: values.help === true };
}

/** The stack a plan file is named after: `<stack>.plan.json` (npm run plan --keep), else the path. */
export function stackOfFile(file: string): string {
  const m = /^(.+)\.plan\.json$/.exec(path.basename(file));
  return m ? m[1]! : file;
}

/** A parsed plan, or why the file is not one (naming the file). */
function readPlan(file: string): TerraformPlan | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `${file}: not valid JSON (${(e as Error).message})`;
  }
  const doc = json as Record<string, unknown> | null;
  // Every `terraform show -json <planfile>` has these, even for an empty plan; the state
  // (`terraform show -json` without a plan file) has `values` instead of `planned_values`.
  const isPlan =
    doc !== null &&
    typeof doc === 'object' &&
    !Array.isArray(doc) &&
    typeof doc.format_version === 'string' &&
    typeof doc.planned_values === 'object' &&
    (doc.resource_changes === undefined || Array.isArray(doc.resource_changes));
  if (!isPlan) return `${file}: not a plan: expected the output of \`terraform show -json <planfile>\` (with format_version and planned_values)`;
  return doc as TerraformPlan;
}

/** The command; returns the exit status. */
export function checkPlanCommand(argv: string[], io: CheckPlanIo): number {
  let args: Args;
  try {
    args = parse(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (args.files.length === 0) throw new UsageError('no plan file given');
    if (args.stack !== undefined && args.files.length !== 1)
      throw new UsageError(`--stack names the stack of one plan file, but ${args.files.length} were given`);
    if (args.stack !== undefined && args.stack.trim() === '') throw new UsageError('--stack needs a stack name');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`check-plan: ${e.message}\n\n${USAGE}`);
    return 2;
  }

  const plans = new Map<string, TerraformPlan>();
  const problems: string[] = [];
  for (const file of args.files) {
    const stack = args.stack ?? stackOfFile(file);
    const plan = readPlan(file);
    if (typeof plan === 'string') problems.push(plan);
    else if (plans.has(stack)) problems.push(`${file}: a second plan for stack ${stack} (name the files <stack>.plan.json)`);
    else plans.set(stack, plan);
  }
  if (problems.length > 0) {
    io.stderr(`check-plan: cannot check:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 2;
  }

  const gate = gatePlans(plans, { allowDataDeletion: args.allowDataDeletion });
  io.stdout(`${formatPlanGate(gate)}\n`);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    try {
      appendFileSync(summary, `${planGateMarkdown(gate)}\n`);
    } catch (e) {
      io.stderr(`check-plan: cannot write the step summary ${summary}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  return gate.ok ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = checkPlanCommand(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  });
}
