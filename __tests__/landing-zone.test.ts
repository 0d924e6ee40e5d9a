import { GLOBAL_PRIVATE_DNS_ZONES } from '../lib/catalog/private-dns-zones';
import { LANDING_ZONE_DNS_ZONES } from '../lib/constructs/shared/management-zone-links';
import { validateEstate } from '../lib/estate/load';
import { NAMING_RULES, namingProblem, ResourceKind } from '../lib/naming/rules';
import {
  all,
  countsByType,
  dnsZone,
  findResource,
  grants,
  hub,
  one,
  privateEndpointsTo,
  ref,
  resources,
  roleId,
  withoutResourcesAt,
} from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';

const OPS_SUB = '00000000-0000-0000-0000-000000000002';
const BILLING_SUB = '00000000-0000-0000-0000-000000000003';

/**
 * The zone's own resources: without the data integrations' and products' (issue #6,
 * __tests__/data-integrations.test.ts and data-products.test.ts), their identities and
 * the input grants. The shared infrastructure's contract is asserted on these.
 */
// Governance (policy, groups, budgets) has its own tests: __tests__/governance.test.ts.
const ITEM_PATH = /^[^/]+\/((landing-zone\/(data-items|data-item-identities)|input-grants)\/|governance\/)/;
const zoneOnly = (stack: StackJson): StackJson => withoutResourcesAt(stack, ITEM_PATH);

