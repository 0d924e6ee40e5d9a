import { validateEstate } from '../lib/estate/load';
import { EstateProblem } from '../lib/util/problems';
import { DATA_BEARING_TYPES } from '../lib/contract/data-bearing';
import { addressesOf, carriedOver, comparable, follow, movesOf } from './helpers/renames';
import { shippedEstateProblems } from './helpers/problems';
import { loadShippedEstate, synth, SynthesizedEstate } from './helpers/synth';

/*
 * `renamedFrom` on an integration or product: its Azure names stay (Azure cannot rename
 * them) and Terraform `moved` blocks carry every address to the new name. Each test
 * synthesizes the estate before and after the rename and checks what Terraform would do
 * with the old state: every old address lands on a resource of the new stack, and that
 * resource is configured exactly as before but for the item-name tag.
 */

type Item = { name: string; renamedFrom?: string | string[]; inputs?: string[] };

/** Renames items (`zone/name` to a new name) with renamedFrom, and the inputs that name them. */
function renamed(estate: Record<string, any>, renames: Record<string, string>): Record<string, any> {
  const next = structuredClone(estate);
  for (const zone of next.landingZones) {
    for (const item of [...(zone.dataIntegrations ?? []), ...(zone.dataProducts ?? [])] as Item[]) {
      const to = renames[`${zone.name}/${item.name}`];
      if (!to) continue;
      const history = item.renamedFrom === undefined ? [] : typeof item.renamedFrom === 'string' ? [item.renamedFrom] : item.renamedFrom;
      item.renamedFrom = [...history, item.name];
      item.name = to;
    }
    for (const product of (zone.dataProducts ?? []) as Item[]) {
      product.inputs = (product.inputs ?? []).map((input) => {
        const [z, n] = input.includes('/') ? input.split('/') : [zone.name, input];
        const to = renames[`${z}/${n}`];
        return to ? (input.includes('/') ? `${z}/${to}` : to) : input;
      });
    }
  }
  return next;
}

/** Old name to new name, without zones, for tags and output keys. */
const byName = (renames: Record<string, string>) => Object.fromEntries(Object.entries(renames).map(([from, to]) => [from.split('/')[1], to]));

/** Asserts that applying `after` to the state of `before` moves, keeps or changes tags only: nothing destroyed, nothing created. */
function expectCarriedOver(before: SynthesizedEstate, after: SynthesizedEstate, renames: Record<string, string>): void {
  expect(Object.keys(after.stacks).sort()).toEqual(Object.keys(before.stacks).sort());
  for (const [name, stack] of Object.entries(after.stacks)) {
    const old = before.stacks[name];
    const landed = addressesOf(old).map((address) => follow(stack, address));
    // Every resource of the old state lands on one of the new stack, and no new one appears.
    expect({ stack: name, addresses: [...landed].sort() }).toEqual({ stack: name, addresses: addressesOf(stack).sort() });
    // ...configured as before: same Azure names, same settings, same references.
    expect(comparable(stack.resource)).toEqual(carriedOver(old, stack, byName(renames)));
  }
}

