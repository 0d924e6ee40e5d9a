import { PolicyFinding } from '../findings';
import { noDataDeletion } from './no-data-deletion';
import { noSecretsInPlan } from './no-secrets-in-plan';
import { PlanRule, TerraformPlan } from './plan-rule';
import { plannedPrivateNetwork } from './planned-private-network';

/** Rules that need `terraform plan` (run after synth, e.g. with tools/offline-provider's planOutDir). */
export const PLAN_RULES: readonly PlanRule[] = [plannedPrivateNetwork, noDataDeletion, noSecretsInPlan];

/** A finding of a plan rule: the rule's title plus what it saw at the address. */
export interface PlanFinding extends PolicyFinding {
  readonly detail: string;
}

/** Runs every plan rule on every stack's plan (`terraform show -json` output), by stack name. */
export function checkPlans(
  plans: ReadonlyMap<string, TerraformPlan> | Readonly<Record<string, TerraformPlan>>,
  rules: readonly PlanRule[] = PLAN_RULES,
): PlanFinding[] {
  const entries = plans instanceof Map ? [...plans.entries()] : Object.entries(plans);
  return entries.flatMap(([stack, plan]) =>
    rules.flatMap((rule) =>
      rule
        .check(plan)
        .map((v) => ({ ruleId: rule.id, severity: rule.severity, stack, address: v.address, title: rule.title, fix: rule.fix, detail: v.detail })),
    ),
  );
}
