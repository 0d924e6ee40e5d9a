import { validateEstate } from '../lib/estate/load';
import { ITEM_CODE_LENGTH, itemCodes } from '../lib/naming/item-names';
import { NAMING_RULES, namingProblem } from '../lib/naming/rules';
import { all, dnsZone, findResource, grants, hub, itemResources, ref, roleId } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

/**
 * Data integrations (issue #6): per engine, each in its own resource group with its own
 * identity, writing its own containers. Relecloud has all three engines: operations'
 * telemetry (databricks) and cloud-accounts (data-factory), billing's customers and
 * invoices (synapse); adatum's sales-ingest is data-factory.
 */

const OPS_SUB = '00000000-0000-0000-0000-000000000002';
const BILLING_SUB = '00000000-0000-0000-0000-000000000003';
/** Cost centers of the shipped estate (docs/governance.md): billing's 5200, invoices' own 5201, else the estate's 4711. */
const COST_CENTER: Record<string, string> = { customers: '5200', invoices: '5201' };

/** Resources of one item (by construct path), of one type. */
const ofItem = (stack: StackJson, type: string, item: string) => itemResources(stack, type, 'data-integrations', item);
/** [principal, role definition, scope] of every role assignment of an item. */
const grantsOf = (stack: StackJson, item: string) => grants(ofItem(stack, 'azurerm_role_assignment', item));

