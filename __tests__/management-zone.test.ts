import { synthScope } from './helpers/testing-app';
import { DiagnosticSettings } from '../lib/constructs/shared/diagnostic-settings';
import { PrivateEndpoint } from '../lib/constructs/shared/private-endpoint';
import { databricksSccRelays } from '../lib/catalog/firewall-rules';
import { all, countsByType, findResource, MANAGEMENT_ZONE_OUTPUT_NAMES, one, ref, withoutResourcesAt } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

const withoutGovernance = (stack: StackJson): StackJson => withoutResourcesAt(stack, /^[^/]+\/governance\//);

describe('data management zone (relecloud, westeurope)', () => {
  const { stacks } = synth(loadShippedEstate('relecloud'));
  // Governance (policy, budget) has its own tests: __tests__/governance.test.ts.
  const dmlz = withoutGovernance(stacks['dmlz']);
  const rgName = (group: string) => ref(dmlz, 'azurerm_resource_group', { name: `rg-relecloud-prd-dmlz-${group}` }, 'name');
  const zone = (name: string) => ref(dmlz, 'azurerm_private_dns_zone', { name }, 'id');
  const servicesSubnet = () => ref(dmlz, 'azurerm_subnet', { name: 'snet-services' }, 'id');
  const purviewRef = (attribute: string) => ref(dmlz, 'azurerm_purview_account', { name: one(dmlz, 'azurerm_purview_account').name }, attribute);
  const vaultRef = (attribute: string) => ref(dmlz, 'azurerm_key_vault', { name: one(dmlz, 'azurerm_key_vault').name }, attribute);
  const registryRef = (attribute: string) => ref(dmlz, 'azurerm_container_registry', { name: one(dmlz, 'azurerm_container_registry').name }, attribute);

  describe('firewall policy rule collection groups', () => {
    const network = () => findResource(dmlz, 'azurerm_firewall_policy_rule_collection_group', { name: 'rcg-network' });
    const application = () => findResource(dmlz, 'azurerm_firewall_policy_rule_collection_group', { name: 'rcg-application' });

    it('attaches the network group (10000) and the application group (20000) to the hub firewall policy', () => {
      const policy = ref(dmlz, 'azurerm_firewall_policy', { name: 'afwp-relecloud-prd-dmlz' }, 'id');
      expect(network()).toMatchObject({ priority: 10000, firewall_policy_id: policy });
      expect(application()).toMatchObject({ priority: 20000, firewall_policy_id: policy });
      expect(network().application_rule_collection).toBeUndefined();
      expect(application().network_rule_collection).toBeUndefined();
    });

    it('has the reference collections with their priorities, all Allow', () => {
      const summary = (collections: any[]) => collections.map((c) => [c.name, c.priority, c.action]);
      expect(summary(network().network_rule_collection)).toEqual([
        ['MachineLearning-NetworkRules', 10100, 'Allow'],
        ['HDInsight-NetworkRules', 10200, 'Allow'],
        ['Databricks-NetworkRules', 10300, 'Allow'],
        ['Azure-NetworkRules', 10400, 'Allow'],
        ['AzureDevOps-NetworkRules', 10500, 'Allow'],
      ]);
      expect(summary(application().application_rule_collection)).toEqual([
        ['MachineLearning-ApplicationRules', 20100, 'Allow'],
        ['HDInsight-ApplicationRules', 20200, 'Allow'],
        ['DataFactory-ApplicationRules', 20300, 'Allow'],
        ['Databricks-ApplicationRules', 20400, 'Allow'],
        ['Azure-ApplicationRules', 20500, 'Allow'],
        ['AzureDevOps-ApplicationRules', 20600, 'Allow'],
      ]);
    });

    it('restricts every rule to the estate address pool instead of *', () => {
      const rules = [
        ...network().network_rule_collection.flatMap((c: any) => c.rule),
        ...application().application_rule_collection.flatMap((c: any) => c.rule),
      ];
      expect(rules).toHaveLength(9 + 10);
      for (const rule of rules) expect(rule.source_addresses).toEqual(['10.0.0.0/8']);
    });

    it('keeps the reference network rules (service tags, ports)', () => {
      const databricks = network().network_rule_collection.find((c: any) => c.name === 'Databricks-NetworkRules');
      expect(databricks.rule.map((r: any) => [r.destination_addresses, r.destination_ports, r.protocols])).toEqual([
        [['AzureActiveDirectory', 'AzureFrontDoor.Frontend'], ['443'], ['TCP']],
        [['AzureDatabricks', 'Storage'], ['443'], ['TCP']],
        [['Sql'], ['3306'], ['TCP']],
        [['EventHub'], ['9093'], ['TCP']],
      ]);
    });

    it("allows the estate region's Databricks SCC relay only", () => {
      const databricks = application().application_rule_collection.find((c: any) => c.name === 'Databricks-ApplicationRules');
      expect(databricks.rule[0].destination_fqdns).toEqual(['tunnel.westeurope.azuredatabricks.net', 'tunnel.westeuropec2.azuredatabricks.net']);
    });

    it('uses no dotless leading wildcard (it would match look-alike domains)', () => {
      const fqdns = application().application_rule_collection.flatMap((c: any) => c.rule.flatMap((r: any) => r.destination_fqdns ?? []));
      expect(fqdns.filter((f: string) => f.startsWith('*') && !f.startsWith('*.'))).toEqual([]);
      expect(fqdns).toEqual(expect.arrayContaining(['microsoft.com', '*.microsoft.com', 'pytorch.org', '*.pytorch.org']));
    });

    it('writes the application group after the network group (Azure serialises writes to one policy)', () => {
      expect(application().depends_on).toEqual([
        ref(dmlz, 'azurerm_firewall_policy_rule_collection_group', { name: 'rcg-network' }, 'id').replace(/^\$\{(.*)\.id\}$/, '$1'),
      ]);
    });
  });

  describe('Purview', () => {
    it('is private, with a system-assigned identity and a managed resource group from the naming module', () => {
      expect(one(dmlz, 'azurerm_purview_account')).toMatchObject({
        name: expect.stringMatching(/^pview-relecloud-prd-dmlz-[0-9a-z]{4}$/),
        public_network_enabled: false,
        identity: { type: 'SystemAssigned' },
        managed_resource_group_name: 'rg-relecloud-prd-dmlz-purview-managed',
        managed_event_hub_enabled: true,
        resource_group_name: rgName('governance'),
        lifecycle: { prevent_destroy: true },
      });
    });

    it.each([
      ['purview-account', 'account', 'id', 'privatelink.purview.azure.com'],
      ['purview-portal', 'portal', 'id', 'privatelink.purviewstudio.azure.com'],
      ['purview-blob', 'blob', 'ingestion storage', 'privatelink.blob.core.windows.net'],
      ['purview-queue', 'queue', 'ingestion storage', 'privatelink.queue.core.windows.net'],
      ['purview-namespace', 'namespace', 'managed_resources[*].event_hub_namespace_id', 'privatelink.servicebus.windows.net'],
    ])('reaches %s (sub-resource %s of the account %s) privately, registered in %s', (endpoint, subresource, target, zoneName) => {
      const pe = findResource(dmlz, 'azurerm_private_endpoint', { name: `pe-relecloud-prd-dmlz-${endpoint}` });
      expect(pe.private_service_connection).toEqual({
        name: pe.name,
        is_manual_connection: false,
        // Managed resources: a computed list of at most one, read with one(); the ingestion storage from
        // the template deployment that reads it (azurerm has no attribute for it).
        private_connection_resource_id:
          target === 'id'
            ? purviewRef(target)
            : target === 'ingestion storage'
              ? expect.stringMatching(
                  /^\$\{try\(jsondecode\(azurerm_resource_group_template_deployment\.[^.]+\.output_content\)\.ingestionStorageId\.value, ""\)\}$/,
                )
              : purviewRef(target).replace(/^\$\{(.*)\}$/, '$${one($1)}'),
        subresource_names: [subresource],
      });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [zone(zoneName)] });
      expect(pe.subnet_id).toBe(servicesSubnet());
      expect(pe.resource_group_name).toBe(rgName('governance'));
    });
  });

  describe('Key Vault', () => {
    it('uses Azure RBAC (4.x argument), purge protection, 90 days soft delete, no public access', () => {
      const vault = one(dmlz, 'azurerm_key_vault');
      expect(vault).toMatchObject({
        name: expect.stringMatching(/^releclouddmlzkv[0-9a-z]{4}$/),
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
        public_network_access_enabled: false,
        enabled_for_deployment: false,
        enabled_for_disk_encryption: false,
        enabled_for_template_deployment: false,
        network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
        resource_group_name: rgName('governance'),
        lifecycle: { prevent_destroy: true },
      });
      expect(vault.enable_rbac_authorization).toBeUndefined();
      expect(vault.access_policy).toBeUndefined();
      expect(vault.tenant_id).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.tenant_id\}$/);
    });

    it('is reached through its vault endpoint, registered in privatelink.vaultcore.azure.net', () => {
      const pe = findResource(dmlz, 'azurerm_private_endpoint', { name: 'pe-relecloud-prd-dmlz-vault' });
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: vaultRef('id'), subresource_names: ['vault'] });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [zone('privatelink.vaultcore.azure.net')] });
      expect(pe.subnet_id).toBe(servicesSubnet());
    });

    it('lets Purview read secrets (Key Vault Secrets User on the vault), nothing more', () => {
      const assignment = findResource(dmlz, 'azurerm_role_assignment', { scope: vaultRef('id') });
      expect(assignment).toMatchObject({
        principal_id: purviewRef('identity[0].principal_id'),
        principal_type: 'ServicePrincipal',
        role_definition_id:
          '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6',
      });
    });
  });

  describe('container registry', () => {
    it('is Premium and identity-only: no admin user, no anonymous pull, no public access, no bypass, no export', () => {
      expect(one(dmlz, 'azurerm_container_registry')).toMatchObject({
        name: expect.stringMatching(/^releclouddmlzcr[0-9a-z]{4}$/),
        sku: 'Premium',
        admin_enabled: false,
        anonymous_pull_enabled: false,
        public_network_access_enabled: false,
        network_rule_bypass_option: 'None',
        network_rule_set: [{ default_action: 'Deny', ip_rule: [] }],
        export_policy_enabled: false,
        identity: { type: 'SystemAssigned' },
        resource_group_name: rgName('container'),
        lifecycle: { prevent_destroy: true },
      });
    });

    it('keeps the reference quarantine, 7-day retention and trust settings, zone redundant in a region with zones', () => {
      expect(one(dmlz, 'azurerm_container_registry')).toMatchObject({
        quarantine_policy_enabled: true,
        retention_policy_in_days: 7,
        trust_policy_enabled: false,
        zone_redundancy_enabled: true,
      });
    });

    it('is reached through its registry endpoint, registered in privatelink.azurecr.io', () => {
      const pe = findResource(dmlz, 'azurerm_private_endpoint', { name: 'pe-relecloud-prd-dmlz-registry' });
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: registryRef('id'), subresource_names: ['registry'] });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [zone('privatelink.azurecr.io')] });
      expect(pe.resource_group_name).toBe(rgName('container'));
    });
  });

  describe('Synapse private link hub', () => {
    it('lives in the consumption group and is reached through its web endpoint', () => {
      const hub = one(dmlz, 'azurerm_synapse_private_link_hub');
      expect(hub).toMatchObject({ name: expect.stringMatching(/^releclouddmlzsynplh[0-9a-z]{4}$/), resource_group_name: rgName('consumption') });
      const pe = findResource(dmlz, 'azurerm_private_endpoint', { name: 'pe-relecloud-prd-dmlz-synapse-web' });
      expect(pe.private_service_connection).toMatchObject({
        private_connection_resource_id: ref(dmlz, 'azurerm_synapse_private_link_hub', { name: hub.name }, 'id'),
        subresource_names: ['web'],
      });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [zone('privatelink.azuresynapse.net')] });
    });
  });

  describe('automation', () => {
    it('has a user-assigned identity that owns the Purview account only (not the governance group with the vault)', () => {
      const identity = one(dmlz, 'azurerm_user_assigned_identity');
      expect(identity).toMatchObject({ name: 'id-relecloud-prd-dmlz-automation', resource_group_name: rgName('automation') });
      const assignment = findResource(dmlz, 'azurerm_role_assignment', {
        principal_id: ref(dmlz, 'azurerm_user_assigned_identity', { name: identity.name }, 'principal_id'),
      });
      expect(assignment).toMatchObject({
        scope: purviewRef('id'),
        principal_type: 'ServicePrincipal',
        role_definition_id:
          '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      });
    });

    it('has exactly the two role assignments of the reference, none on a resource group or subscription', () => {
      const scopes = all(dmlz, 'azurerm_role_assignment').map((a) => a.scope);
      expect(scopes.sort()).toEqual([purviewRef('id'), vaultRef('id')].sort());
    });
  });

  describe('private endpoints', () => {
    it('are all in the hub services subnet, auto-approved, registered through a zone group named default', () => {
      const endpoints = all(dmlz, 'azurerm_private_endpoint');
      expect(endpoints).toHaveLength(9);
      for (const pe of endpoints) {
        expect(pe.subnet_id).toBe(servicesSubnet());
        expect(pe.location).toBe('westeurope');
        expect(pe.private_service_connection.is_manual_connection).toBe(false);
        expect(pe.private_dns_zone_group.name).toBe('default');
        expect(pe.private_dns_zone_group.private_dns_zone_ids).toHaveLength(1);
      }
    });
  });

  describe('diagnostic settings', () => {
    const settings = () => all(dmlz, 'azurerm_monitor_diagnostic_setting');

    it('send all logs (and all metrics where they exist) of the firewall, its public IP, Key Vault, Purview, the registry, the hub network and its NSG to the zone workspace', () => {
      const workspace = ref(dmlz, 'azurerm_log_analytics_workspace', { name: 'log-relecloud-prd-dmlz' }, 'id');
      const nsg = ref(dmlz, 'azurerm_network_security_group', { name: 'nsg-relecloud-prd-dmlz-services' }, 'id');
      expect(
        settings()
          .map((s) => s.target_resource_id)
          .sort(),
      ).toEqual(
        [
          ref(dmlz, 'azurerm_firewall', { name: 'afw-relecloud-prd-dmlz' }, 'id'),
          ref(dmlz, 'azurerm_public_ip', { name: 'pip-relecloud-prd-dmlz-afw' }, 'id'),
          ref(dmlz, 'azurerm_virtual_network', { name: 'vnet-relecloud-prd-dmlz' }, 'id'),
          nsg,
          vaultRef('id'),
          purviewRef('id'),
          registryRef('id'),
          ref(dmlz, 'azurerm_databricks_workspace', { name: 'dbw-relecloud-prd-dmlz-webauth' }, 'id'),
          ref(dmlz, 'azurerm_network_security_group', { name: 'nsg-relecloud-prd-dmlz-databricks' }, 'id'),
        ].sort(),
      );
      for (const setting of settings()) {
        expect(setting).toMatchObject({
          name: 'diag-relecloud-prd-dmlz',
          log_analytics_workspace_id: workspace,
          enabled_log: [{ category_group: 'allLogs' }],
        });
        // NSGs and Databricks workspaces have no platform metrics.
        const noMetrics = [
          nsg,
          ref(dmlz, 'azurerm_network_security_group', { name: 'nsg-relecloud-prd-dmlz-databricks' }, 'id'),
          ref(dmlz, 'azurerm_databricks_workspace', { name: 'dbw-relecloud-prd-dmlz-webauth' }, 'id'),
        ];
        expect(setting.enabled_metric).toEqual(noMetrics.includes(setting.target_resource_id) ? undefined : [{ category: 'AllMetrics' }]);
        expect(setting.metric).toBeUndefined();
        expect(setting.log).toBeUndefined();
      }
    });

    it("sends the firewall's logs to resource-specific tables", () => {
      const firewall = settings().find((s) => s.target_resource_id === ref(dmlz, 'azurerm_firewall', { name: 'afw-relecloud-prd-dmlz' }, 'id'))!;
      expect(firewall.log_analytics_destination_type).toBe('Dedicated');
      expect(settings().filter((s) => s.log_analytics_destination_type)).toHaveLength(1);
    });
  });

  describe('outputs', () => {
    it('adds the Purview account id and principal id to the contract, keeping every earlier output', () => {
      const outputs = dmlz.output!;
      expect(Object.keys(outputs).sort()).toEqual([...MANAGEMENT_ZONE_OUTPUT_NAMES]);
      expect(outputs.purview_account_id.value).toBe(purviewRef('id'));
      expect(outputs.purview_principal_id.value).toBe(purviewRef('identity[0].principal_id'));
    });
  });

  it('guards every data-bearing resource against destroy, and nothing else', () => {
    const guarded = Object.entries(dmlz.resource!).flatMap(([type, byId]) =>
      Object.values(byId)
        .filter((r: any) => r.lifecycle?.prevent_destroy)
        .map(() => type),
    );
    expect(guarded.sort()).toEqual([
      'azurerm_container_registry',
      'azurerm_databricks_workspace',
      'azurerm_key_vault',
      'azurerm_log_analytics_workspace',
      'azurerm_purview_account',
    ]);
  });

  it('tags the new resources with the estate tags', () => {
    for (const type of [
      'azurerm_purview_account',
      'azurerm_key_vault',
      'azurerm_container_registry',
      'azurerm_synapse_private_link_hub',
      'azurerm_user_assigned_identity',
    ]) {
      expect(one(dmlz, type).tags).toMatchObject({ estate: 'relecloud', zone: 'dmlz', 'managed-by': 'csa-estate' });
    }
  });

  it('has the resource counts the README compares with the reference (npm run docs:readme)', () => {
    expect(countsByType(dmlz)).toEqual({
      azurerm_resource_group: 7,
      azurerm_virtual_network: 1,
      azurerm_subnet: 4,
      azurerm_network_security_group: 2,
      azurerm_subnet_network_security_group_association: 3,
      azurerm_route_table: 1,
      azurerm_route: 1,
      azurerm_subnet_route_table_association: 3,
      azurerm_public_ip_prefix: 1,
      azurerm_public_ip: 1,
      azurerm_firewall_policy: 1,
      azurerm_firewall_policy_rule_collection_group: 2,
      azurerm_firewall: 1,
      azurerm_private_dns_zone: 43,
      azurerm_private_dns_zone_virtual_network_link: 43,
      azurerm_log_analytics_workspace: 1,
      azurerm_purview_account: 1,
      // Reads the ingestion storage id (no resources of its own).
      azurerm_resource_group_template_deployment: 1,
      azurerm_key_vault: 1,
      azurerm_role_assignment: 2,
      azurerm_container_registry: 1,
      azurerm_synapse_private_link_hub: 1,
      azurerm_databricks_workspace: 1,
      azurerm_private_endpoint: 9,
      azurerm_user_assigned_identity: 1,
      azurerm_monitor_diagnostic_setting: 9,
    });
  });
});

