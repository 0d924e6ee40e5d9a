import { checkPlans, PLAN_RULES, PlanFinding } from './check-plans';
import { noDataDeletion } from './no-data-deletion';
import { PlanRule, TerraformPlan } from './plan-rule';

/**
 * The plan rules as a gate: what `npm run plan` and `npm run check-plan` (and through it the
 * generated CI workflow's plan jobs) do with the `terraform show -json` plans. An error
 * finding fails; a deletion of a data-bearing resource (CSA-PLAN-002) passes only with the
 * explicit switch, and then every one it let through is printed, loudly.
 */

/** The switch, spelled the same in every command that takes it. */
export const ALLOW_DATA_DELETION_FLAG = '--allow-data-deletion';

export interface PlanGateOptions {
  /** `--allow-data-deletion`: CSA-PLAN-002 findings are allowed (and listed) instead of failing. */
  readonly allowDataDeletion?: boolean;
  /** @default PLAN_RULES */
  readonly rules?: readonly PlanRule[];
}

export interface PlanGate {
  /** No error finding is left (allowed deletions do not count). */
  readonly ok: boolean;
  readonly errors: readonly PlanFinding[];
  readonly warnings: readonly PlanFinding[];
  /** CSA-PLAN-002 findings let through by allowDataDeletion. */
  readonly allowed: readonly PlanFinding[];
  readonly allowDataDeletion: boolean;
  /** The stacks whose plans were checked. */
  readonly stacks: readonly string[];
}

export function gatePlans(plans: ReadonlyMap<string, TerraformPlan>, options: PlanGateOptions = {}): PlanGate {
  const findings = checkPlans(plans, options.rules ?? PLAN_RULES);
  const allowDataDeletion = options.allowDataDeletion === true;
  const isAllowed = (f: PlanFinding) => allowDataDeletion && f.ruleId === noDataDeletion.id;
  const errors = findings.filter((f) => f.severity === 'error' && !isAllowed(f));
  return {
    ok: errors.length === 0,
    errors,
    warnings: findings.filter((f) => f.severity !== 'error' && !isAllowed(f)),
    allowed: findings.filter(isAllowed),
    allowDataDeletion,
    stacks: [...plans.keys()],
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `ALLOWED by --allow-data-deletion: [stack] address destroyed ... (CSA-PLAN-002)`, one per allowed finding. */
export function allowedLines(gate: PlanGate): string[] {
  return gate.allowed.map((f) => `ALLOWED by ${ALLOW_DATA_DELETION_FLAG}: [${f.stack}] ${f.address} ${f.detail} (${f.ruleId})`);
}

/**
 * The plan rules section: a header with the counts, every error and warning with stack,
 * address, what happens, the rule and the fix, then the deletions the switch allowed.
 */
export function formatPlanGate(gate: PlanGate): string {
  const counts = [plural(gate.errors.length, 'error'), plural(gate.warnings.length, 'warning')];
  if (gate.allowDataDeletion) counts.push(`${plural(gate.allowed.length, 'data deletion')} allowed`);
  const lines = [`Plan rules (docs/policy-rules.md) on ${plural(gate.stacks.length, 'stack plan')}: ${counts.join(', ')}`];
  const finding = (label: string) => (f: PlanFinding) => {
    lines.push(`  ${label} ${f.ruleId} [${f.stack}] ${f.address}: ${f.detail}`, `      ${f.title}.`, `      Fix: ${f.fix}.`);
    if (f.ruleId === noDataDeletion.id)
      lines.push(`      If losing it is intended and reviewed: run again with ${ALLOW_DATA_DELETION_FLAG} (the output records it).`);
  };
  gate.errors.forEach(finding('ERROR'));
  gate.warnings.forEach(finding('WARNING'));
  if (gate.allowed.length > 0) {
    lines.push('', `!!! ${plural(gate.allowed.length, 'data-bearing resource')} will be deleted or replaced: ALLOWED by ${ALLOW_DATA_DELETION_FLAG}`);
    lines.push(...allowedLines(gate).map((line) => `!!! ${line}`));
  } else if (gate.allowDataDeletion) {
    lines.push(`${ALLOW_DATA_DELETION_FLAG} was given; no plan deletes or replaces a data-bearing resource, so it allowed nothing.`);
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The same as Markdown, for GitHub's step summary (`$GITHUB_STEP_SUMMARY`). */
export function planGateMarkdown(gate: PlanGate): string {
  const lines = [`### Plan check: ${gate.ok ? 'passed' : 'FAILED'} (${gate.stacks.map((s) => `\`${s}\``).join(', ') || 'no plans'})`, ''];
  if (gate.allowed.length > 0) {
    lines.push(
      `> [!WARNING]`,
      `> **Data deletion ALLOWED by \`${ALLOW_DATA_DELETION_FLAG}\`**: ${plural(gate.allowed.length, 'data-bearing resource')} will be deleted or replaced.`,
      '',
      '| stack | address | what happens |',
      '|---|---|---|',
      ...gate.allowed.map((f) => `| ${cell(f.stack)} | \`${cell(f.address)}\` | ${cell(f.detail)} |`),
      '',
    );
  } else if (gate.allowDataDeletion) {
    lines.push(`\`${ALLOW_DATA_DELETION_FLAG}\` was given; no plan deletes or replaces a data-bearing resource.`, '');
  }
  const findings = [...gate.errors.map((f) => ['error', f] as const), ...gate.warnings.map((f) => ['warning', f] as const)];
  if (findings.length > 0) {
    lines.push('| severity | rule | stack | address | what happens | fix |', '|---|---|---|---|---|---|');
    for (const [severity, f] of findings)
      lines.push(`| ${severity} | ${f.ruleId} | ${cell(f.stack)} | \`${cell(f.address)}\` | ${cell(f.detail)} | ${cell(f.fix)} |`);
    lines.push('');
  } else {
    lines.push('No plan rule found anything.', '');
  }
  return lines.join('\n');
}