describe('data landing zone (relecloud operations, westeurope)', () => {
  const estate = validateEstate(loadShippedEstate('relecloud'));
  const { stacks } = synth(loadShippedEstate('relecloud'));
  const opsWithItems = stacks['dlz-operations'];
  const ops = zoneOnly(opsWithItems);
  const billing = zoneOnly(stacks['dlz-billing']);
  const suffix = estate.naming.suffix;
  const rg = (group: string) => ref(ops, 'azurerm_resource_group', { name: `rg-relecloud-prd-operations-${group}` }, 'name');
  const account = (name: string, attribute = 'id') => ref(ops, 'azurerm_storage_account', { name: `relecloudops${name}${suffix}` }, attribute);
  const container = (lake: string, name: string) => ref(ops, 'azurerm_storage_container', { name, storage_account_id: account(lake) });
  const servicesSubnet = ref(ops, 'azurerm_subnet', { name: 'snet-services' });
  const endpoint = (purpose: string) => findResource(ops, 'azurerm_private_endpoint', { name: `pe-relecloud-prd-operations-${purpose}` });
  const factory = (purpose = 'integration', attribute = 'id') =>
    ref(ops, 'azurerm_data_factory', { name: `adf-relecloud-prd-operations-${purpose}-${suffix}` }, attribute);
  const synapse = (attribute = 'id') => ref(ops, 'azurerm_synapse_workspace', { name: `synw-relecloud-prd-operations-${suffix}` }, attribute);
  const sqlServer = (attribute = 'id') => ref(ops, 'azurerm_mssql_server', { name: `sql-relecloud-prd-operations-${suffix}` }, attribute);
  const vault = (purpose: string) => ref(ops, 'azurerm_key_vault', { name: `relecloudops${purpose}${suffix}` });
  const databricks = (workspace: string) => ref(ops, 'azurerm_databricks_workspace', { name: `dbw-relecloud-prd-operations-${workspace}` });
  const sqlAdmin = (attribute: string) => ref(ops, 'azurerm_user_assigned_identity', { name: 'id-relecloud-prd-operations-sql-admin' }, attribute);

  describe('resource groups', () => {
    it("has the reference's groups plus one per data integration and data product, named after them", () => {
      expect(
        all(ops, 'azurerm_resource_group')
          .map((g) => g.name)
          .sort(),
      ).toEqual(
        [
          'network',
          'management',
          'logging',
          'runtimes',
          'storage',
          'externalstorage',
          'metadata',
          'shared-integration',
          'shared-product',
          'di-telemetry',
          'di-cloud-accounts',
          'dp-cloud-service-recommender',
          'dp-recommender-revenue',
        ]
          .map((g) => `rg-relecloud-prd-operations-${g}`)
          .sort(),
      );
      for (const group of all(ops, 'azurerm_resource_group')) expect(group.location).toBe('westeurope');
    });

    it('keys the integration and product groups by name, not position (stable addresses)', () => {
      const ids = Object.keys(resources(ops, 'azurerm_resource_group'));
      expect(ids.some((id) => id.includes('data-integration-resource-groups_telemetry'))).toBe(true);
      expect(ids.some((id) => id.includes('data-product-resource-groups_recommender-revenue'))).toBe(true);
    });
  });

  describe('storage', () => {
    const lakes = [
      ['raw', true],
      ['enr', true],
      ['work', true],
      ['ext', false],
    ] as const;

    it.each(lakes)('%s: Entra ID only, private, TLS 1.2, firewall Deny, never destroyed (hierarchical namespace: %s)', (code, hns) => {
      const lake = findResource(ops, 'azurerm_storage_account', { name: `relecloudops${code}${suffix}` });
      expect(lake).toMatchObject({
        account_kind: 'StorageV2',
        account_tier: 'Standard',
        account_replication_type: 'ZRS',
        access_tier: 'Hot',
        is_hns_enabled: hns,
        shared_access_key_enabled: false,
        default_to_oauth_authentication: true,
        allow_nested_items_to_be_public: false,
        // From selected networks only (network_rules below): the resource-instance rules need it.
        public_network_access_enabled: true,
        https_traffic_only_enabled: true,
        min_tls_version: 'TLS1_2',
        allowed_copy_scope: 'AAD',
        cross_tenant_replication_enabled: false,
        infrastructure_encryption_enabled: true,
        local_user_enabled: false,
        sftp_enabled: false,
        identity: { type: 'SystemAssigned' },
        resource_group_name: rg(code === 'ext' ? 'externalstorage' : 'storage'),
        lifecycle: { prevent_destroy: true },
      });
      expect(lake.network_rules).toEqual({
        default_action: 'Deny',
        bypass: ['Metrics'],
        ip_rules: [],
        virtual_network_subnet_ids: [],
        private_link_access: [
          {
            endpoint_resource_id: hub('purview_account_id'),
            endpoint_tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.[^.]+\.tenant_id\}$/),
          },
          {
            endpoint_resource_id: `/subscriptions/${OPS_SUB}/resourceGroups/*/providers/Microsoft.Synapse/workspaces/*`,
            endpoint_tenant_id: expect.any(String),
          },
          {
            endpoint_resource_id: `/subscriptions/${OPS_SUB}/resourceGroups/*/providers/Microsoft.Databricks/accessConnectors/*`,
            endpoint_tenant_id: expect.any(String),
          },
        ],
      });
      expect(lake.blob_properties).toEqual({
        container_delete_retention_policy: { days: 7 },
        delete_retention_policy: { days: 7 },
        ...(hns ? {} : { versioning_enabled: true }),
      });
      expect(lake.storage_account_name).toBeUndefined();
    });

    it('lets the Synapse workspaces of its own and of earlier landing zones through, never of later ones', () => {
      const lake = findResource(billing, 'azurerm_storage_account', { name: `relecloudbillingraw${suffix}` });
      expect(lake.network_rules.private_link_access.map((r: any) => r.endpoint_resource_id)).toEqual([
        hub('purview_account_id'),
        `/subscriptions/${OPS_SUB}/resourceGroups/*/providers/Microsoft.Synapse/workspaces/*`,
        `/subscriptions/${BILLING_SUB}/resourceGroups/*/providers/Microsoft.Synapse/workspaces/*`,
        `/subscriptions/${BILLING_SUB}/resourceGroups/*/providers/Microsoft.Databricks/accessConnectors/*`,
      ]);
    });

    it('moves block blobs, snapshots and versions to cool after 90 days', () => {
      const policies = all(ops, 'azurerm_storage_management_policy');
      expect(policies.map((p) => p.storage_account_id).sort()).toEqual(['raw', 'enr', 'work', 'ext'].map((code) => account(code)).sort());
      for (const policy of policies) {
        expect(policy.rule).toEqual([
          {
            name: 'default',
            enabled: true,
            filters: { blob_types: ['blockBlob'] },
            actions: {
              base_blob: { tier_to_cool_after_days_since_modification_greater_than: 90 },
              snapshot: { change_tier_to_cool_after_days_since_creation: 90 },
              version: { change_tier_to_cool_after_days_since_creation: 90 },
            },
          },
        ]);
      }
    });

    it('creates the containers through the control plane: data, one per integration (raw, enriched), one per product (workspace)', () => {
      const byAccount = (code: string) =>
        all(ops, 'azurerm_storage_container')
          .filter((c) => c.storage_account_id === account(code))
          .map((c) => c.name)
          .sort();
      expect(byAccount('raw')).toEqual(['data', 'di-cloud-accounts', 'di-telemetry']);
      expect(byAccount('enr')).toEqual(['data', 'di-cloud-accounts', 'di-telemetry']);
      expect(byAccount('work')).toEqual(['data', 'dp-cloud-service-recommender', 'dp-recommender-revenue']);
      expect(byAccount('ext')).toEqual(['data']);
      for (const c of all(ops, 'azurerm_storage_container')) {
        expect(c.container_access_type).toBe('private');
        expect(c.storage_account_name).toBeUndefined();
      }
    });

    it.each([
      ['raw-blob', 'raw', 'blob'],
      ['raw-dfs', 'raw', 'dfs'],
      ['enriched-blob', 'enr', 'blob'],
      ['enriched-dfs', 'enr', 'dfs'],
      ['workspace-blob', 'work', 'blob'],
      ['workspace-dfs', 'work', 'dfs'],
      ['external-blob', 'ext', 'blob'],
    ])('reaches %s privately, registered in the management zone DNS zone through remote state', (purpose, code, subresource) => {
      const pe = endpoint(purpose);
      expect(pe.private_service_connection).toEqual({
        name: pe.name,
        is_manual_connection: false,
        private_connection_resource_id: account(code),
        subresource_names: [subresource],
      });
      expect(pe.private_dns_zone_group).toEqual({ name: 'default', private_dns_zone_ids: [dnsZone(`privatelink.${subresource}.core.windows.net`)] });
      expect(pe.subnet_id).toBe(servicesSubnet);
    });

    it('gives the exchange account no dfs endpoint', () => {
      const targets = privateEndpointsTo(ops, account('ext'));
      expect(targets.map((pe) => pe.private_service_connection.subresource_names)).toEqual([['blob']]);
    });
  });

  describe('metadata', () => {
    it.each(['kvdi', 'kvhm'])('Key Vault %s: compact name, RBAC, purge protection, private only, never destroyed', (purpose) => {
      const kv = findResource(ops, 'azurerm_key_vault', { name: `relecloudops${purpose}${suffix}` });
      expect(kv).toMatchObject({
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
        resource_group_name: rg('metadata'),
        lifecycle: { prevent_destroy: true },
      });
      expect(kv.access_policy).toBeUndefined();
      const pe = endpoint(purpose === 'kvdi' ? 'vault-integration' : 'vault-metastore');
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: vault(purpose), subresource_names: ['vault'] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.vaultcore.azure.net')]);
    });

    it('runs SQL with Entra ID only, administered by the sql-admin identity: no login, no password', () => {
      const server = one(ops, 'azurerm_mssql_server');
      expect(server).toMatchObject({
        version: '12.0',
        minimum_tls_version: '1.2',
        public_network_access_enabled: false,
        outbound_network_restriction_enabled: true,
        identity: { type: 'SystemAssigned' },
        azuread_administrator: {
          azuread_authentication_only: true,
          login_username: sqlAdmin('name'),
          object_id: sqlAdmin('principal_id'),
          tenant_id: sqlAdmin('tenant_id'),
        },
        resource_group_name: rg('metadata'),
        lifecycle: { prevent_destroy: true },
      });
      expect(server.administrator_login).toBeUndefined();
      expect(server.administrator_login_password).toBeUndefined();
      expect(server.administrator_login_password_wo).toBeUndefined();
      expect(one(ops, 'azurerm_user_assigned_identity')).toMatchObject({ name: 'id-relecloud-prd-operations-sql-admin', resource_group_name: rg('metadata') });
    });

    it('holds the Data Factory metastore (Basic, as the reference) and the Hive metastore (S1), never destroyed', () => {
      expect(findResource(ops, 'azurerm_mssql_database', { name: 'AdfMetastoreDb' })).toMatchObject({
        server_id: sqlServer(),
        sku_name: 'Basic',
        collation: 'SQL_Latin1_General_CP1_CI_AS',
        storage_account_type: 'Geo',
        lifecycle: { prevent_destroy: true },
      });
      expect(findResource(ops, 'azurerm_mssql_database', { name: 'HiveMetastoreDb' })).toMatchObject({
        server_id: sqlServer(),
        sku_name: 'S1',
        lifecycle: { prevent_destroy: true },
      });
      // The retired MySQL single server (and its flexible successor, which needs a password) is gone.
      expect(Object.keys(ops.resource!).filter((t) => /mysql|postgresql/.test(t))).toEqual([]);
    });

    it('reaches SQL through its sqlServer endpoint, registered in privatelink.database.windows.net', () => {
      const pe = endpoint('sql');
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: sqlServer(), subresource_names: ['sqlServer'] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.database.windows.net')]);
    });

    it('audits the server to Log Analytics (master database SQLSecurityAuditEvents, then the auditing policy)', () => {
      const audit = findResource(ops, 'azurerm_monitor_diagnostic_setting', { target_resource_id: `${sqlServer()}/databases/master` });
      expect(audit).toMatchObject({ log_analytics_workspace_id: hub('log_analytics_workspace_id'), enabled_log: [{ category: 'SQLSecurityAuditEvents' }] });
      expect(audit.enabled_metric).toBeUndefined();
      const policy = one(ops, 'azurerm_mssql_server_extended_auditing_policy');
      expect(policy).toMatchObject({ server_id: sqlServer(), enabled: true, log_monitoring_enabled: true });
      expect(policy.storage_endpoint).toBeUndefined();
      expect(policy.depends_on).toHaveLength(1);
    });
  });

  describe('shared integration', () => {
    it('injects the integration Databricks workspace into its subnets, without public IPs, with back-end Private Link and a private front end', () => {
      const workspace = findResource(ops, 'azurerm_databricks_workspace', { name: 'dbw-relecloud-prd-operations-integration' });
      const subnetRef = (name: string, attribute: string) => ref(ops, 'azurerm_subnet', { name }, attribute);
      const association = (subnet: string) => ref(ops, 'azurerm_subnet_network_security_group_association', { subnet_id: subnetRef(subnet, 'id') });
      expect(workspace).toMatchObject({
        sku: 'premium',
        resource_group_name: rg('shared-integration'),
        managed_resource_group_name: 'rg-relecloud-prd-operations-dbw-integration-managed',
        public_network_access_enabled: false,
        network_security_group_rules_required: 'NoAzureDatabricksRules',
        infrastructure_encryption_enabled: true,
        custom_parameters: {
          no_public_ip: true,
          virtual_network_id: ref(ops, 'azurerm_virtual_network', { name: 'vnet-relecloud-prd-operations' }),
          public_subnet_name: subnetRef('snet-dbw-integration-public', 'name'),
          private_subnet_name: subnetRef('snet-dbw-integration-private', 'name'),
          public_subnet_network_security_group_association_id: association('snet-dbw-integration-public'),
          private_subnet_network_security_group_association_id: association('snet-dbw-integration-private'),
        },
      });
      const pe = endpoint('dbw-integration');
      expect(pe.private_service_connection).toMatchObject({
        private_connection_resource_id: databricks('integration'),
        subresource_names: ['databricks_ui_api'],
      });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.azuredatabricks.net')]);
    });

    it('runs the integration Data Factory privately, in a managed virtual network, with its identity and Purview lineage', () => {
      expect(findResource(ops, 'azurerm_data_factory', { name: `adf-relecloud-prd-operations-integration-${suffix}` })).toMatchObject({
        public_network_enabled: false,
        managed_virtual_network_enabled: true,
        identity: { type: 'SystemAssigned' },
        purview_id: hub('purview_account_id'),
        resource_group_name: rg('shared-integration'),
      });
      expect(one(ops, 'azurerm_data_factory_integration_runtime_azure')).toEqual(
        expect.objectContaining({ name: 'AutoResolveIntegrationRuntime', data_factory_id: factory(), location: 'AutoResolve', virtual_network_enabled: true }),
      );
    });

    it('reaches the raw and enriched lakes, the integration vault, SQL and Purview through managed private endpoints only', () => {
      const mpes = all(ops, 'azurerm_data_factory_managed_private_endpoint').map((m) => [m.name, m.target_resource_id, m.subresource_name, m.data_factory_id]);
      expect(mpes.sort()).toEqual(
        [
          ['databricks_integration', databricks('integration'), 'databricks_ui_api', factory()],
          ['enriched_dfs', account('enr'), 'dfs', factory()],
          ['purview_account', hub('purview_account_id'), 'account', factory()],
          ['purview_blob', hub('purview_ingestion_storage_id'), 'blob', factory()],
          ['purview_namespace', hub('purview_event_hub_namespace_id'), 'namespace', factory()],
          ['purview_queue', hub('purview_ingestion_storage_id'), 'queue', factory()],
          ['raw_dfs', account('raw'), 'dfs', factory()],
          ['sql', sqlServer(), 'sqlServer', factory()],
          ['vault_integration', vault('kvdi'), 'vault', factory()],
        ].sort(),
      );
    });

    it.each([
      ['adf-integration-datafactory', 'dataFactory', 'privatelink.datafactory.azure.net'],
      ['adf-integration-portal', 'portal', 'privatelink.adf.azure.com'],
    ])('reaches the factory through %s (%s)', (purpose, subresource, zoneName) => {
      const pe = endpoint(purpose);
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: factory(), subresource_names: [subresource] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone(zoneName)]);
    });

    it('has no Event Hub namespace and no self-hosted runtime by default', () => {
      expect(all(ops, 'azurerm_eventhub_namespace')).toEqual([]);
      expect(all(ops, 'azurerm_data_factory_integration_runtime_self_hosted')).toEqual([]);
      expect(all(ops, 'azurerm_data_factory')).toHaveLength(1);
    });
  });

  describe('shared product', () => {
    it('runs Synapse with a managed network, exfiltration protection, no public access, Entra ID only', () => {
      const workspace = one(ops, 'azurerm_synapse_workspace');
      expect(workspace).toMatchObject({
        name: `synw-relecloud-prd-operations-${suffix}`,
        managed_virtual_network_enabled: true,
        data_exfiltration_protection_enabled: true,
        public_network_access_enabled: false,
        azuread_authentication_only: true,
        // Its own identity, and that of recommender-revenue, the zone's one item on Synapse (issue #6).
        identity: {
          type: 'SystemAssigned, UserAssigned',
          identity_ids: [ref(opsWithItems, 'azurerm_user_assigned_identity', { name: 'id-relecloud-prd-operations-recommender-revenue' })],
        },
        purview_id: hub('purview_account_id'),
        managed_resource_group_name: 'rg-relecloud-prd-operations-synw-managed',
        resource_group_name: rg('shared-product'),
      });
      expect(workspace.sql_administrator_login).toBeUndefined();
      expect(workspace.sql_administrator_login_password).toBeUndefined();
      expect(one(ops, 'azurerm_synapse_workspace_aad_admin')).toMatchObject({
        synapse_workspace_id: synapse(),
        login: sqlAdmin('name'),
        object_id: sqlAdmin('principal_id'),
        tenant_id: sqlAdmin('tenant_id'),
      });
    });

    it("uses the workspace lake's data container, made through the control plane, as its default storage", () => {
      const workspace = one(ops, 'azurerm_synapse_workspace');
      expect(workspace.storage_data_lake_gen2_filesystem_id).toBe(
        `${account('work', 'primary_dfs_endpoint')}${container('work', 'data').replace(/\.id\}$/, '.name}')}`,
      );
      expect(all(ops, 'azurerm_storage_data_lake_gen2_filesystem')).toEqual([]);
    });

    it.each([
      ['synw-sql', 'Sql', 'privatelink.sql.azuresynapse.net'],
      ['synw-sqlondemand', 'SqlOnDemand', 'privatelink.sql.azuresynapse.net'],
      ['synw-dev', 'Dev', 'privatelink.dev.azuresynapse.net'],
    ])('reaches Synapse through %s (%s)', (purpose, subresource, zoneName) => {
      const pe = endpoint(purpose);
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: synapse(), subresource_names: [subresource] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone(zoneName)]);
    });

    it('injects the product Databricks workspace into the product subnets', () => {
      const workspace = findResource(ops, 'azurerm_databricks_workspace', { name: 'dbw-relecloud-prd-operations-product' });
      expect(workspace.custom_parameters.public_subnet_name).toBe(ref(ops, 'azurerm_subnet', { name: 'snet-dbw-product-public' }, 'name'));
      expect(workspace.custom_parameters.private_subnet_name).toBe(ref(ops, 'azurerm_subnet', { name: 'snet-dbw-product-private' }, 'name'));
      expect(workspace.resource_group_name).toBe(rg('shared-product'));
      expect(endpoint('dbw-product').private_service_connection.private_connection_resource_id).toBe(databricks('product'));
    });
  });

  describe('access', () => {
    it('grants exactly: Purview reads the lakes; the factory writes the raw and enriched data containers, reads the integration vault, runs Databricks; Synapse writes its container', () => {
      const purview = hub('purview_principal_id');
      const adf = factory('integration', 'identity[0].principal_id');
      const syn = synapse('identity[0].principal_id');
      const expected = [
        ...['raw', 'enr', 'work', 'ext'].flatMap((code) => [
          [purview, roleId(OPS_SUB, 'Reader'), account(code)],
          [purview, roleId(OPS_SUB, 'Storage Blob Data Reader'), account(code)],
        ]),
        [adf, roleId(OPS_SUB, 'Storage Blob Data Contributor'), container('raw', 'data')],
        [adf, roleId(OPS_SUB, 'Storage Blob Data Contributor'), container('enr', 'data')],
        [adf, roleId(OPS_SUB, 'Key Vault Secrets User'), vault('kvdi')],
        [adf, roleId(OPS_SUB, 'Contributor'), databricks('integration')],
        [syn, roleId(OPS_SUB, 'Storage Blob Data Contributor'), container('work', 'data')],
      ];
      const actual = grants(all(ops, 'azurerm_role_assignment'));
      expect(actual.sort()).toEqual(expected.sort());
      for (const assignment of all(ops, 'azurerm_role_assignment')) expect(assignment.principal_type).toBe('ServicePrincipal');
    });

    it('never grants on a subscription or resource group', () => {
      for (const stack of [ops, billing]) {
        for (const assignment of all(stack, 'azurerm_role_assignment')) expect(assignment.scope).toMatch(/^\$\{/);
      }
    });
  });

  describe('diagnostics', () => {
    const settings = () => all(ops, 'azurerm_monitor_diagnostic_setting');

    it("send to the management zone's workspace, named after the zone", () => {
      for (const setting of settings()) {
        expect(setting.log_analytics_workspace_id).toBe(hub('log_analytics_workspace_id'));
        expect(setting.name).toBe('diag-relecloud-prd-operations');
        expect(setting.metric).toBeUndefined();
      }
    });

    it('cover every resource that has logs or metrics, with the categories each supports', () => {
      const byTarget = Object.fromEntries(settings().map((s) => [s.target_resource_id, [s.enabled_log ?? null, s.enabled_metric ?? null]]));
      const allLogs = [{ category_group: 'allLogs' }];
      const allMetrics = [{ category: 'AllMetrics' }];
      const transactions = [{ category: 'Transaction' }];
      const expected: Record<string, unknown> = {
        [ref(ops, 'azurerm_virtual_network', { name: 'vnet-relecloud-prd-operations' })]: [allLogs, allMetrics],
        [ref(ops, 'azurerm_network_security_group', { name: 'nsg-relecloud-prd-operations' })]: [allLogs, null],
        [ref(ops, 'azurerm_network_security_group', { name: 'nsg-relecloud-prd-operations-databricks' })]: [allLogs, null],
        [vault('kvdi')]: [allLogs, allMetrics],
        [vault('kvhm')]: [allLogs, allMetrics],
        [`${sqlServer()}/databases/master`]: [[{ category: 'SQLSecurityAuditEvents' }], null],
        [ref(ops, 'azurerm_mssql_database', { name: 'AdfMetastoreDb' })]: [
          allLogs,
          [{ category: 'Basic' }, { category: 'InstanceAndAppAdvanced' }, { category: 'WorkloadManagement' }],
        ],
        [ref(ops, 'azurerm_mssql_database', { name: 'HiveMetastoreDb' })]: [
          allLogs,
          [{ category: 'Basic' }, { category: 'InstanceAndAppAdvanced' }, { category: 'WorkloadManagement' }],
        ],
        [factory()]: [allLogs, allMetrics],
        [databricks('integration')]: [allLogs, null],
        [databricks('product')]: [allLogs, null],
        [synapse()]: [allLogs, allMetrics],
      };
      for (const code of ['raw', 'enr', 'work', 'ext']) {
        expected[account(code)] = [null, transactions];
        expected[`${account(code)}/blobServices/default`] = [allLogs, transactions];
      }
      expect(byTarget).toEqual(expected);
    });
  });

  describe('outputs', () => {
    it('keeps the network outputs and adds the lakes and each integration and product data location', () => {
      expect(Object.keys(ops.output!).sort()).toEqual([
        'data_locations',
        'identities',
        'network_resource_group_name',
        'storage_account_ids',
        'subscription_id',
        'vnet_id',
        'vnet_name',
      ]);
      expect(ops.output!.storage_account_ids.value).toEqual({
        raw: account('raw'),
        enriched: account('enr'),
        workspace: account('work'),
        external: account('ext'),
      });
      expect(ops.output!.data_locations.value).toEqual({
        telemetry: container('enr', 'di-telemetry'),
        'cloud-accounts': container('enr', 'di-cloud-accounts'),
        'cloud-service-recommender': container('work', 'dp-cloud-service-recommender'),
        'recommender-revenue': container('work', 'dp-recommender-revenue'),
      });
    });
  });

  it('guards every data store against destroy, and nothing else', () => {
    const guarded = Object.entries(ops.resource!).flatMap(([type, byId]) =>
      Object.values(byId)
        .filter((r: any) => r.lifecycle?.prevent_destroy)
        .map(() => type),
    );
    // Factories and workspaces hold authored pipelines and notebooks; containers hold the data itself.
    expect(guarded.sort()).toEqual([
      'azurerm_data_factory',
      ...Array(2).fill('azurerm_databricks_workspace'),
      ...Array(2).fill('azurerm_key_vault'),
      ...Array(2).fill('azurerm_mssql_database'),
      'azurerm_mssql_server',
      ...Array(4).fill('azurerm_storage_account'),
      ...Array(10).fill('azurerm_storage_container'),
      'azurerm_synapse_workspace',
    ]);
  });

  it('registers every private endpoint in a zone the management zone hosts, through a zone group named default', () => {
    for (const zoneName of LANDING_ZONE_DNS_ZONES) expect(GLOBAL_PRIVATE_DNS_ZONES).toContain(zoneName);
    const endpoints = all(ops, 'azurerm_private_endpoint');
    expect(endpoints).toHaveLength(17);
    for (const pe of endpoints) {
      expect(pe.subnet_id).toBe(servicesSubnet);
      expect(pe.private_service_connection.is_manual_connection).toBe(false);
      expect(pe.private_dns_zone_group.name).toBe('default');
      const [zoneId] = pe.private_dns_zone_group.private_dns_zone_ids;
      expect(LANDING_ZONE_DNS_ZONES.map(dnsZone)).toContain(zoneId);
    }
  });

  it('names every new resource through the naming module (validated before synthesis)', () => {
    const made = new Set(estate.naming.names.map((n) => n.name));
    // Peerings, NSG rules and routes keep names made before this issue.
    const exempt = new Set(['azurerm_virtual_network_peering', 'azurerm_network_security_rule', 'azurerm_route']);
    // The data integrations' and products' resources too.
    for (const [type, byId] of Object.entries(opsWithItems.resource!)) {
      if (exempt.has(type)) continue;
      for (const resource of Object.values(byId) as any[]) {
        if (typeof resource.name === 'string' && !resource.name.startsWith('${')) expect([type, made.has(resource.name)]).toEqual([type, true]);
      }
    }
  });

  it('tags the new resources with the estate tags and the zone', () => {
    for (const type of [
      'azurerm_storage_account',
      'azurerm_key_vault',
      'azurerm_mssql_server',
      'azurerm_data_factory',
      'azurerm_databricks_workspace',
      'azurerm_synapse_workspace',
    ]) {
      for (const resource of all(ops, type)) expect(resource.tags).toMatchObject({ estate: 'relecloud', zone: 'operations', 'managed-by': 'csa-estate' });
    }
  });

  it('manages storage through Azure Resource Manager only (provider feature data_plane_available = false)', () => {
    const provider = ops.provider!.azurerm.find((p) => !p.alias)!;
    expect(provider).toMatchObject({ storage_use_azuread: true, features: [{ storage: [{ data_plane_available: false }] }] });
  });

  it('has the resource counts documented in docs/landing-zone.md', () => {
    expect(countsByType(ops)).toEqual({
      azurerm_resource_group: 13,
      azurerm_virtual_network: 1,
      azurerm_subnet: 10,
      azurerm_network_security_group: 2,
      azurerm_subnet_network_security_group_association: 10,
      azurerm_route_table: 1,
      azurerm_route: 1,
      azurerm_subnet_route_table_association: 10,
      azurerm_virtual_network_peering: 2,
      azurerm_storage_account: 4,
      azurerm_storage_management_policy: 4,
      azurerm_storage_container: 10,
      azurerm_key_vault: 2,
      azurerm_user_assigned_identity: 1,
      azurerm_mssql_server: 1,
      azurerm_mssql_database: 2,
      azurerm_mssql_server_extended_auditing_policy: 1,
      azurerm_databricks_workspace: 2,
      azurerm_data_factory: 1,
      azurerm_data_factory_integration_runtime_azure: 1,
      azurerm_data_factory_managed_private_endpoint: 9,
      azurerm_synapse_workspace: 1,
      azurerm_synapse_workspace_aad_admin: 1,
      azurerm_private_endpoint: 17,
      azurerm_role_assignment: 13,
      azurerm_monitor_diagnostic_setting: 20,
    });
  });
});

