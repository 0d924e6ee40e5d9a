import { all, findResource, resources, roleAssignmentsTo, roleDefinitionId } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth, SynthesizedEstate } from './helpers/synth';

/*
 * Governance as deployed (issue #10), on the shipped relecloud estate: the baseline
 * initiative and its assignment per zone subscription with the zone's effect, extra
 * assignments, exemptions, the Entra groups' role assignments, budgets and cost tags.
 */

const SUB = {
  dmlz: '00000000-0000-0000-0000-000000000001',
  operations: '00000000-0000-0000-0000-000000000002',
  billing: '00000000-0000-0000-0000-000000000003',
};
const ROLE = {
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Cost Management Reader': '72fafb9e-0641-4937-9268-a91bfd8191a3',
  'Support Request Contributor': 'cfd33db0-3dd1-45e3-aa9d-cdbdf3b6f24e',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
  'Tag Contributor': '4a9ae827-6dc8-4573-8ac7-8239d42aa03f',
  'Data Factory Contributor': '673868aa-7521-48a0-acc6-0f60742d39f5',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
};
const FUTURE = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);

let relecloud: SynthesizedEstate;
beforeAll(() => {
  const estate = loadShippedEstate('relecloud');
  estate.landingZones[1].governance.policy.exemptions = [
    { assignment: 'baseline', policies: ['allowed-locations'], reason: 'Invoice archive stays in its original region during migration.', expiresOn: FUTURE },
    { assignment: 'storage-network', reason: 'Legacy SFTP drop account until the partner moves to private link.', expiresOn: FUTURE, category: 'Mitigated' },
  ];
  estate.landingZones[0].governance.policy.assignments = [
    {
      name: 'vm-backup',
      definitionId: '98d0b9f8-fd90-49c9-88e2-d3baf3b0dd86',
      effect: 'DeployIfNotExists',
      roles: ['Contributor'],
      parameters: { vaultLocation: 'westeurope' },
    },
  ];
  relecloud = synth(estate);
}, 120_000);

const stack = (name: string): StackJson => relecloud.stacks[name];
const assignments = (s: StackJson) => all(s, 'azurerm_subscription_policy_assignment');
const baseline = (s: StackJson) => assignments(s).find((a) => String(a.name).endsWith('-baseline'))!;
const parameters = (a: Record<string, any>) => JSON.parse(a.parameters);
const roleId = (sub: string, role: keyof typeof ROLE) => roleDefinitionId(sub, ROLE[role]);