describe('data management zone variations', () => {
  it("allows a region's SCC relay: overrides where Databricks documents them, tunnel.<region> elsewhere", () => {
    const dmlz = synth(loadShippedEstate('adatum')).stacks['dmlz'];
    const group = findResource(dmlz, 'azurerm_firewall_policy_rule_collection_group', { name: 'rcg-application' });
    const databricks = group.application_rule_collection.find((c: any) => c.name === 'Databricks-ApplicationRules');
    // North Europe moved off West Europe's control plane: workspaces of both eras need both relays.
    expect(databricks.rule[0].destination_fqdns).toEqual(['tunnel.westeurope.azuredatabricks.net', 'tunnel.northeuropec2.azuredatabricks.net']);
    expect(databricksSccRelays('swedencentral')).toEqual(['tunnel.swedencentral.azuredatabricks.net']);
  });

  it('follows a custom address pool', () => {
    const estate = loadShippedEstate('relecloud');
    estate.network.addressPool = '10.0.0.0/12';
    const dmlz = synth(estate).stacks['dmlz'];
    const group = findResource(dmlz, 'azurerm_firewall_policy_rule_collection_group', { name: 'rcg-application' });
    expect(group.application_rule_collection[0].rule[0].source_addresses).toEqual(['10.0.0.0/12']);
  });

  it('turns zone redundancy off in a region without availability zones', () => {
    const estate = loadShippedEstate('adatum');
    estate.location = 'westus';
    const registry = one(synth(estate).stacks['dmlz'], 'azurerm_container_registry');
    expect(registry.zone_redundancy_enabled).toBe(false);
  });

  it('emits the root collection admin commands as an operator output only when admins are listed', () => {
    const adatum = synth(loadShippedEstate('adatum')).stacks['dmlz'];
    expect(adatum.output!['purview_root_collection_admin_commands']).toBeUndefined();

    const estate = loadShippedEstate('adatum');
    estate.managementZone.purview = { rootCollectionAdmins: ['11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222'] };
    const dmlz = synth(estate).stacks['dmlz'];
    const account = one(dmlz, 'azurerm_purview_account').name;
    expect(dmlz.output!['purview_root_collection_admin_commands'].value).toEqual([
      `az purview account add-root-collection-admin --subscription 10000000-0000-0000-0000-000000000001 --resource-group rg-adatum-prd-dmlz-governance --account-name ${account} --object-id 11111111-1111-1111-1111-111111111111`,
      `az purview account add-root-collection-admin --subscription 10000000-0000-0000-0000-000000000001 --resource-group rg-adatum-prd-dmlz-governance --account-name ${account} --object-id 22222222-2222-2222-2222-222222222222`,
    ]);
    // Nothing runs scripts: the estate has no null_resource or deployment script.
    expect(Object.keys(dmlz.resource!).filter((t) => !t.startsWith('azurerm_'))).toEqual([]);
  });

  it('keeps every derived name valid at the longest estate name', () => {
    const estate = loadShippedEstate('adatum');
    estate.estate = 'abcdefghij';
    const dmlz = synth(estate).stacks['dmlz'];
    expect(one(dmlz, 'azurerm_key_vault').name).toMatch(/^abcdefghijdmlzkv[0-9a-z]{4}$/);
    expect(one(dmlz, 'azurerm_container_registry').name).toMatch(/^abcdefghijdmlzcr[0-9a-z]{4}$/);
  });
});