describe('data integrations of relecloud', () => {
  const estate = validateEstate(loadShippedEstate('relecloud'));
  const suffix = estate.naming.suffix;
  const { stacks } = synth(loadShippedEstate('relecloud'));
  const ops = stacks['dlz-operations'];
  const billing = stacks['dlz-billing'];
  const rg = (stack: StackJson, name: string) => ref(stack, 'azurerm_resource_group', { name }, 'name');
  const identity = (stack: StackJson, name: string, attribute = 'principal_id') => ref(stack, 'azurerm_user_assigned_identity', { name }, attribute);
  const container = (stack: StackJson, account: string, name: string) =>
    ref(stack, 'azurerm_storage_container', { name, storage_account_id: ref(stack, 'azurerm_storage_account', { name: account }) });
  const subnet = (stack: StackJson, name: string) => ref(stack, 'azurerm_subnet', { name });

  describe('every integration', () => {
    it.each([
      ['dlz-operations', 'operations', 'telemetry'],
      ['dlz-operations', 'operations', 'cloud-accounts'],
      ['dlz-billing', 'billing', 'customers'],
      ['dlz-billing', 'billing', 'invoices'],
    ])('%s/%s: has its own identity in its own resource group, tagged for cost reports', (stackName, zone, item) => {
      const stack = stacks[stackName];
      expect(findResource(stack, 'azurerm_user_assigned_identity', { name: `id-relecloud-prd-${zone}-${item}` })).toMatchObject({
        resource_group_name: rg(stack, `rg-relecloud-prd-${zone}-di-${item}`),
        location: 'westeurope',
        tags: expect.objectContaining({ dataIntegration: item, estate: 'relecloud', zone }),
      });
      expect(findResource(stack, 'azurerm_resource_group', { name: `rg-relecloud-prd-${zone}-di-${item}` }).tags).toMatchObject({
        dataIntegration: item,
        costCenter: COST_CENTER[item] ?? '4711',
      });
    });

    it.each([
      ['dlz-operations', 'operations', 'telemetry', `relecloudopsraw${'$'}`, `relecloudopsenr${'$'}`, OPS_SUB],
      ['dlz-billing', 'billing', 'invoices', `relecloudbillingraw${'$'}`, `relecloudbillingenr${'$'}`, BILLING_SUB],
    ])(
      '%s/%s: its identity writes its own raw and enriched containers (container scope), nothing else of the lakes',
      (stackName, zone, item, raw, enriched, subscription) => {
        const stack = stacks[stackName];
        const principal = identity(stack, `id-relecloud-prd-${zone}-${item}`);
        const grants = grantsOf(stack, item);
        expect(grants).toEqual(
          expect.arrayContaining([
            [principal, roleId(subscription, 'Storage Blob Data Contributor'), container(stack, raw.replace('$', suffix), `di-${item}`)],
            [principal, roleId(subscription, 'Storage Blob Data Contributor'), container(stack, enriched.replace('$', suffix), `di-${item}`)],
          ]),
        );
        for (const assignment of ofItem(stack, 'azurerm_role_assignment', item)) {
          expect(assignment.principal_type).toBe('ServicePrincipal');
          expect(assignment.scope).not.toMatch(/azurerm_storage_account\.|azurerm_resource_group\./);
        }
      },
    );

    it('exports each identity in the identities output, keyed like data_locations', () => {
      expect(ops.output!.identities.value).toMatchObject({
        telemetry: identity(ops, 'id-relecloud-prd-operations-telemetry'),
        'cloud-accounts': identity(ops, 'id-relecloud-prd-operations-cloud-accounts'),
      });
      expect(Object.keys(billing.output!.identities.value as object).sort()).toEqual(Object.keys(billing.output!.data_locations.value as object).sort());
    });
  });

  describe('engine databricks (operations/telemetry)', () => {
    it('lends its identity to the shared workspace through an access connector in its own group', () => {
      const connector = findResource(ops, 'azurerm_databricks_access_connector', { name: 'dbac-relecloud-prd-operations-telemetry' });
      expect(connector).toMatchObject({
        resource_group_name: rg(ops, 'rg-relecloud-prd-operations-di-telemetry'),
        identity: { type: 'UserAssigned', identity_ids: [identity(ops, 'id-relecloud-prd-operations-telemetry', 'id')] },
        tags: expect.objectContaining({ dataIntegration: 'telemetry' }),
      });
    });

    it('has no dedicated deployment: no factory, pool, vault or endpoint of its own', () => {
      for (const type of ['azurerm_data_factory', 'azurerm_synapse_spark_pool', 'azurerm_key_vault', 'azurerm_private_endpoint']) {
        expect([type, ofItem(ops, type, 'telemetry')]).toEqual([type, []]);
      }
      expect(grantsOf(ops, 'telemetry')).toHaveLength(2);
    });
  });

  describe('engine data-factory (operations/cloud-accounts): the data product batch template as a dedicated deployment', () => {
    const factoryName = `adf-relecloud-prd-operations-di-cloud-accounts-${suffix}`;
    const factory = (attribute = 'id') => ref(ops, 'azurerm_data_factory', { name: factoryName }, attribute);
    const vaultName = estate.landingZones[0].names.dataIntegrations['cloud-accounts'].keyVault!.name;
    const vault = () => ref(ops, 'azurerm_key_vault', { name: vaultName });
    const itemSubnet = () => subnet(ops, 'snet-di-cloud-accounts');

    it('runs a private factory with a managed virtual network, carrying the integration identity, with Purview lineage', () => {
      expect(findResource(ops, 'azurerm_data_factory', { name: factoryName })).toMatchObject({
        public_network_enabled: false,
        managed_virtual_network_enabled: true,
        identity: { type: 'SystemAssigned, UserAssigned', identity_ids: [identity(ops, 'id-relecloud-prd-operations-cloud-accounts', 'id')] },
        purview_id: hub('purview_account_id'),
        resource_group_name: rg(ops, 'rg-relecloud-prd-operations-di-cloud-accounts'),
      });
      expect(findResource(ops, 'azurerm_data_factory_integration_runtime_azure', { data_factory_id: factory() })).toMatchObject({
        name: 'AutoResolveIntegrationRuntime',
        location: 'AutoResolve',
        virtual_network_enabled: true,
      });
    });

    it('gives linked services a credential for the integration identity (no keys, no connection strings)', () => {
      expect(findResource(ops, 'azurerm_data_factory_credential_user_managed_identity', { data_factory_id: factory() })).toMatchObject({
        name: 'cred-cloud-accounts',
        identity_id: identity(ops, 'id-relecloud-prd-operations-cloud-accounts', 'id'),
      });
    });

    it('reaches the raw and enriched lakes, its vault and Purview through managed private endpoints only', () => {
      const mpes = all(ops, 'azurerm_data_factory_managed_private_endpoint')
        .filter((m) => m.data_factory_id === factory())
        .map((m) => [m.name, m.target_resource_id, m.subresource_name]);
      const lake = (code: string) => ref(ops, 'azurerm_storage_account', { name: `relecloudops${code}${suffix}` });
      expect(mpes.sort()).toEqual(
        [
          ['enriched_dfs', lake('enr'), 'dfs'],
          ['purview_account', hub('purview_account_id'), 'account'],
          ['purview_blob', hub('purview_ingestion_storage_id'), 'blob'],
          ['purview_namespace', hub('purview_event_hub_namespace_id'), 'namespace'],
          ['purview_queue', hub('purview_ingestion_storage_id'), 'queue'],
          ['raw_dfs', lake('raw'), 'dfs'],
          ['vault', vault(), 'vault'],
        ].sort(),
      );
    });

    it.each([
      ['pe-relecloud-prd-operations-cloud-accounts-adf', 'dataFactory', 'privatelink.datafactory.azure.net'],
      ['pe-relecloud-prd-operations-cloud-accounts-adf-portal', 'portal', 'privatelink.adf.azure.com'],
      ['pe-relecloud-prd-operations-cloud-accounts-kv', 'vault', 'privatelink.vaultcore.azure.net'],
    ])('reaches %s (%s) from its own subnet, registered in the management zone DNS zone', (name, subresource, zoneName) => {
      const pe = findResource(ops, 'azurerm_private_endpoint', { name });
      expect(pe.subnet_id).toBe(itemSubnet());
      expect(pe.resource_group_name).toBe(rg(ops, 'rg-relecloud-prd-operations-di-cloud-accounts'));
      expect(pe.private_service_connection).toMatchObject({ subresource_names: [subresource], is_manual_connection: false });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [dnsZone(zoneName)] });
    });

    it('keeps source credentials in its own private, RBAC-only, purge-protected vault, never destroyed, read by the integration identity', () => {
      expect(vaultName).toMatch(new RegExp(`^relecloudops[0-9a-z]{3}k${suffix}$`));
      expect(findResource(ops, 'azurerm_key_vault', { name: vaultName })).toMatchObject({
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
        resource_group_name: rg(ops, 'rg-relecloud-prd-operations-di-cloud-accounts'),
        lifecycle: { prevent_destroy: true },
      });
      expect(grantsOf(ops, 'cloud-accounts')).toContainEqual([
        identity(ops, 'id-relecloud-prd-operations-cloud-accounts'),
        roleId(OPS_SUB, 'Key Vault Secrets User'),
        vault(),
      ]);
      expect(grantsOf(ops, 'cloud-accounts')).toHaveLength(3);
    });

    it('sends the factory and vault diagnostics to the management zone workspace', () => {
      const targets = ofItem(ops, 'azurerm_monitor_diagnostic_setting', 'cloud-accounts').map((d) => [d.target_resource_id, d.log_analytics_workspace_id]);
      expect(targets.sort()).toEqual(
        [
          [factory(), hub('log_analytics_workspace_id')],
          [vault(), hub('log_analytics_workspace_id')],
        ].sort(),
      );
    });
  });

  describe('engine synapse (billing/customers and invoices): a dedicated Spark pool each in the shared workspace', () => {
    const synapse = (attribute = 'id') => ref(billing, 'azurerm_synapse_workspace', { name: `synw-relecloud-prd-billing-${suffix}` }, attribute);

    it.each(['customers', 'invoices'])('%s: a current, auto-pausing, autoscaling pool tagged with the integration', (item) => {
      const [pool] = ofItem(billing, 'azurerm_synapse_spark_pool', item);
      expect(pool).toMatchObject({
        name: estate.landingZones[1].names.dataIntegrations[item].sparkPool,
        synapse_workspace_id: synapse(),
        spark_version: '3.5',
        node_size_family: 'MemoryOptimized',
        node_size: 'Small',
        auto_pause: { delay_in_minutes: 15 },
        auto_scale: { min_node_count: 3, max_node_count: 10 },
        dynamic_executor_allocation_enabled: true,
        session_level_packages_enabled: false,
        tags: {
          dataIntegration: item,
          costCenter: COST_CENTER[item],
          owner: 'data-platform-team',
          estate: 'relecloud',
          environment: 'prod',
          zone: 'billing',
          'managed-by': 'csa-estate',
        },
      });
      expect(pool.name).toMatch(new RegExp(`^${item}[0-9a-z]{3}$`));
      expect(namingProblem('synapseSparkPool', pool.name)).toBeUndefined();
      // Pools have logs but no exportable metrics.
      const [diagnostics] = ofItem(billing, 'azurerm_monitor_diagnostic_setting', item);
      expect(diagnostics).toMatchObject({
        target_resource_id: ref(billing, 'azurerm_synapse_spark_pool', { name: pool.name }),
        enabled_log: [{ category_group: 'allLogs' }],
      });
      expect(diagnostics.enabled_metric).toBeUndefined();
    });

    it("lets the shared workspace carry the integrations' identities (a pool has none; pipelines use them through a Synapse credential)", () => {
      const workspace = findResource(billing, 'azurerm_synapse_workspace', { name: `synw-relecloud-prd-billing-${suffix}` });
      expect(workspace.identity.type).toBe('SystemAssigned, UserAssigned');
      expect(workspace.identity.identity_ids).toEqual(
        ['customers', 'invoices', 'revenue-by-service'].map((item) => identity(billing, `id-relecloud-prd-billing-${item}`, 'id')),
      );
    });

    it('deploys nothing else for them: no factory, vault or endpoint', () => {
      for (const item of ['customers', 'invoices']) {
        for (const type of ['azurerm_data_factory', 'azurerm_key_vault', 'azurerm_private_endpoint', 'azurerm_databricks_access_connector'])
          expect([item, type, ofItem(billing, type, item)]).toEqual([item, type, []]);
      }
    });
  });
});