describe('shared services toggles', () => {
  it('leaves Databricks out of billing (databricks: false): no workspace, no subnets, no grant for it', () => {
    const billing = zoneOnly(synth(loadShippedEstate('relecloud')).stacks['dlz-billing']);
    expect(all(billing, 'azurerm_databricks_workspace')).toEqual([]);
    expect(all(billing, 'azurerm_private_endpoint').some((pe) => pe.private_service_connection.subresource_names[0] === 'databricks_ui_api')).toBe(false);
    expect(all(billing, 'azurerm_role_assignment').some((a) => a.scope.includes('azurerm_databricks_workspace'))).toBe(false);
    expect(all(billing, 'azurerm_data_factory')).toHaveLength(1);
    expect(all(billing, 'azurerm_synapse_workspace')).toHaveLength(1);
  });

  it('leaves Data Factory and Synapse out when switched off, with their endpoints and grants', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].sharedServices = { dataFactory: false, synapse: false };
    estate.landingZones[0].dataIntegrations[0].engine = 'databricks';
    estate.landingZones[0].dataProducts[0].engine = 'databricks';
    const sales = zoneOnly(synth(estate).stacks['dlz-sales']);
    for (const type of [
      'azurerm_data_factory',
      'azurerm_data_factory_managed_private_endpoint',
      'azurerm_synapse_workspace',
      'azurerm_synapse_workspace_aad_admin',
    ]) {
      expect([type, all(sales, type)]).toEqual([type, []]);
    }
    // Purview's eight grants remain.
    expect(all(sales, 'azurerm_role_assignment')).toHaveLength(8);
    expect(all(sales, 'azurerm_private_endpoint')).toHaveLength(7 + 2 + 1 + 2);
  });

  it('adds a private, key-less Event Hub namespace when eventHub is on', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].sharedServices = { eventHub: true };
    const sales = zoneOnly(synth(estate).stacks['dlz-sales']);
    const namespace = one(sales, 'azurerm_eventhub_namespace');
    expect(namespace).toMatchObject({
      sku: 'Standard',
      local_authentication_enabled: false,
      public_network_access_enabled: false,
      minimum_tls_version: '1.2',
      identity: { type: 'SystemAssigned' },
      network_rulesets: [
        { default_action: 'Deny', public_network_access_enabled: false, trusted_service_access_enabled: false, ip_rule: [], virtual_network_rule: [] },
      ],
      resource_group_name: ref(sales, 'azurerm_resource_group', { name: 'rg-adatum-prd-sales-shared-integration' }, 'name'),
    });
    expect(namespace.name).toMatch(/^evhns-adatum-prd-sales-[0-9a-z]{4}$/);
    const pe = findResource(sales, 'azurerm_private_endpoint', { name: 'pe-adatum-prd-sales-evhns' });
    expect(pe.private_service_connection).toMatchObject({
      private_connection_resource_id: ref(sales, 'azurerm_eventhub_namespace', { name: namespace.name }),
      subresource_names: ['namespace'],
    });
    expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.servicebus.windows.net')]);
    expect(
      findResource(sales, 'azurerm_monitor_diagnostic_setting', { target_resource_id: ref(sales, 'azurerm_eventhub_namespace', { name: namespace.name }) }),
    ).toBeDefined();
  });

  describe('self-hosted integration runtime', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].sharedServices = { selfHostedIntegrationRuntime: true };
    const sales = zoneOnly(synth(estate).stacks['dlz-sales']);
    const runtimeFactory = () => Object.entries(resources(sales, 'azurerm_data_factory')).find(([, f]) => f.name.includes('-runtime-'))!;
    const integrationFactory = () => Object.entries(resources(sales, 'azurerm_data_factory')).find(([, f]) => f.name.includes('-integration-'))!;

    it('hosts the runtime in a private runtime factory in the runtimes group, on private hosts, with no key in any secret or output', () => {
      const [, runtime] = runtimeFactory();
      expect(runtime).toMatchObject({
        public_network_enabled: false,
        identity: { type: 'SystemAssigned' },
        purview_id: hub('purview_account_id'),
        resource_group_name: ref(sales, 'azurerm_resource_group', { name: 'rg-adatum-prd-sales-runtimes' }, 'name'),
      });
      const [id] = runtimeFactory();
      const hosted = all(sales, 'azurerm_data_factory_integration_runtime_self_hosted').find((r) => r.data_factory_id === `\${azurerm_data_factory.${id}.id}`)!;
      expect(hosted).toMatchObject({ name: 'ir-self-hosted' });
      expect(hosted.rbac_authorization).toBeUndefined();
      // The hosts are a Windows scale set without public IPs or load balancer (__tests__/self-hosted-runtime-hosts.test.ts).
      expect(Object.keys(sales.resource!).filter((t) => /virtual_machine|_lb|key_vault_secret|public_ip/.test(t))).toEqual([
        'azurerm_windows_virtual_machine_scale_set',
      ]);
      expect(JSON.stringify(sales.output ?? {})).not.toMatch(/authorization_key/);
      const endpoints = privateEndpointsTo(sales, `\${azurerm_data_factory.${id}.id}`);
      expect(endpoints.map((pe) => pe.private_service_connection.subresource_names[0]).sort()).toEqual(['dataFactory', 'portal']);
    });

    it('shares it with the integration factory: Contributor on the runtime, then a linked runtime', () => {
      const [runtimeId] = runtimeFactory();
      const [integrationId] = integrationFactory();
      const hostedRef = ref(sales, 'azurerm_data_factory_integration_runtime_self_hosted', { data_factory_id: `\${azurerm_data_factory.${runtimeId}.id}` });
      // The hosts' identity also holds a role on the runtime (to fetch its key); the factory's is Contributor.
      const sharing = findResource(sales, 'azurerm_role_assignment', {
        scope: hostedRef,
        principal_id: `\${azurerm_data_factory.${integrationId}.identity[0].principal_id}`,
      });
      expect(sharing).toMatchObject({
        principal_id: `\${azurerm_data_factory.${integrationId}.identity[0].principal_id}`,
        role_definition_id: roleId('10000000-0000-0000-0000-000000000002', 'Contributor'),
      });
      const linked = findResource(sales, 'azurerm_data_factory_integration_runtime_self_hosted', {
        data_factory_id: `\${azurerm_data_factory.${integrationId}.id}`,
      });
      expect(linked).toMatchObject({ name: 'ir-self-hosted', rbac_authorization: [{ resource_id: hostedRef }] });
      const sharingAddress = ref(sales, 'azurerm_role_assignment', { scope: hostedRef, principal_id: sharing.principal_id }).replace(/^\$\{(.*)\.id\}$/, '$1');
      expect(linked.depends_on).toEqual([sharingAddress]);
    });
  });

  it('keeps the runtime factory when Data Factory is off, with nothing to share it with', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].sharedServices = { dataFactory: false, selfHostedIntegrationRuntime: true };
    estate.landingZones[0].dataIntegrations[0].engine = 'databricks';
    estate.landingZones[0].dataProducts[0].engine = 'databricks';
    const sales = zoneOnly(synth(estate).stacks['dlz-sales']);
    expect(all(sales, 'azurerm_data_factory').map((f) => f.name)).toEqual([expect.stringMatching(/^adf-adatum-prd-sales-runtime-/)]);
    expect(all(sales, 'azurerm_data_factory_integration_runtime_self_hosted')).toHaveLength(1);
  });
});