describe('renaming an item with renamedFrom', () => {
  const relecloud = loadShippedEstate('relecloud');
  const before = synth(relecloud);

  it('moves every address of a renamed integration, keeps every Azure name, and destroys nothing', () => {
    const renames = { 'operations/telemetry': 'device-telemetry' };
    const after = synth(renamed(relecloud, renames));
    expectCarriedOver(before, after, renames);
    const operations = after.stacks['dlz-operations'];
    // Its resource group, identity and access connector move; billing's grant on its data too.
    expect(movesOf(operations).map((m) => m.to)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^azurerm_resource_group\.landing-zone_data-integration-resource-groups_device-telemetry_/)]),
    );
    expect(movesOf(operations).every((m) => m.from.includes('_telemetry_') && m.to.includes('_device-telemetry_'))).toBe(true);
    expect(movesOf(after.stacks['dlz-billing'])).toEqual([
      {
        from: expect.stringMatching(/^azurerm_role_assignment\.input-grants_billing_revenue-by-service_operations_telemetry_assignment_/),
        to: expect.stringMatching(/operations_device-telemetry_assignment_/),
      },
    ]);
    // The tag follows the new name; the management zone is untouched.
    const group = Object.values(after.stacks['dlz-operations'].resource!.azurerm_resource_group).find(
      (g) => (g.tags as Record<string, string>).dataIntegration === 'device-telemetry',
    );
    expect(group?.name).toBe('rg-relecloud-prd-operations-di-telemetry');
    expect(after.text.dmlz).toBe(before.text.dmlz);
  });

  it('chains the moves of an item renamed twice, so state at either earlier name lands on the new one', () => {
    const once = { 'billing/invoices': 'invoice-lines' };
    const twice = { 'billing/invoice-lines': 'billed-lines' };
    const after = synth(renamed(renamed(relecloud, once), twice));
    expect(after.stacks['dlz-billing'] && JSON.stringify(after.stacks['dlz-billing'])).toContain('"dataIntegration":"billed-lines"');
    const billing = after.stacks['dlz-billing'];
    const moves = movesOf(billing);
    // Terraform accepts each address as the source of one move and the target of one move.
    expect(new Set(moves.map((m) => m.from)).size).toBe(moves.length);
    expect(new Set(moves.map((m) => m.to)).size).toBe(moves.length);
    const spark = moves.filter((m) => m.from.startsWith('azurerm_synapse_spark_pool.'));
    expect(spark).toHaveLength(2);
    expect(spark[0].from).toContain('_invoices_');
    expect(spark[0].to).toContain('_invoice-lines_');
    expect(spark[1]).toEqual({ from: spark[0].to, to: expect.stringContaining('_billed-lines_') });
    expectCarriedOver(before, after, { 'billing/invoices': 'billed-lines' });
  });

  it('moves a grant whose consumer and producer were both renamed, from every earlier pair of names', () => {
    const renames = { 'operations/telemetry': 'device-telemetry', 'billing/revenue-by-service': 'service-revenue' };
    const after = synth(renamed(relecloud, renames));
    expectCarriedOver(before, after, renames);
    const grant = movesOf(after.stacks['dlz-billing']).filter(
      (m) => m.from.includes('_operations_telemetry_') || m.from.includes('_operations_device-telemetry_'),
    );
    // (old, old) -> (old, new) -> (new, old) -> (new, new): a chain through the three earlier pairs.
    expect(grant).toHaveLength(3);
    expect(follow(after.stacks['dlz-billing'], grant[0].from)).toMatch(
      /^azurerm_role_assignment\.input-grants_billing_service-revenue_operations_device-telemetry_assignment_/,
    );
  });

  it('carries over every kind of integration and product, with access, budgets and cross-zone inputs, all renamed at once', () => {
    const estate = structuredClone(relecloud);
    const operations = estate.landingZones[0];
    operations.sharedServices = { eventHub: true, selfHostedIntegrationRuntime: true };
    operations.dataIntegrations.push({ name: 'crm', sources: ['crm'], engine: 'synapse', budget: { amount: 100, contactEmails: ['crm@example.com'] } });
    operations.dataProducts.push(
      { name: 'clickstream', template: 'streaming', inputs: ['telemetry'], access: { dataReaders: ['11111111-1111-1111-1111-111111111119'] } },
      {
        name: 'churn',
        template: 'analytics',
        engine: 'databricks',
        inputs: ['crm', 'billing/invoices'],
        team: { email: 'churn@example.com' },
        budget: { amount: 50, contactEmails: ['churn@example.com'] },
      },
      {
        name: 'ledger',
        template: 'batch',
        engine: 'data-factory',
        inputs: ['billing/customers'],
        access: { dataEngineers: ['11111111-1111-1111-1111-11111111111a'] },
      },
    );
    const wide = synth(estate);
    const renames = Object.fromEntries(
      estate.landingZones.flatMap((zone: { name: string; dataIntegrations: Item[]; dataProducts: Item[] }) =>
        [...zone.dataIntegrations, ...zone.dataProducts].map((item) => [`${zone.name}/${item.name}`, `${item.name.slice(0, 20)}-v2`]),
      ),
    );
    const after = synth(renamed(estate, renames));
    expectCarriedOver(wide, after, renames);
    // Data stores are among what moves (the product's key vaults and SQL databases, say), each kept by its Azure name.
    const movedTypes = new Set(Object.values(after.stacks).flatMap((s) => movesOf(s).map((m) => m.to.split('.')[0])));
    expect([...movedTypes].filter((t) => DATA_BEARING_TYPES.has(t)).sort()).toEqual(expect.arrayContaining(['azurerm_key_vault', 'azurerm_mssql_database']));
  });

  it('writes no moved block when nothing was renamed', () => {
    for (const stack of Object.values(before.stacks)) expect(movesOf(stack)).toEqual([]);
  });
});