describe('data integrations of adatum (sales-ingest, data-factory, northeurope)', () => {
  const { stacks } = synth(loadShippedEstate('adatum'));
  const sales = stacks['dlz-sales'];

  it("deploys the dedicated factory and vault in the integration's own group, endpoints in its own subnet", () => {
    const [factory] = ofItem(sales, 'azurerm_data_factory', 'sales-ingest');
    expect(factory.name).toMatch(/^adf-adatum-prd-sales-di-sales-ingest-[0-9a-z]{4}$/);
    const subnetId = ref(sales, 'azurerm_subnet', { name: 'snet-di-sales-ingest' });
    const endpoints = ofItem(sales, 'azurerm_private_endpoint', 'sales-ingest');
    expect(endpoints.map((pe) => pe.private_service_connection.subresource_names[0]).sort()).toEqual(['dataFactory', 'portal', 'vault']);
    for (const pe of endpoints) expect(pe.subnet_id).toBe(subnetId);
  });
});

describe('engines switched per integration', () => {
  it('gives each engine exactly its own resources (all three in one zone)', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataIntegrations = [
      { name: 'crm', sources: ['crm'], engine: 'databricks' },
      { name: 'erp', sources: ['erp'], engine: 'data-factory' },
      { name: 'web', sources: ['web'], engine: 'synapse' },
    ];
    estate.landingZones[0].dataProducts[0].inputs = ['crm', 'erp', 'web'];
    const sales = synth(estate).stacks['dlz-sales'];
    const types = (item: string) =>
      [
        ...new Set(
          Object.entries(sales.resource!).flatMap(([type, byId]) =>
            Object.values(byId).some((r: any) => r['//'].metadata.path.includes(`/data-integrations/${item}/`)) ? [type] : [],
          ),
        ),
      ].sort();
    expect(types('crm')).toEqual(['azurerm_databricks_access_connector', 'azurerm_role_assignment']);
    expect(types('web')).toEqual(['azurerm_monitor_diagnostic_setting', 'azurerm_role_assignment', 'azurerm_synapse_spark_pool']);
    expect(types('erp')).toEqual([
      'azurerm_data_factory',
      'azurerm_data_factory_credential_user_managed_identity',
      'azurerm_data_factory_integration_runtime_azure',
      'azurerm_data_factory_managed_private_endpoint',
      'azurerm_key_vault',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_private_endpoint',
      'azurerm_role_assignment',
    ]);
  });

  it("keeps every existing integration's resources at their addresses when one is appended", () => {
    const base = loadShippedEstate('relecloud');
    const extended = loadShippedEstate('relecloud');
    extended.landingZones[1].dataIntegrations.push({ name: 'payments', sources: ['payment-gateway'], engine: 'synapse' });
    const before = synth(base).stacks['dlz-billing'];
    const after = synth(extended).stacks['dlz-billing'];
    for (const [type, byId] of Object.entries(before.resource!)) {
      for (const [id, body] of Object.entries(byId)) {
        if (!(body as any)['//'].metadata.path.includes('/data-integrations/')) continue;
        expect([type, id, after.resource![type]?.[id]]).toEqual([type, id, body]);
      }
    }
    expect(ofItem(after, 'azurerm_synapse_spark_pool', 'payments')).toHaveLength(1);
  });
});