describe('shared constructs', () => {
  it('PrivateEndpoint creates no DNS zone group when given no zone ids', () => {
    const json = JSON.parse(
      synthScope((scope) => {
        new PrivateEndpoint(scope, 'pe', {
          name: 'pe-x',
          resourceGroupName: 'rg',
          location: 'westeurope',
          targetResourceId: '/id',
          subnetId: '/subnet',
          subresource: 'blob',
          privateDnsZoneIds: [],
        });
      }),
    );
    const pe = Object.values(json.resource.azurerm_private_endpoint)[0] as any;
    expect(pe.private_dns_zone_group).toBeUndefined();
    expect(pe.private_service_connection.subresource_names).toEqual(['blob']);
  });

  it('DiagnosticSettings leaves the destination type to Azure unless asked', () => {
    const json = JSON.parse(
      synthScope((scope) => {
        new DiagnosticSettings(scope, 'diag', { name: 'diag-x', targetResourceId: '/target', logAnalyticsWorkspaceId: '/workspace' });
      }),
    );
    const setting = Object.values(json.resource.azurerm_monitor_diagnostic_setting)[0] as any;
    expect(setting).toEqual({
      name: 'diag-x',
      target_resource_id: '/target',
      log_analytics_workspace_id: '/workspace',
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });
});
