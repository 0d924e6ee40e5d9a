import { Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BASELINE_ASSIGNMENT } from '../../catalog/policy-definitions';
import { Budgets, ItemBudget } from './budgets';
import { CostCenterAspect, CostCenters } from './cost-center-tags';
import { PolicyAssignments } from './policy-assignments';
import { PolicyBaseline, WorkspaceSubscription } from './policy-baseline';
import { PolicyExemptions } from './policy-exemptions';
import type { ZoneGovernanceSpec } from '../../contract/governance';

export interface ZoneGovernanceProps {
  /** Azure region of the zone (assignment identities, allowed locations). */
  readonly location: string;
  /**
   * The regions the baseline's allowed-locations policy admits in the subscription: every
   * region of the zones sharing it (two assignments on one subscription admit only what both admit).
   * @default [location]
   */
  readonly allowedLocations?: readonly string[];

  /** Shown in the portal: `<estate> <environment> <zone key>`, e.g. `relecloud prod billing`. */
  readonly title: string;
  readonly subscriptionId: string;
  readonly governance: ZoneGovernanceSpec;
  readonly logAnalyticsWorkspaceId: string;
  /**
   * The workspace's subscription and provider when it lies in another subscription.
   * @default the zone's subscription
   */
  readonly logAnalyticsWorkspace?: WorkspaceSubscription;
  /** Resource groups Azure manages for services of the zone: outside every assignment. */
  readonly managedResourceGroups: readonly string[];
  readonly costCenters: CostCenters;
  /**
   * Integration and product budgets (landing zones), by item name.
   * @default none
   */
  readonly itemBudgets?: Readonly<Record<string, Omit<ItemBudget, 'name'>>>;
}

/**
 * Governance as deployed in one zone stack (docs/governance.md): the baseline initiative
 * and the zone's extra assignments on its subscription, its exemptions, its budget, and
 * the cost-center tags of its resources.
 */
export class ZoneGovernance extends Construct {
  readonly baseline: PolicyBaseline;
  readonly assignments: PolicyAssignments;
  readonly exemptions: PolicyExemptions;
  readonly budgets: Budgets;

  constructor(scope: Construct, id: string, props: ZoneGovernanceProps) {
    super(scope, id);
    const { location, governance, subscriptionId } = props;
    const policy = governance.policy;
    const names = governance.names;
    this.baseline = new PolicyBaseline(this, 'policy-baseline', {
      subscriptionId,
      location,
      ...(props.allowedLocations ? { allowedLocations: props.allowedLocations } : {}),
      names: { initiative: names.initiative, assignment: names.assignments[BASELINE_ASSIGNMENT] },
      title: props.title,
      effect: policy.effect,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      logAnalyticsWorkspace: props.logAnalyticsWorkspace,
      notScopes: props.managedResourceGroups,
    });
    this.assignments = new PolicyAssignments(this, 'policy-assignments', {
      subscriptionId,
      location,
      assignments: policy.assignments,
      names: names.assignments,
      notScopes: props.managedResourceGroups,
    });
    this.exemptions = new PolicyExemptions(this, 'policy-exemptions', {
      subscriptionId,
      exemptions: policy.exemptions,
      assignmentIds: {
        [BASELINE_ASSIGNMENT]: this.baseline.assignment.id,
        ...Object.fromEntries(Object.entries(this.assignments.assignments).map(([name, a]) => [name, a.id])),
      },
      names: names.exemptions,
    });
    this.budgets = new Budgets(this, 'budgets', {
      ...(governance.budget ? { subscription: { subscriptionId, name: names.budget, budget: governance.budget } } : {}),
      items: Object.fromEntries(Object.entries(props.itemBudgets ?? {}).map(([item, b]) => [item, { ...b, name: names.itemBudgets[item] }])),
    });
    // After the stack's tags aspect (added in its constructor): the most specific cost center wins.
    Aspects.of(TerraformStack.of(this)).add(new CostCenterAspect(props.costCenters));
  }
}