describe('renamedFrom validation', () => {
  const problems = (mutate: (estate: Record<string, any>) => void) => shippedEstateProblems(mutate);
  const only = (list: readonly EstateProblem[]) => {
    expect(list.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
    return list[0];
  };

  it('accepts one earlier name or a list, oldest first, and resolves them', () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[0].dataIntegrations[0] = {
      ...estate.landingZones[0].dataIntegrations[0],
      name: 'device-telemetry',
      renamedFrom: ['telemetry', 'raw-telemetry'],
    };
    estate.landingZones[0].dataProducts[0].inputs = ['device-telemetry', 'cloud-accounts'];
    estate.landingZones[1].dataProducts[0].inputs = ['invoices', 'operations/device-telemetry'];
    const resolved = validateEstate(estate);
    const item = resolved.landingZones[0].dataIntegrations[0];
    expect(item.previousNames).toEqual(['telemetry', 'raw-telemetry']);
    // Azure names are made from the first name.
    expect(resolved.landingZones[0].names.integrationResourceGroups['device-telemetry']).toBe('rg-relecloud-prd-operations-di-telemetry');
  });

  it("refuses the item's own name as an earlier name", () => {
    const p = only(problems((e) => (e.landingZones[0].dataIntegrations[0].renamedFrom = 'telemetry')));
    expect(p).toEqual({ path: 'landingZones[0].dataIntegrations[0].renamedFrom', message: expect.stringContaining('current name') });
  });

  it('refuses an earlier name listed twice', () => {
    const p = only(
      problems(
        (e) =>
          Object.assign(e.landingZones[0].dataIntegrations[0], { name: 'device-telemetry', renamedFrom: ['telemetry', 'telemetry'] }, {}) &&
          ((e.landingZones[0].dataProducts[0].inputs = ['device-telemetry']), (e.landingZones[1].dataProducts[0].inputs = ['invoices'])),
      ),
    );
    expect(p.path).toBe('landingZones[0].dataIntegrations[0].renamedFrom[1]');
    expect(p.message).toContain('listed twice');
  });

  it("refuses a new item that takes a renamed item's earlier name: its Azure names would collide", () => {
    const p = only(
      problems((e) => {
        Object.assign(e.landingZones[0].dataIntegrations[0], { name: 'device-telemetry', renamedFrom: 'telemetry' });
        e.landingZones[0].dataIntegrations.push({ name: 'telemetry', sources: ['new-source'], engine: 'databricks' });
      }),
    );
    expect(p).toEqual({
      path: 'landingZones[0].dataIntegrations[2].name',
      message: expect.stringContaining('is an earlier name of landingZones[0].dataIntegrations[0]'),
    });
  });

  it('refuses one earlier name claimed by two items', () => {
    const p = only(
      problems((e) => {
        Object.assign(e.landingZones[1].dataIntegrations[0], { name: 'customer-master', renamedFrom: 'accounts' });
        Object.assign(e.landingZones[1].dataIntegrations[1], { name: 'invoice-lines', renamedFrom: 'accounts' });
        e.landingZones[1].dataProducts[0].inputs = ['invoice-lines', 'operations/telemetry'];
      }),
    );
    expect(p).toEqual({
      path: 'landingZones[1].dataIntegrations[1].renamedFrom',
      message: expect.stringContaining('already an earlier name of landingZones[1].dataIntegrations[0]'),
    });
  });

  it('points an input that still names the old name at the new one', () => {
    const p = only(
      problems(
        (e) =>
          Object.assign(e.landingZones[0].dataIntegrations[0], { name: 'device-telemetry', renamedFrom: 'telemetry' }) &&
          (e.landingZones[0].dataProducts[0].inputs = ['device-telemetry', 'cloud-accounts']),
      ),
    );
    expect(p).toEqual({
      path: 'landingZones[1].dataProducts[0].inputs[1]',
      message:
        '"operations/telemetry" was renamed to "operations/device-telemetry" (landingZones[0].dataIntegrations[0].renamedFrom); write "operations/device-telemetry"',
    });
  });

  it('refuses a renamedFrom that is neither a name nor a list, saying what to write', () => {
    const p = only(problems((e) => (e.landingZones[0].dataProducts[0].renamedFrom = 5)));
    expect(p).toEqual({
      path: 'landingZones[0].dataProducts[0].renamedFrom',
      message: '5 is not allowed; write the earlier name, or a list of earlier names oldest first',
    });
  });

  it('refuses an earlier name that is not a valid item name, naming the field', () => {
    const p = only(problems((e) => (e.landingZones[0].dataProducts[0].renamedFrom = ['Old_Name'])));
    expect(p.path).toBe('landingZones[0].dataProducts[0].renamedFrom[0]');
  });
});