describe('policy baseline per zone', () => {
  it.each([
    ['dmlz', SUB.dmlz, 'Deny'],
    ['dlz-operations', SUB.operations, 'Deny'],
    ['dlz-billing', SUB.billing, 'Audit'],
  ])('%s defines the initiative and assigns it to its own subscription with its effect', (name, sub, effect) => {
    const s = stack(name);
    const initiatives = all(s, 'azurerm_policy_set_definition');
    expect(initiatives).toHaveLength(1);
    expect(initiatives[0].policy_type).toBe('Custom');
    const assignment = baseline(s);
    expect(assignment.subscription_id).toBe(`/subscriptions/${sub}`);
    expect(assignment.policy_definition_id).toMatch(/^\$\{azurerm_policy_set_definition\..*\.id\}$/);
    expect(parameters(assignment)).toMatchObject({ effect: { value: effect }, listOfAllowedLocations: { value: ['westeurope', 'global'] } });
    expect(assignment.identity).toEqual({ type: 'SystemAssigned' });
    expect(assignment.location).toBe('westeurope');
  });

  it('references the built-in definitions by id, the zone effect only where the definition allows Deny', () => {
    const initiative = all(stack('dlz-billing'), 'azurerm_policy_set_definition')[0];
    const refs = Object.fromEntries(
      initiative.policy_definition_reference.map((r: any) => [r.reference_id, { id: r.policy_definition_id, values: JSON.parse(r.parameter_values) }]),
    );
    const builtIn = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
    expect(refs['allowed-locations'].id).toBe(builtIn('e56962a6-4747-49cd-b67b-bf8b01975c4c'));
    expect(refs['storage-public-network-access']).toEqual({
      id: builtIn('b2982f36-99f2-4db5-8eff-283140c09693'),
      values: { effect: { value: "[parameters('effect')]" } },
    });
    expect(refs['key-vault-deletion-protection'].id).toBe(builtIn('0b60c0b2-2dc2-4e1c-b5c9-abbed971de53'));
    expect(refs['key-vault-public-network-access'].id).toBe(builtIn('405c5871-3e91-4644-8a63-58e19d68ff5b'));
    expect(refs['key-vault-private-link'].values).toEqual({ effect: { value: 'Audit' } });
    expect(refs['storage-private-link'].values).toEqual({ effect: { value: 'AuditIfNotExists' } });
    expect(refs['activity-log-to-log-analytics']).toEqual({
      id: builtIn('2465583e-4e78-4c15-b6be-a36cbc7c8b0f'),
      values: { effect: { value: "[parameters('dineEffect')]" }, logAnalytics: { value: "[parameters('logAnalytics')]" } },
    });
    expect(refs['inherit-tag-cost-center']).toEqual({ id: builtIn('ea3f2387-9b95-492a-a190-fcdc54f7b070'), values: { tagName: { value: 'costCenter' } } });
  });

  it("keeps the resource groups Azure manages for the zone's services out of the assignment", () => {
    const billingScopes = baseline(stack('dlz-billing')).not_scopes as string[];
    expect(billingScopes).toEqual([`/subscriptions/${SUB.billing}/resourceGroups/rg-relecloud-prd-billing-synw-managed`]);
    const opsScopes = baseline(stack('dlz-operations')).not_scopes as string[];
    expect(opsScopes.map((s) => s.split('/').pop())).toEqual(
      expect.arrayContaining(['rg-relecloud-prd-operations-dbw-integration-managed', 'rg-relecloud-prd-operations-synw-managed']),
    );
    expect(opsScopes.some((s) => s.endsWith('aks-managed'))).toBe(true);
    expect(baseline(stack('dmlz')).not_scopes).toEqual([`/subscriptions/${SUB.dmlz}/resourceGroups/rg-relecloud-prd-dmlz-purview-managed`]);
  });

  it('gives the assignment identity the roles its definitions declare, and the workspace role across subscriptions', () => {
    const s = stack('dlz-billing');
    const logicalId = Object.entries(resources(s, 'azurerm_subscription_policy_assignment')).find(([, a]) => String(a.name).endsWith('-baseline'))![0];
    const grants = roleAssignmentsTo(s, `\${azurerm_subscription_policy_assignment.${logicalId}.identity[0].principal_id}`);
    const bySubscriptionScope = grants
      .filter((g) => g.scope === `/subscriptions/${SUB.billing}`)
      .map((g) => g.role_definition_id)
      .sort();
    expect(bySubscriptionScope).toEqual(
      [roleId(SUB.billing, 'Tag Contributor'), roleId(SUB.billing, 'Log Analytics Contributor'), roleId(SUB.billing, 'Monitoring Contributor')].sort(),
    );
    const workspace = grants.find((g) => g.scope !== `/subscriptions/${SUB.billing}`)!;
    expect(workspace.role_definition_id).toBe(roleId(SUB.dmlz, 'Log Analytics Contributor'));
    expect(workspace.provider).toBe('azurerm.dmlz');
    expect(grants.every((g) => g.principal_type === 'ServicePrincipal')).toBe(true);
  });
});

describe('extra assignments and exemptions', () => {
  it("assigns billing's extra definition with its effect, no identity for Deny", () => {
    const extra = assignments(stack('dlz-billing')).find((a) => String(a.name).endsWith('-storage-network'))!;
    expect(extra.policy_definition_id).toBe('/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c');
    expect(parameters(extra)).toEqual({ effect: { value: 'Deny' } });
    expect(extra.identity).toBeUndefined();
    expect(assignments(stack('dlz-operations')).some((a) => String(a.name).endsWith('-storage-network'))).toBe(false);
  });

  it('gives a DeployIfNotExists assignment an identity, a location and the roles the estate names', () => {
    const s = stack('dlz-operations');
    const [logicalId, extra] = Object.entries(resources(s, 'azurerm_subscription_policy_assignment')).find(([, a]) => String(a.name).endsWith('-vm-backup'))!;
    expect(extra).toMatchObject({ identity: { type: 'SystemAssigned' }, location: 'westeurope' });
    expect(parameters(extra)).toEqual({ vaultLocation: { value: 'westeurope' }, effect: { value: 'DeployIfNotExists' } });
    const grants = roleAssignmentsTo(s, `\${azurerm_subscription_policy_assignment.${logicalId}.identity[0].principal_id}`);
    expect(grants.map((g) => [g.role_definition_id, g.scope])).toEqual([[roleId(SUB.operations, 'Contributor'), `/subscriptions/${SUB.operations}`]]);
  });

  it('exempts with a reason, an expiry at the end of the day and the named baseline policies', () => {
    const exemptions = all(stack('dlz-billing'), 'azurerm_subscription_policy_exemption');
    expect(exemptions).toHaveLength(2);
    const [ofBaseline, ofExtra] = exemptions;
    expect(ofBaseline).toMatchObject({
      subscription_id: `/subscriptions/${SUB.billing}`,
      exemption_category: 'Waiver',
      expires_on: `${FUTURE}T23:59:59Z`,
      policy_definition_reference_ids: ['allowed-locations'],
      description: 'Invoice archive stays in its original region during migration.',
    });
    expect(ofBaseline.policy_assignment_id).toMatch(/azurerm_subscription_policy_assignment\..*policy-baseline.*\.id/);
    expect(ofExtra.exemption_category).toBe('Mitigated');
    expect(ofExtra.policy_definition_reference_ids).toBeUndefined();
    expect(resources(stack('dlz-operations'), 'azurerm_subscription_policy_exemption')).toEqual({});
  });
});

