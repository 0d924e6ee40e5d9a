import { TAGGABLE_TYPES } from '../lib/policy/taggable-types';
import { all, pathOf, ResourceBody } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

/*
 * Item budgets (review finding 8): an integration's or product's budget counts what the
 * item costs wherever its resources lie. It is a budget on the zone subscription filtered by
 * the item's tag, and every taggable resource of the item carries that tag.
 */

const ITEM_PATHS = { dataIntegration: 'data-integrations', dataProduct: 'data-products' } as const;

/** Taggable resources of a stack, with their construct paths. */
function taggable(stack: StackJson): ResourceBody[] {
  return Object.entries(stack.resource ?? {})
    .filter(([type]) => TAGGABLE_TYPES.includes(type))
    .flatMap(([, byId]) => Object.values(byId) as ResourceBody[]);
}

describe.each(['relecloud', 'adatum'] as const)('estates/%s.yaml', (name) => {
  const estate = loadShippedEstate(name);
  // Every item gets a budget, so each kind and engine is covered.
  for (const zone of estate.landingZones)
    for (const item of [...(zone.dataIntegrations ?? []), ...(zone.dataProducts ?? [])]) item.budget ??= { amount: 10, contactEmails: ['x@example.com'] };
  const { stacks } = synth(estate);
  const zones = Object.keys(stacks).filter((s) => s.startsWith('dlz-'));

  it.each(zones)('%s: every item budget is a subscription budget filtered by its tag, and none is on a resource group', (zone) => {
    const stack = stacks[zone];
    expect(all(stack, 'azurerm_consumption_budget_resource_group')).toEqual([]);
    const budgets = all(stack, 'azurerm_consumption_budget_subscription').filter((b) => b.filter);
    expect(budgets.length).toBeGreaterThan(0);
    for (const budget of budgets) {
      expect(budget.subscription_id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}$/);
      expect(budget.filter.tag).toHaveLength(1);
      const [{ name: tag, operator, values }] = budget.filter.tag;
      expect([tag in ITEM_PATHS, operator, values.length]).toEqual([true, 'In', 1]);
      // The filter finds resources: at least the item's resource group and identity.
      expect(taggable(stack).filter((r) => r.tags?.[tag] === values[0]).length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(zones)("%s: every taggable resource inside an item's construct carries the item's tag", (zone) => {
    const stack = stacks[zone];
    let checked = 0;
    for (const resource of taggable(stack)) {
      for (const [tag, segment] of Object.entries(ITEM_PATHS)) {
        const match = new RegExp(`/${segment}/([^/]+)/`).exec(pathOf(resource));
        if (!match) continue;
        checked++;
        expect([pathOf(resource), resource.tags?.[tag]]).toEqual([pathOf(resource), match[1]]);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

it("counts the invoices integration's Spark pool, which lies in the shared product group, in its budget", () => {
  const stack = synth(loadShippedEstate('relecloud')).stacks['dlz-billing'];
  const budget = all(stack, 'azurerm_consumption_budget_subscription').find((b) => b.name === 'budget-invoices')!;
  expect(budget.filter).toEqual({ tag: [{ name: 'dataIntegration', operator: 'In', values: ['invoices'] }] });
  const pool = all(stack, 'azurerm_synapse_spark_pool').find((p) => p.tags.dataIntegration === 'invoices')!;
  expect(pool.synapse_workspace_id).toContain('shared-product');
  expect(pool.tags).toMatchObject({ dataIntegration: 'invoices', costCenter: '5201' });
});
