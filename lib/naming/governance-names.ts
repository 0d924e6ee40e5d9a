import { EstateNaming } from './naming';

/**
 * Names of a zone's governance resources (docs/governance.md), made through the estate's
 * naming module like every other name. Bounded by construction: estate 10, zone 12 and
 * assignment names 24 characters keep every policy name within Azure's 64.
 */
export interface GovernanceNames {
  /** The zone's baseline initiative (policy set definition) in its subscription. */
  readonly initiative: string;
  /** Assignment names: `baseline` and each extra assignment, by estate-file name. */
  readonly assignments: Readonly<Record<string, string>>;
  /** Exemption names, in file order. */
  readonly exemptions: readonly string[];
  /** The zone subscription's budget. */
  readonly budget: string;
  /** Budgets of integrations and products (scoped to the item's own resource group), by item name. */
  readonly itemBudgets: Readonly<Record<string, string>>;
}

/** `zone` is the stack's zone key: `dmlz` or the landing zone name. */
export function governanceNames(
  naming: EstateNaming,
  zone: string,
  policy: { readonly assignments: readonly { readonly name: string }[]; readonly exemptions: readonly { readonly assignment: string }[] },
  budgetedItems: readonly string[] = [],
  /** Per item name, the name its Azure names are made from when it was renamed. @default each item's own name */
  nameBases: Readonly<Record<string, string>> = {},
): GovernanceNames {
  return {
    initiative: naming.standard('policySetDefinition', zone, 'baseline'),
    assignments: Object.fromEntries(
      ['baseline', ...policy.assignments.map((a) => a.name)].map((name) => [name, naming.standard('policyAssignment', zone, name)]),
    ),
    exemptions: policy.exemptions.map((e, index) => naming.standard('policyExemption', zone, `${e.assignment}-${String(index + 1).padStart(2, '0')}`)),
    budget: naming.standard('budget', zone),
    itemBudgets: Object.fromEntries(budgetedItems.map((item) => [item, naming.child('budget', nameBases[item] ?? item)])),
  };
}