describe('access groups', () => {
  const groupGrants = (s: StackJson, group: string) =>
    roleAssignmentsTo(s, group).map((g) => ({ role: g.role_definition_id.split('/').pop(), scope: g.scope, type: g.principal_type }));
  const role = (name: keyof typeof ROLE) => ROLE[name];

  it("makes billing's zone admins readers and cost readers of the subscription, nothing more", () => {
    const grants = groupGrants(stack('dlz-billing'), '22222222-2222-2222-2222-222222222221');
    const expected = ['Reader', 'Cost Management Reader', 'Support Request Contributor'].map((r) => ({
      role: role(r as keyof typeof ROLE),
      scope: `/subscriptions/${SUB.billing}`,
      type: 'Group',
    }));
    const byRole = (a: { role?: string }, b: { role?: string }) => String(a.role).localeCompare(String(b.role));
    expect([...grants].sort(byRole)).toEqual([...expected].sort(byRole));
  });

  it('gives zone data engineers blob write on the three data lakes and zone readers blob read on enriched and workspace', () => {
    const s = stack('dlz-billing');
    const engineers = groupGrants(s, '22222222-2222-2222-2222-222222222222');
    expect(engineers).toHaveLength(3);
    expect(
      engineers.every((g) => g.role === role('Storage Blob Data Contributor') && /azurerm_storage_account\..*_(raw|enriched|workspace)_account_/.test(g.scope)),
    ).toBe(true);
    const readers = groupGrants(s, '22222222-2222-2222-2222-222222222223');
    expect(readers.map((g) => g.scope.match(/storage_(\w+?)_account/)![1]).sort()).toEqual(['enriched', 'workspace']);
    expect(readers.every((g) => g.role === role('Storage Blob Data Reader'))).toBe(true);
  });

  it("gives an integration's engineers its containers and Reader on its own resource group, never Contributor, and a product's readers its data location", () => {
    const s = stack('dlz-billing');
    const engineers = groupGrants(s, '22222222-2222-2222-2222-222222222224');
    expect(
      engineers
        .filter((g) => g.role === role('Storage Blob Data Contributor'))
        .map((g) => g.scope)
        .sort(),
    ).toEqual([
      expect.stringMatching(/azurerm_storage_container\..*enriched_containers_di-invoices/),
      expect.stringMatching(/azurerm_storage_container\..*raw_containers_di-invoices/),
    ]);
    const onGroup = engineers.filter((g) => /azurerm_resource_group\./.test(g.scope));
    expect(onGroup).toEqual([{ role: role('Reader'), scope: expect.stringMatching(/data-integration-resource-groups_invoices/), type: 'Group' }]);
    expect(engineers.some((g) => g.role === role('Contributor'))).toBe(false);
    const readers = groupGrants(s, '22222222-2222-2222-2222-222222222225');
    expect(readers).toEqual([
      { role: role('Storage Blob Data Reader'), scope: expect.stringMatching(/workspace_containers_dp-revenue-by-service/), type: 'Group' },
    ]);
  });

  it('gives engineers of an item with its own Data Factory the Data Factory Contributor role on its group', () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[0].dataIntegrations[1].access = { dataEngineers: ['11111111-1111-1111-1111-111111111119'] };
    const s = synth(estate).stacks['dlz-operations'];
    const grants = roleAssignmentsTo(s, '11111111-1111-1111-1111-111111111119');
    expect(
      grants
        .filter((g) => /data-integration-resource-groups_cloud-accounts/.test(g.scope))
        .map((g) => g.role_definition_id.split('/').pop())
        .sort(),
    ).toEqual([role('Data Factory Contributor'), role('Reader')].sort());
  }, 120_000);

  it("keeps each zone's groups in its own stack", () => {
    expect(groupGrants(stack('dlz-operations'), '22222222-2222-2222-2222-222222222221')).toEqual([]);
    // Three on the subscription, and AKS RBAC Cluster Admin on the recommender's serving cluster.
    expect(groupGrants(stack('dlz-operations'), '11111111-1111-1111-1111-111111111111')).toHaveLength(4);
    expect(groupGrants(stack('dlz-billing'), '11111111-1111-1111-1111-111111111111')).toEqual([]);
  });
});