describe('item codes (the item part of tight names)', () => {
  const reserved = new Set(['work', 'kvdi', 'kvhm']);

  it('are 3 lowercase letters or digits, hashed from the name: stable and position-independent', () => {
    const codes = itemCodes(['telemetry', 'cloud-accounts'], reserved);
    expect(Object.values(codes).every((code) => new RegExp(`^[0-9a-z]{${ITEM_CODE_LENGTH}}$`).test(code))).toBe(true);
    expect(itemCodes(['cloud-accounts'], reserved)['cloud-accounts']).toBe(codes['cloud-accounts']);
    expect(itemCodes(['x', 'telemetry'], reserved).telemetry).toBe(codes.telemetry);
  });

  it('are unique within a zone, even for 200 items, and appending one never changes an earlier code', () => {
    const names = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    const codes = itemCodes(names, reserved);
    expect(new Set(Object.values(codes)).size).toBe(200);
    const fewer = itemCodes(names.slice(0, 150), reserved);
    for (const name of names.slice(0, 150)) expect(codes[name]).toBe(fewer[name]);
  });

  it('never make a compact item name equal to one of the zone\'s own (code + purpose letter = "work")', () => {
    const codes = Object.values(
      itemCodes(
        Array.from({ length: 5000 }, (_, i) => `n${i}`),
        reserved,
      ),
    );
    expect(codes.some((code) => ['k', 's', 'c'].some((letter) => reserved.has(`${code}${letter}`)))).toBe(false);
  });
});