describe('data landing zone variations', () => {
  it('uses LRS where the region has no availability zones', () => {
    const estate = loadShippedEstate('adatum');
    estate.location = 'westus';
    const sales = zoneOnly(synth(estate).stacks['dlz-sales']);
    for (const lake of all(sales, 'azurerm_storage_account')) expect(lake.account_replication_type).toBe('LRS');
  });

  it('names the compact key vaults from the zone code, within 24 characters at the tightest valid shortName', () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[0].shortName = 'operati'; // 7: the longest that fits the lakes
    const ops = zoneOnly(synth(estate).stacks['dlz-operations']);
    for (const kv of all(ops, 'azurerm_key_vault')) expect(kv.name).toMatch(/^relecloudoperati(kvdi|kvhm)[0-9a-z]{4}$/);
    for (const kv of all(ops, 'azurerm_key_vault')) expect(kv.name.length).toBeLessThanOrEqual(24);
  });

  it('gives each data product of adatum its own container and resource group, keyed by name', () => {
    const sales = synth(loadShippedEstate('adatum')).stacks['dlz-sales'];
    expect(
      all(sales, 'azurerm_storage_container')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['data', 'data', 'data', 'data', 'di-sales-ingest', 'di-sales-ingest', 'dp-sales-analytics']);
    expect(Object.keys(sales.output!.data_locations.value as object).sort()).toEqual(['sales-analytics', 'sales-ingest']);
    expect(all(sales, 'azurerm_resource_group').map((g) => g.name)).toEqual(
      expect.arrayContaining(['rg-adatum-prd-sales-di-sales-ingest', 'rg-adatum-prd-sales-dp-sales-analytics']),
    );
  });

  it('adds an appended integration without touching the addresses of the existing ones', () => {
    const base = loadShippedEstate('adatum');
    const extended = loadShippedEstate('adatum');
    extended.landingZones[0].dataIntegrations.push({ name: 'web-clicks', sources: ['web-analytics'], engine: 'data-factory' });
    const before = synth(base).stacks['dlz-sales'];
    const after = synth(extended).stacks['dlz-sales'];
    for (const [type, byId] of Object.entries(before.resource!)) {
      for (const id of Object.keys(byId)) expect([type, id, after.resource![type]?.[id] !== undefined]).toEqual([type, id, true]);
    }
    expect(all(after, 'azurerm_storage_container').filter((c) => c.name === 'di-web-clicks')).toHaveLength(2);
  });
});