describe('budgets', () => {
  it.each([
    ['dmlz', SUB.dmlz, 8000, ['platform-finance@example.com'], [50, 80, 100]],
    ['dlz-operations', SUB.operations, 40000, ['ops-finance@example.com'], [50, 80, 100]],
    ['dlz-billing', SUB.billing, 15000, ['billing-finance@example.com', 'billing-lead@example.com'], [50, 90, 100]],
  ])('%s has a monthly subscription budget with its contacts and thresholds', (name, sub, amount, emails, thresholds) => {
    // Item budgets are subscription budgets too, filtered by the item's tag.
    const budgets = all(stack(name), 'azurerm_consumption_budget_subscription').filter((b) => !b.filter);
    expect(budgets).toHaveLength(1);
    const budget = budgets[0];
    expect(budget).toMatchObject({ subscription_id: `/subscriptions/${sub}`, amount, time_grain: 'Monthly', lifecycle: { ignore_changes: ['time_period'] } });
    expect(budget.time_period.start_date).toContain('formatdate(');
    expect(budget.notification.map((n: any) => n.threshold)).toEqual(thresholds);
    expect(
      budget.notification.every((n: any) => JSON.stringify(n.contact_emails) === JSON.stringify(emails) && n.threshold_type === 'Actual' && n.enabled),
    ).toBe(true);
  });

  it('gives the invoices integration a budget on the zone subscription, filtered by its tag (its Spark pool lies in a shared group)', () => {
    const budget = findResource(stack('dlz-billing'), 'azurerm_consumption_budget_subscription', { name: 'budget-invoices' });
    expect(budget.amount).toBe(2500);
    expect(budget.subscription_id).toBe(`/subscriptions/${SUB.billing}`);
    expect(budget.filter).toEqual({ tag: [{ name: 'dataIntegration', operator: 'In', values: ['invoices'] }] });
    expect(budget.notification[0].contact_emails).toEqual(['invoicing-team@example.com']);
    expect(all(stack('dlz-operations'), 'azurerm_consumption_budget_subscription').filter((b) => b.filter)).toEqual([]);
    expect(resources(stack('dlz-billing'), 'azurerm_consumption_budget_resource_group')).toEqual({});
  });
});

describe('cost-center tags', () => {
  const tagsOf = (s: StackJson, type: string) => all(s, type).map((r) => r.tags as Record<string, string>);

  it("tags the management zone with the estate's cost center and operations with its own", () => {
    expect(tagsOf(stack('dmlz'), 'azurerm_resource_group').every((t) => t.costCenter === '4711')).toBe(true);
    expect(tagsOf(stack('dlz-operations'), 'azurerm_storage_account').every((t) => t.costCenter === '4711')).toBe(true);
  });

  it('tags billing with 5200, and the invoices integration (its Spark pool, group, identity) with its own 5201', () => {
    const s = stack('dlz-billing');
    expect(tagsOf(s, 'azurerm_storage_account').every((t) => t.costCenter === '5200')).toBe(true);
    const pools = all(s, 'azurerm_synapse_spark_pool');
    const invoicesPool = pools.find((p) => p.tags.dataIntegration === 'invoices')!;
    const customersPool = pools.find((p) => p.tags.dataIntegration === 'customers')!;
    expect(invoicesPool.tags).toMatchObject({ costCenter: '5201', zone: 'billing', estate: 'relecloud' });
    expect(customersPool.tags.costCenter).toBe('5200');
    for (const type of ['azurerm_resource_group', 'azurerm_user_assigned_identity']) {
      const invoices = all(s, type).filter((r) => r.tags?.dataIntegration === 'invoices');
      expect(invoices.length).toBeGreaterThan(0);
      expect(invoices.every((r) => r.tags.costCenter === '5201')).toBe(true);
    }
  });

  it("lets a product's cost center win over its zone's", () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[1].dataProducts[0].costCenter = '5300';
    const s = synth(estate).stacks['dlz-billing'];
    const product = all(s, 'azurerm_key_vault').filter((r) => r.tags.dataProduct === 'revenue-by-service');
    expect(product.length).toBeGreaterThan(0);
    expect(product.every((r) => r.tags.costCenter === '5300')).toBe(true);
    expect(
      all(s, 'azurerm_key_vault')
        .filter((r) => !r.tags.dataProduct)
        .every((r) => r.tags.costCenter === '5200'),
    ).toBe(true);
  }, 120_000);
});