describe("names of the shipped estates' integrations", () => {
  it.each(['relecloud', 'adatum'] as const)('%s: every derived name is valid and global names are unique', (name) => {
    const estate = validateEstate(loadShippedEstate(name));
    for (const named of estate.naming.names)
      expect([named.kind, named.name, namingProblem(named.kind, named.name)]).toEqual([named.kind, named.name, undefined]);
    const global = estate.naming.names.filter((n) => NAMING_RULES[n.kind].global).map((n) => n.name);
    expect(new Set(global).size).toBe(global.length);
  });

  it("fits billing's vaults into 24 characters without a shortName (relecloud + billing + code + k + suffix)", () => {
    const estate = validateEstate(loadShippedEstate('relecloud'));
    const billing = estate.landingZones[1];
    expect(billing.names.dataProducts['revenue-by-service'].keyVault.name).toHaveLength(24);
  });

  it("fails validation, naming the zone field, when a zone code leaves no room for an item's vault", () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[1].shortName = 'billingzone'; // lakes still fit (relecloud + billingzone + raw + suffix = 24), an item vault does not
    estate.landingZones[1].dataIntegrations[0].engine = 'data-factory';
    expect(() => validateEstate(estate)).toThrow(
      /landingZones\[1\]\.shortName: derived (keyVault|storageAccount) name "relecloudbillingzone[0-9a-z]+" is \d+ characters/,
    );
  });
});