describe('naming rules of the landing zone services', () => {
  it.each<[ResourceKind, string]>([
    ['dataFactory', 'adf-relecloud-prd-operations-integration-szr8'],
    ['integrationRuntime', 'AutoResolveIntegrationRuntime'],
    ['integrationRuntime', 'ir-self-hosted'],
    ['managedPrivateEndpoint', 'vault_integration'],
    ['databricksWorkspace', 'dbw-relecloud-prd-operations-integration'],
    ['synapseWorkspace', 'synw-relecloud-prd-operations-szr8'],
    ['sqlServer', 'sql-relecloud-prd-operations-szr8'],
    ['sqlDatabase', 'HiveMetastoreDb'],
    ['eventHubNamespace', 'evhns-relecloud-prd-operations-szr8'],
    ['storageContainer', 'di-cloud-accounts'],
  ])('accepts a valid %s name: %s', (kind, name) => {
    expect(namingProblem(kind, name)).toBeUndefined();
  });

  it.each<[ResourceKind, string]>([
    ['dataFactory', 'adf--double'],
    ['integrationRuntime', '-ir'],
    ['managedPrivateEndpoint', 'raw-dfs'],
    ['databricksWorkspace', 'dbw.x'],
    ['synapseWorkspace', 'synw-estate-prd-ondemand-x'],
    ['synapseWorkspace', 'Synw-upper'],
    ['sqlServer', 'sql-Upper'],
    ['sqlServer', 'sql-trailing-'],
    ['sqlDatabase', 'db/name'],
    ['eventHubNamespace', 'evhns-estate-sb'],
    ['eventHubNamespace', 'evhns-estate-mgmt'],
    ['eventHubNamespace', '1evhns-estate'],
    ['storageContainer', 'di--double'],
    ['storageContainer', 'Data'],
  ])('rejects a %s name Azure rejects: %s', (kind, name) => {
    expect(namingProblem(kind, name)).toBe(`must contain only ${NAMING_RULES[kind].charset}`);
  });

  it.each<[ResourceKind, number]>([
    ['dataFactory', 63],
    ['synapseWorkspace', 50],
    ['sqlServer', 63],
    ['eventHubNamespace', 50],
    ['databricksWorkspace', 64],
    ['storageContainer', 63],
  ])('limits %s names to %i characters', (kind, max) => {
    expect(NAMING_RULES[kind].maxLength).toBe(max);
    expect(namingProblem(kind, 'a'.repeat(max + 1))).toMatch(/^is \d+ characters/);
  });

  it('fails validation, before anything is synthesized, when a zone name makes an invalid Synapse name', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].name = 'ondemand';
    expect(() => validateEstate(estate)).toThrow(
      /landingZones\[0\]\.name: derived synapseWorkspace name "synw-adatum-prd-ondemand-[0-9a-z]{4}" must contain only/,
    );
  });
});
