import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { synthScope } from './helpers/testing-app';
import { LANDING_ZONE_DNS_ZONES } from '../lib/constructs/shared/management-zone-links';
import { GLOBAL_PRIVATE_DNS_ZONES, privateDnsZoneNames } from '../lib/catalog/private-dns-zones';
import { DataProduct } from '../lib/constructs/data-product/data-product';
import { validateEstate } from '../lib/estate/load';
import { inputsPlacedIn } from '../lib/estate/input-plan';
import { DataProductNameInput, dataProductNames, EngineKind } from '../lib/naming/item-names';
import { EstateNaming } from '../lib/naming/naming';
import { all, dnsZone, findResource, grants, hub, itemResources, pathOf, privateEndpointsTo, ref, remoteOutputs, roleId } from './helpers/stack-query';
import { generatedEstate, loadShippedEstate, StackJson, synth } from './helpers/synth';

/**
 * Data products (issue #6): per template (reference sections C, D, E) and engine, each in
 * its own resource group and subnet with its own identity; and the read grants of their
 * inputs, within a zone and across zones (spec section 3: in the later zone's stack).
 */

const OPS = remoteOutputs('dlz-operations');
const MGMT_SUB = '00000000-0000-0000-0000-000000000001';
const OPS_SUB = '00000000-0000-0000-0000-000000000002';
const BILLING_SUB = '00000000-0000-0000-0000-000000000003';

const ofItem = (stack: StackJson, type: string, item: string) => itemResources(stack, type, 'data-products', item);
const oneOf = (stack: StackJson, type: string, item: string) => {
  const found = ofItem(stack, type, item);
  if (found.length !== 1) throw new Error(`expected one ${type} of ${item}, found ${found.length}`);
  return found[0];
};
const grantsOf = (stack: StackJson, item: string) => grants(ofItem(stack, 'azurerm_role_assignment', item));
const inputGrants = (stack: StackJson) =>
  Object.fromEntries(
    all(stack, 'azurerm_role_assignment')
      .filter((a) => /\/input-grants\//.test(pathOf(a)))
      .map((a) => [
        pathOf(a)
          .split('/input-grants/')[1]
          .replace(/\/assignment$/, ''),
        a,
      ]),
  );

describe('data products of relecloud', () => {
  const estate = validateEstate(loadShippedEstate('relecloud'));
  const suffix = estate.naming.suffix;
  const { manifest, stacks } = synth(loadShippedEstate('relecloud'));
  const ops = stacks['dlz-operations'];
  const billing = stacks['dlz-billing'];
  const opsNames = estate.landingZones[0].names.dataProducts;
  const rg = (stack: StackJson, name: string) => ref(stack, 'azurerm_resource_group', { name }, 'name');
  const identity = (stack: StackJson, name: string, attribute = 'principal_id') => ref(stack, 'azurerm_user_assigned_identity', { name }, attribute);
  const subnet = (stack: StackJson, name: string) => ref(stack, 'azurerm_subnet', { name });
  const container = (stack: StackJson, account: string, name: string) =>
    ref(stack, 'azurerm_storage_container', { name, storage_account_id: ref(stack, 'azurerm_storage_account', { name: account }) });

  describe('every product', () => {
    it.each([
      ['dlz-operations', 'operations', 'cloud-service-recommender', 'relecloudopswork', OPS_SUB],
      ['dlz-operations', 'operations', 'recommender-revenue', 'relecloudopswork', OPS_SUB],
      ['dlz-billing', 'billing', 'revenue-by-service', 'relecloudbillingwork', BILLING_SUB],
    ])(
      '%s/%s: own identity and group, a private vault, its identity writes its own container and reads its vault',
      (stackName, zone, item, workspaceLake, subscription) => {
        const stack = stacks[stackName];
        const principal = identity(stack, `id-relecloud-prd-${zone}-${item}`);
        expect(findResource(stack, 'azurerm_user_assigned_identity', { name: `id-relecloud-prd-${zone}-${item}` })).toMatchObject({
          resource_group_name: rg(stack, `rg-relecloud-prd-${zone}-dp-${item}`),
          tags: expect.objectContaining({ dataProduct: item }),
        });
        const vault = oneOf(stack, 'azurerm_key_vault', item);
        expect(vault).toMatchObject({
          rbac_authorization_enabled: true,
          purge_protection_enabled: true,
          soft_delete_retention_days: 90,
          public_network_access_enabled: false,
          resource_group_name: rg(stack, `rg-relecloud-prd-${zone}-dp-${item}`),
          lifecycle: { prevent_destroy: true },
          tags: expect.objectContaining({ dataProduct: item, zone }),
        });
        expect(vault.name.length).toBeLessThanOrEqual(24);
        expect(grantsOf(stack, item)).toEqual(
          expect.arrayContaining([
            [principal, roleId(subscription, 'Storage Blob Data Contributor'), container(stack, `${workspaceLake}${suffix}`, `dp-${item}`)],
            [principal, roleId(subscription, 'Key Vault Secrets User'), ref(stack, 'azurerm_key_vault', { name: vault.name })],
          ]),
        );
      },
    );

    it('registers every product endpoint from the product subnet in a zone the management zone hosts', () => {
      for (const zoneName of LANDING_ZONE_DNS_ZONES) expect(GLOBAL_PRIVATE_DNS_ZONES).toContain(zoneName);
      for (const [stack, zone, items] of [
        [ops, 'operations', ['cloud-service-recommender', 'recommender-revenue']],
        [billing, 'billing', ['revenue-by-service']],
      ] as const) {
        for (const item of items) {
          const endpoints = ofItem(stack, 'azurerm_private_endpoint', item);
          expect(endpoints.length).toBeGreaterThan(0);
          for (const pe of endpoints) {
            expect(pe.subnet_id).toBe(subnet(stack, `snet-dp-${item}`));
            expect(pe.private_dns_zone_group.name).toBe('default');
            for (const zoneId of pe.private_dns_zone_group.private_dns_zone_ids) {
              expect([...LANDING_ZONE_DNS_ZONES].map(dnsZone)).toContain(zoneId);
            }
            expect(pe.name).toMatch(new RegExp(`^pe-relecloud-prd-${zone}-${item}-`));
          }
        }
      }
    });

    it('guards every data-bearing product resource against destroy', () => {
      const guarded = (stack: StackJson, item: string) =>
        Object.entries(stack.resource!)
          .flatMap(([type, byId]) =>
            Object.values(byId)
              .filter((r: any) => pathOf(r).includes(`/data-products/${item}/`) && r.lifecycle?.prevent_destroy)
              .map(() => type),
          )
          .sort();
      expect(guarded(ops, 'cloud-service-recommender')).toEqual([
        'azurerm_container_registry',
        'azurerm_data_factory',
        'azurerm_key_vault',
        'azurerm_machine_learning_workspace',
        'azurerm_storage_account',
      ]);
      expect(guarded(ops, 'recommender-revenue')).toEqual(['azurerm_key_vault', 'azurerm_mssql_database', 'azurerm_mssql_server']);
      expect(guarded(billing, 'revenue-by-service')).toEqual(['azurerm_key_vault', 'azurerm_mssql_database', 'azurerm_mssql_server']);
    });

    it('deploys alerts only for products whose team gave an address (billing revenue-by-service), as the reference', () => {
      const alertTypes = (stack: StackJson) =>
        Object.keys(stack.resource!)
          .filter((t) => t.startsWith('azurerm_monitor_') && t !== 'azurerm_monitor_diagnostic_setting')
          .sort();
      expect(alertTypes(ops)).toEqual([]);
      expect(alertTypes(billing)).toEqual(['azurerm_monitor_action_group', 'azurerm_monitor_metric_alert']);
    });
  });

  describe('template batch on synapse (recommender-revenue, revenue-by-service)', () => {
    it.each([
      ['dlz-operations', 'operations', 'recommender-revenue', OPS_SUB],
      ['dlz-billing', 'billing', 'revenue-by-service', BILLING_SUB],
    ])('%s/%s: an Entra-ID-only SQL database on its own private server, administered by the product identity', (stackName, zone, item) => {
      const stack = stacks[stackName];
      const admin = (attribute: string) => identity(stack, `id-relecloud-prd-${zone}-${item}`, attribute);
      const server = oneOf(stack, 'azurerm_mssql_server', item);
      expect(server).toMatchObject({
        name: `sql-relecloud-prd-${zone}-dp-${item}-${suffix}`,
        version: '12.0',
        minimum_tls_version: '1.2',
        public_network_access_enabled: false,
        outbound_network_restriction_enabled: true,
        identity: { type: 'SystemAssigned' },
        azuread_administrator: {
          azuread_authentication_only: true,
          login_username: admin('name'),
          object_id: admin('principal_id'),
          tenant_id: admin('tenant_id'),
        },
        resource_group_name: rg(stack, `rg-relecloud-prd-${zone}-dp-${item}`),
        lifecycle: { prevent_destroy: true },
      });
      for (const secret of ['administrator_login', 'administrator_login_password', 'administrator_login_password_wo']) expect(server[secret]).toBeUndefined();
      const serverRef = ref(stack, 'azurerm_mssql_server', { name: server.name });
      expect(oneOf(stack, 'azurerm_mssql_database', item)).toMatchObject({
        name: item,
        server_id: serverRef,
        sku_name: 'Basic',
        storage_account_type: 'Geo',
        lifecycle: { prevent_destroy: true },
      });
      const pe = findResource(stack, 'azurerm_private_endpoint', { name: `pe-relecloud-prd-${zone}-${item}-sql` });
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: serverRef, subresource_names: ['sqlServer'] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.database.windows.net')]);
      expect(oneOf(stack, 'azurerm_mssql_server_extended_auditing_policy', item)).toMatchObject({
        server_id: serverRef,
        enabled: true,
        log_monitoring_enabled: true,
      });
      const targets = ofItem(stack, 'azurerm_monitor_diagnostic_setting', item).map((d) => d.target_resource_id);
      expect(targets).toEqual(expect.arrayContaining([`${serverRef}/databases/master`, ref(stack, 'azurerm_mssql_database', { server_id: serverRef })]));
    });

    it.each([
      ['dlz-operations', 'recommender-revenue'],
      ['dlz-billing', 'revenue-by-service'],
    ])('%s/%s: runs on a dedicated Spark pool in the shared workspace, tagged with the product', (stackName, item) => {
      const stack = stacks[stackName];
      const pool = oneOf(stack, 'azurerm_synapse_spark_pool', item);
      expect(pool).toMatchObject({ spark_version: '3.5', auto_pause: { delay_in_minutes: 15 }, tags: expect.objectContaining({ dataProduct: item }) });
      expect(pool.synapse_workspace_id).toMatch(/^\$\{azurerm_synapse_workspace\.landing-zone_shared-product_synapse_workspace_[0-9A-F]+\.id\}$/);
      expect(ofItem(stack, 'azurerm_data_factory', item)).toEqual([]);
    });
  });

  describe('template analytics with serving: aks (cloud-service-recommender)', () => {
    const item = 'cloud-service-recommender';
    const names = opsNames[item];
    const ml = names.machineLearning!;
    const productGroup = () => rg(ops, `rg-relecloud-prd-operations-dp-${item}`);
    const productSubnet = () => subnet(ops, `snet-dp-${item}`);
    const principal = () => identity(ops, `id-relecloud-prd-operations-${item}`);
    const workspaceRef = (attribute = 'id') => ref(ops, 'azurerm_machine_learning_workspace', { name: ml.workspace }, attribute);
    const storageRef = () => ref(ops, 'azurerm_storage_account', { name: ml.storageAccount });
    const registryRef = () => ref(ops, 'azurerm_container_registry', { name: ml.containerRegistry });

    it('runs an Azure ML workspace with public access off, in the landing zone network, never destroyed', () => {
      expect(findResource(ops, 'azurerm_machine_learning_workspace', { name: 'mlw-cloud-service-recommender' })).toMatchObject({
        resource_group_name: productGroup(),
        public_network_access_enabled: false,
        high_business_impact: true,
        v1_legacy_mode_enabled: false,
        identity: { type: 'SystemAssigned' },
        managed_network: { isolation_mode: 'Disabled' },
        serverless_compute: { subnet_id: productSubnet(), public_ip_enabled: false },
        image_build_compute_name: 'cpu-cluster',
        storage_account_id: storageRef(),
        container_registry_id: registryRef(),
        key_vault_id: ref(ops, 'azurerm_key_vault', { name: names.keyVault.name }),
        application_insights_id: ref(ops, 'azurerm_application_insights', { name: ml.applicationInsights }),
        lifecycle: { prevent_destroy: true },
      });
    });

    it("gives it its own storage with the lakes' contract (shared keys on for Azure ML's default datastores), blob and file endpoints", () => {
      expect(ml.storageAccount).toMatch(new RegExp(`^relecloudops[0-9a-z]{3}s${suffix}$`));
      expect(findResource(ops, 'azurerm_storage_account', { name: ml.storageAccount })).toMatchObject({
        is_hns_enabled: false,
        shared_access_key_enabled: true,
        allow_nested_items_to_be_public: false,
        min_tls_version: 'TLS1_2',
        network_rules: { default_action: 'Deny' },
        resource_group_name: productGroup(),
        lifecycle: { prevent_destroy: true },
      });
      const endpoints = privateEndpointsTo(ops, storageRef());
      expect(endpoints.map((pe) => [pe.private_service_connection.subresource_names[0], pe.private_dns_zone_group.private_dns_zone_ids]).sort()).toEqual([
        ['blob', [dnsZone('privatelink.blob.core.windows.net')]],
        ['file', [dnsZone('privatelink.file.core.windows.net')]],
      ]);
    });

    it('gives it a Premium registry: no admin user, no anonymous pull, private only, never destroyed', () => {
      expect(findResource(ops, 'azurerm_container_registry', { name: ml.containerRegistry })).toMatchObject({
        sku: 'Premium',
        admin_enabled: false,
        anonymous_pull_enabled: false,
        public_network_access_enabled: false,
        network_rule_bypass_option: 'None',
        lifecycle: { prevent_destroy: true },
      });
      const pe = findResource(ops, 'azurerm_private_endpoint', { name: ml.privateEndpoints.registry });
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: registryRef(), subresource_names: ['registry'] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.azurecr.io')]);
    });

    it('sends Application Insights (workspace-based) to the management zone Log Analytics workspace', () => {
      expect(findResource(ops, 'azurerm_application_insights', { name: ml.applicationInsights })).toMatchObject({
        application_type: 'web',
        workspace_id: hub('log_analytics_workspace_id'),
        internet_query_enabled: false,
      });
    });

    it('reaches the workspace through one amlworkspace endpoint registered in the API and notebooks zones', () => {
      const pe = findResource(ops, 'azurerm_private_endpoint', { name: ml.privateEndpoints.workspace });
      expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: workspaceRef(), subresource_names: ['amlworkspace'] });
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.api.azureml.ms'), dnsZone('privatelink.notebooks.azure.net')]);
    });

    it('runs a CPU cluster in the product subnet, without public IPs or local auth, as the product identity', () => {
      expect(findResource(ops, 'azurerm_machine_learning_compute_cluster', { name: 'cpu-cluster' })).toMatchObject({
        machine_learning_workspace_id: workspaceRef(),
        subnet_resource_id: productSubnet(),
        node_public_ip_enabled: false,
        local_auth_enabled: false,
        ssh_public_access_enabled: false,
        vm_priority: 'Dedicated',
        scale_settings: { min_node_count: 0, max_node_count: 4, scale_down_nodes_after_idle_duration: 'PT120S' },
        identity: { type: 'UserAssigned', identity_ids: [identity(ops, `id-relecloud-prd-operations-${item}`, 'id')] },
      });
    });

    it('serves from a private AKS cluster in the product subnet: Entra ID with Azure RBAC, local accounts for the Azure ML attach, Azure CNI, egress through the firewall', () => {
      const serving = names.serving!;
      const cluster = findResource(ops, 'azurerm_kubernetes_cluster', { name: serving.cluster });
      expect(cluster).toMatchObject({
        resource_group_name: productGroup(),
        node_resource_group: `rg-relecloud-prd-operations-dp-${item}-aks-managed`,
        dns_prefix: serving.dnsPrefix,
        private_cluster_enabled: true,
        private_cluster_public_fqdn_enabled: false,
        private_dns_zone_id: dnsZone('privatelink.westeurope.azmk8s.io'),
        local_account_disabled: false,
        role_based_access_control_enabled: true,
        azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
        identity: { type: 'UserAssigned', identity_ids: [identity(ops, serving.identity, 'id')] },
        kubelet_identity: {
          user_assigned_identity_id: identity(ops, serving.kubeletIdentity, 'id'),
          object_id: identity(ops, serving.kubeletIdentity),
          client_id: identity(ops, serving.kubeletIdentity, 'client_id'),
        },
        sku_tier: 'Standard',
        default_node_pool: { vnet_subnet_id: productSubnet(), node_public_ip_enabled: false, min_count: 3, zones: ['1', '2', '3'] },
        network_profile: { network_plugin: 'azure', outbound_type: 'userDefinedRouting', service_cidr: '172.16.0.0/16', dns_service_ip: '172.16.0.10' },
      });
      expect(privateDnsZoneNames('westeurope')).toContain('privatelink.westeurope.azmk8s.io');
      // The service range lies outside the estate's address pool (10.0.0.0/8): no estate network is shadowed.
      expect(estate.network.addressPool).toBe('10.0.0.0/8');
    });

    it('grants the cluster identity DNS in the management zone (its provider and subscription) and the subnet, before the cluster exists', () => {
      const serving = names.serving!;
      const control = identity(ops, serving.identity);
      const dns = all(ops, 'azurerm_role_assignment').find((a) => a.scope === dnsZone('privatelink.westeurope.azmk8s.io'))!;
      expect(dns).toMatchObject({ principal_id: control, role_definition_id: roleId(MGMT_SUB, 'Private DNS Zone Contributor'), provider: 'azurerm.dmlz' });
      expect(grantsOf(ops, item)).toEqual(
        expect.arrayContaining([
          [control, roleId(OPS_SUB, 'Network Contributor'), productSubnet()],
          [control, roleId(OPS_SUB, 'Managed Identity Operator'), identity(ops, serving.kubeletIdentity, 'id')],
          [identity(ops, serving.kubeletIdentity), roleId(OPS_SUB, 'AcrPull'), registryRef()],
        ]),
      );
      const cluster = findResource(ops, 'azurerm_kubernetes_cluster', { name: serving.cluster });
      // Its four grants, and its subnet's route table association (userDefinedRouting: model-serving.test.ts).
      expect(cluster.depends_on).toHaveLength(5);
      for (const dependency of cluster.depends_on) expect(dependency).toMatch(/^azurerm_(role_assignment|subnet_route_table_association)\./);
    });

    it('attaches the cluster to the workspace as its inference target (FastProd in prod)', () => {
      expect(findResource(ops, 'azurerm_machine_learning_inference_cluster', { name: 'aks-serving' })).toMatchObject({
        machine_learning_workspace_id: workspaceRef(),
        kubernetes_cluster_id: ref(ops, 'azurerm_kubernetes_cluster', { name: names.serving!.cluster }),
        cluster_purpose: 'FastProd',
        location: 'westeurope',
      });
    });

    it('grants the workspace identity-based access to its storage and vault, and the product identity its datastores and images', () => {
      const workspaceIdentity = workspaceRef('identity[0].principal_id');
      expect(grantsOf(ops, item)).toEqual(
        expect.arrayContaining([
          [workspaceIdentity, roleId(OPS_SUB, 'Storage Blob Data Contributor'), storageRef()],
          [workspaceIdentity, roleId(OPS_SUB, 'Storage File Data Privileged Contributor'), storageRef()],
          [workspaceIdentity, roleId(OPS_SUB, 'Key Vault Secrets Officer'), ref(ops, 'azurerm_key_vault', { name: names.keyVault.name })],
          [principal(), roleId(OPS_SUB, 'Storage Blob Data Contributor'), storageRef()],
          [principal(), roleId(OPS_SUB, 'AcrPull'), registryRef()],
        ]),
      );
      // 2 every product has, 5 of Azure ML, 4 of the serving cluster, 1 zone admins' group on the cluster.
      expect(grantsOf(ops, item)).toHaveLength(12);
    });

    it('runs its pipelines on a dedicated factory (the template default) that reaches the workspace, the lakes, its vault and Purview', () => {
      const factory = oneOf(ops, 'azurerm_data_factory', item);
      expect(factory).toMatchObject({
        name: `adf-relecloud-prd-operations-dp-${item}-${suffix}`,
        public_network_enabled: false,
        managed_virtual_network_enabled: true,
      });
      const factoryRef = ref(ops, 'azurerm_data_factory', { name: factory.name });
      const targets = all(ops, 'azurerm_data_factory_managed_private_endpoint')
        .filter((m) => m.data_factory_id === factoryRef)
        .map((m) => [m.name, m.subresource_name]);
      expect(targets.sort()).toEqual([
        ['amlworkspace', 'amlworkspace'],
        ['enriched_dfs', 'dfs'],
        ['purview_account', 'account'],
        ['purview_blob', 'blob'],
        ['purview_namespace', 'namespace'],
        ['purview_queue', 'queue'],
        ['vault', 'vault'],
        ['workspace_dfs', 'dfs'],
      ]);
      expect(all(ops, 'azurerm_data_factory_managed_private_endpoint').find((m) => m.name === 'amlworkspace')!.target_resource_id).toBe(workspaceRef());
    });

    it('sends the workspace, registry, storage, vault, factory and cluster diagnostics to the management zone', () => {
      const settings = ofItem(ops, 'azurerm_monitor_diagnostic_setting', item);
      for (const setting of settings) expect(setting.log_analytics_workspace_id).toBe(hub('log_analytics_workspace_id'));
      const aks = settings.find((s) => s.target_resource_id === ref(ops, 'azurerm_kubernetes_cluster', { name: names.serving!.cluster }))!;
      expect(aks.enabled_log.map((l: any) => l.category)).toContain('kube-audit-admin');
      expect(settings).toHaveLength(7);
    });
  });

  describe('inputs: read grants, within a zone and across zones (spec section 3)', () => {
    it('grants within operations in its own stack: the recommender reads both integrations, recommender-revenue the recommender', () => {
      const reader = roleId(OPS_SUB, 'Storage Blob Data Reader');
      const enriched = `relecloudopsenr${suffix}`;
      const work = `relecloudopswork${suffix}`;
      const grants = inputGrants(ops);
      expect(Object.keys(grants).sort()).toEqual([
        'operations/cloud-service-recommender/operations/cloud-accounts',
        'operations/cloud-service-recommender/operations/telemetry',
        'operations/recommender-revenue/operations/cloud-service-recommender',
      ]);
      const recommender = identity(ops, 'id-relecloud-prd-operations-cloud-service-recommender');
      expect(grants['operations/cloud-service-recommender/operations/telemetry']).toMatchObject({
        principal_id: recommender,
        role_definition_id: reader,
        scope: container(ops, enriched, 'di-telemetry'),
      });
      expect(grants['operations/cloud-service-recommender/operations/cloud-accounts']).toMatchObject({
        principal_id: recommender,
        scope: container(ops, enriched, 'di-cloud-accounts'),
      });
      expect(grants['operations/recommender-revenue/operations/cloud-service-recommender']).toMatchObject({
        principal_id: identity(ops, 'id-relecloud-prd-operations-recommender-revenue'),
        role_definition_id: reader,
        scope: container(ops, work, 'dp-cloud-service-recommender'),
        principal_type: 'ServicePrincipal',
      });
    });

    it("grants both cross-zone inputs in dlz-billing, the later zone, reading operations' ids from its remote state", () => {
      const grants = inputGrants(billing);
      // billing/revenue-by-service reads operations/telemetry: billing's identity, operations' container (data_locations).
      expect(grants['billing/revenue-by-service/operations/telemetry']).toMatchObject({
        principal_id: identity(billing, 'id-relecloud-prd-billing-revenue-by-service'),
        scope: `\${${OPS}.data_locations.telemetry}`,
        role_definition_id: roleId(OPS_SUB, 'Storage Blob Data Reader'),
        principal_type: 'ServicePrincipal',
      });
      // Made by billing's own provider: a role assignment is addressed by its scope, in whatever subscription (docs/apply-time.md).
      expect(grants['billing/revenue-by-service/operations/telemetry'].provider).toBeUndefined();
      expect(billing.provider!.azurerm.map((p) => p.alias ?? '(default)')).toEqual(['(default)', 'dmlz']);
      // operations/recommender-revenue reads billing/revenue-by-service: operations' identity (identities), billing's container.
      expect(grants['operations/recommender-revenue/billing/revenue-by-service']).toMatchObject({
        principal_id: `\${${OPS}.identities["recommender-revenue"]}`,
        scope: container(billing, `relecloudbillingwork${suffix}`, 'dp-revenue-by-service'),
        role_definition_id: roleId(BILLING_SUB, 'Storage Blob Data Reader'),
        principal_type: 'ServicePrincipal',
      });
      expect(grants['operations/recommender-revenue/billing/revenue-by-service'].provider).toBeUndefined();
      expect(grants['billing/revenue-by-service/billing/invoices']).toMatchObject({ scope: container(billing, `relecloudbillingenr${suffix}`, 'di-invoices') });
      expect(Object.keys(grants)).toHaveLength(3);
    });

    it('puts nothing of either cross-zone input into operations, which reads no later zone', () => {
      expect(Object.keys(inputGrants(ops)).some((key) => key.includes('billing'))).toBe(false);
      expect(Object.keys(ops.data!.terraform_remote_state)).toEqual(['remote-state-dmlz']);
      expect(JSON.stringify(ops)).not.toContain('dlz-billing');
    });

    it("exports what the later zone reads: operations' identities and data locations", () => {
      expect(ops.output!.identities.value).toMatchObject({ 'recommender-revenue': identity(ops, 'id-relecloud-prd-operations-recommender-revenue') });
      expect(ops.output!.data_locations.value).toMatchObject({ telemetry: container(ops, `relecloudopsenr${suffix}`, 'di-telemetry') });
    });

    it('makes no stack depend on a later zone in the manifest', () => {
      // The zones in file order, then their peering stacks (topology peering, docs/topology.md).
      const order = ['dmlz', ...estate.landingZones.map((z) => z.stackName), ...estate.landingZones.map((z) => `peerings-${z.name}`)];
      expect(Object.keys(manifest.stacks).sort()).toEqual([...order].sort());
      for (const [stack, { dependencies }] of Object.entries(manifest.stacks)) {
        for (const dependency of dependencies) expect([stack, dependency, order.indexOf(dependency) < order.indexOf(stack)]).toEqual([stack, dependency, true]);
      }
      expect(manifest.stacks['dlz-billing'].dependencies.sort()).toEqual(['dlz-operations', 'dmlz']);
      expect(manifest.stacks['dlz-operations'].dependencies).toEqual(['dmlz']);
      for (const zone of estate.landingZones) expect(manifest.stacks[`peerings-${zone.name}`].dependencies).toEqual(['dlz-billing']);
    });

    it('places each grant in the later zone of its pair, the zone itself for same-zone inputs', () => {
      const placed = (zone: string) =>
        inputsPlacedIn(estate, zone).map((e) => `${e.consumer.zone}/${e.consumer.product} <- ${e.producer.zone}/${e.producer.item}`);
      expect(placed('operations')).toEqual([
        'operations/cloud-service-recommender <- operations/telemetry',
        'operations/cloud-service-recommender <- operations/cloud-accounts',
        'operations/recommender-revenue <- operations/cloud-service-recommender',
      ]);
      expect(placed('billing')).toEqual([
        'operations/recommender-revenue <- billing/revenue-by-service',
        'billing/revenue-by-service <- billing/invoices',
        'billing/revenue-by-service <- operations/telemetry',
      ]);
    });
  });
});

describe('data products of adatum (sales-analytics: batch, default engine data-factory)', () => {
  const { stacks } = synth(loadShippedEstate('adatum'));
  const sales = stacks['dlz-sales'];
  const item = 'sales-analytics';

  it('runs a dedicated private factory reaching the lakes, its vault, its SQL server and Purview', () => {
    const factory = oneOf(sales, 'azurerm_data_factory', item);
    expect(factory.name).toMatch(/^adf-adatum-prd-sales-dp-sales-analytics-[0-9a-z]{4}$/);
    const factoryRef = ref(sales, 'azurerm_data_factory', { name: factory.name });
    const mpes = all(sales, 'azurerm_data_factory_managed_private_endpoint').filter((m) => m.data_factory_id === factoryRef);
    expect(mpes.map((m) => m.name).sort()).toEqual([
      'enriched_dfs',
      'purview_account',
      'purview_blob',
      'purview_namespace',
      'purview_queue',
      'sql',
      'vault',
      'workspace_dfs',
    ]);
    expect(mpes.find((m) => m.name === 'sql')!.target_resource_id).toBe(
      ref(sales, 'azurerm_mssql_server', { name: oneOf(sales, 'azurerm_mssql_server', item).name }),
    );
    expect(findResource(sales, 'azurerm_data_factory_credential_user_managed_identity', { data_factory_id: factoryRef }).identity_id).toBe(
      ref(sales, 'azurerm_user_assigned_identity', { name: 'id-adatum-prd-sales-sales-analytics' }),
    );
  });

  it("reads sales-ingest's enriched container (same-zone input)", () => {
    const [grant] = Object.values(inputGrants(sales));
    expect(grant).toMatchObject({
      principal_id: ref(sales, 'azurerm_user_assigned_identity', { name: 'id-adatum-prd-sales-sales-analytics' }, 'principal_id'),
      scope: expect.stringMatching(/^\$\{azurerm_storage_container\.landing-zone_storage_enriched_containers_di-sales-ingest_[0-9A-F]+\.id\}$/),
      role_definition_id: roleId('10000000-0000-0000-0000-000000000002', 'Storage Blob Data Reader'),
    });
  });
});

describe('template and engine variants', () => {
  it('batch on databricks: an access connector with the product identity, no factory or pool', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataProducts[0].engine = 'databricks';
    const sales = synth(estate).stacks['dlz-sales'];
    expect(oneOf(sales, 'azurerm_databricks_access_connector', 'sales-analytics')).toMatchObject({
      name: 'dbac-adatum-prd-sales-sales-analytics',
      identity: { type: 'UserAssigned', identity_ids: [ref(sales, 'azurerm_user_assigned_identity', { name: 'id-adatum-prd-sales-sales-analytics' })] },
    });
    expect(ofItem(sales, 'azurerm_data_factory', 'sales-analytics')).toEqual([]);
    expect(ofItem(sales, 'azurerm_synapse_spark_pool', 'sales-analytics')).toEqual([]);
    expect(ofItem(sales, 'azurerm_mssql_server', 'sales-analytics')).toHaveLength(1);
  });

  describe('streaming (section E)', () => {
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].dataProducts.push({ name: 'sales-live', template: 'streaming', inputs: ['sales-ingest'] });
    const sales = synth(estate).stacks['dlz-sales'];
    const item = 'sales-live';
    const namespace = () => oneOf(sales, 'azurerm_eventhub_namespace', item);

    it('has its own Event Hub namespace: Entra ID only, private, TLS 1.2, never destroyed', () => {
      expect(namespace()).toMatchObject({
        sku: 'Standard',
        local_authentication_enabled: false,
        public_network_access_enabled: false,
        minimum_tls_version: '1.2',
        network_rulesets: [expect.objectContaining({ default_action: 'Deny', trusted_service_access_enabled: false })],
        resource_group_name: ref(sales, 'azurerm_resource_group', { name: 'rg-adatum-prd-sales-dp-sales-live' }, 'name'),
        lifecycle: { prevent_destroy: true },
      });
      expect(namespace().name).toMatch(/^evhns-adatum-prd-sales-dp-[0-9a-z]{3}-[0-9a-z]{4}$/);
      const pe = findResource(sales, 'azurerm_private_endpoint', { name: 'pe-adatum-prd-sales-sales-live-evhns' });
      expect(pe.subnet_id).toBe(ref(sales, 'azurerm_subnet', { name: 'snet-dp-sales-live' }));
      expect(pe.private_dns_zone_group.private_dns_zone_ids).toEqual([dnsZone('privatelink.servicebus.windows.net')]);
    });

    it('has one event hub its identity sends to and receives from, and a dedicated Spark pool (default engine synapse)', () => {
      const hubRef = ref(sales, 'azurerm_eventhub', { name: 'sales-live' });
      expect(findResource(sales, 'azurerm_eventhub', { name: 'sales-live' }).namespace_id).toBe(
        ref(sales, 'azurerm_eventhub_namespace', { name: namespace().name }),
      );
      const principal = ref(sales, 'azurerm_user_assigned_identity', { name: 'id-adatum-prd-sales-sales-live' }, 'principal_id');
      const sub = '10000000-0000-0000-0000-000000000002';
      expect(grantsOf(sales, item)).toEqual(
        expect.arrayContaining([
          [principal, roleId(sub, 'Azure Event Hubs Data Sender'), hubRef],
          [principal, roleId(sub, 'Azure Event Hubs Data Receiver'), hubRef],
        ]),
      );
      expect(oneOf(sales, 'azurerm_synapse_spark_pool', item).tags).toMatchObject({ dataProduct: item });
      expect(Object.keys(sales.resource!).filter((t) => /stream_analytics|iothub/.test(t))).toEqual([]);
    });
  });

  it('analytics without serving: no cluster, no inference target, dev estates', () => {
    const estate = generatedEstate(1);
    estate.landingZones[0].dataProducts = [{ name: 'scoring', template: 'analytics', engine: 'synapse', inputs: ['ingest'] }];
    const stack = synth(estate).stacks['dlz-lz1'];
    expect(all(stack, 'azurerm_machine_learning_workspace')).toHaveLength(1);
    expect(all(stack, 'azurerm_kubernetes_cluster')).toEqual([]);
    expect(all(stack, 'azurerm_machine_learning_inference_cluster')).toEqual([]);
  });

  it("serving in a dev estate: the free AKS tier and Azure ML's DevTest purpose", () => {
    const estate = generatedEstate(1);
    estate.landingZones[0].dataProducts = [{ name: 'scoring', template: 'analytics', serving: 'aks', inputs: ['ingest'] }];
    const stack = synth(estate).stacks['dlz-lz1'];
    expect(all(stack, 'azurerm_kubernetes_cluster')[0].sku_tier).toBe('Free');
    expect(all(stack, 'azurerm_machine_learning_inference_cluster')[0].cluster_purpose).toBe('DevTest');
  });

  it("picks an AKS service range outside the estate's address pool", () => {
    const estate = generatedEstate(1);
    estate.network = { addressPool: '172.16.0.0/12' };
    estate.landingZones[0].dataProducts = [{ name: 'scoring', template: 'analytics', serving: 'aks', inputs: ['ingest'] }];
    const stack = synth(estate).stacks['dlz-lz1'];
    expect(all(stack, 'azurerm_kubernetes_cluster')[0].network_profile).toMatchObject({ service_cidr: '192.168.0.0/16', dns_service_ip: '192.168.0.10' });
  });
});

describe('alerts to the product team (DataProduct teamEmail)', () => {
  const synthProduct = (product: DataProductNameInput, teamEmail?: string) =>
    JSON.parse(
      synthScope((scope) => {
        const provider = new AzurermProvider(scope, 'azurerm', { features: [{}] });
        const identity = new UserAssignedIdentity(scope, 'identity', { name: 'id-x', resourceGroupName: 'rg-x', location: 'westeurope' });
        const container = new StorageContainer(scope, 'container', { name: `dp-${product.name}`, storageAccountId: '/subscriptions/s/st' });
        const names = dataProductNames(new EstateNaming('est', 'prod', MGMT_SUB), { name: 'zone', code: 'zone' }, product, 'abc');
        const links = {
          privateDnsZoneId: (zone: string) => `/zones/${zone}`,
          logAnalyticsWorkspaceId: '/law',
          purviewAccountId: '/purview',
          purviewPrincipalId: 'purview',
        };
        new DataProduct(scope, 'product', {
          product: { name: product.name, names, ...(teamEmail ? { teamEmail } : {}) },
          context: {
            location: 'westeurope',
            subscriptionId: OPS_SUB,
            tenantId: 'tenant',
            resourceGroupName: 'rg-x',
            subnetId: '/subnet',
            links,
            diagnostics: { name: 'diag', logAnalyticsWorkspaceId: '/law' },
            lakeIds: { raw: '/raw', enriched: '/enr', workspace: '/work' },
          },
          identity,
          container,
          synapseWorkspaceId: '/synapse',
          availabilityZones: [],
          production: true,
          addressPool: '10.0.0.0/8',
          managementZone: { subscriptionId: MGMT_SUB, provider },
        });
      }),
    );
  const batch = (engine: EngineKind): DataProductNameInput => ({ name: 'revenue', template: 'batch', engine });

  it("e-mails the team when a pipeline run of the product's factory fails (severity 1, every minute over five)", () => {
    const json = synthProduct(batch('data-factory'), 'revenue-team@example.com');
    const group = Object.values(json.resource.azurerm_monitor_action_group)[0] as any;
    expect(group).toMatchObject({
      name: 'ag-est-prd-zone-revenue',
      short_name: 'dp-abc',
      resource_group_name: 'rg-x',
      email_receiver: [{ name: 'product-team', email_address: 'revenue-team@example.com', use_common_alert_schema: true }],
    });
    const alert = Object.values(json.resource.azurerm_monitor_metric_alert)[0] as any;
    const factoryId = Object.keys(json.resource.azurerm_data_factory)[0];
    expect(alert).toMatchObject({
      name: 'alert-est-prd-zone-revenue-failed-runs',
      scopes: [`\${azurerm_data_factory.${factoryId}.id}`],
      severity: 1,
      frequency: 'PT1M',
      window_size: 'PT5M',
      criteria: [
        {
          metric_namespace: 'Microsoft.DataFactory/factories',
          metric_name: 'PipelineFailedRuns',
          aggregation: 'Total',
          operator: 'GreaterThanOrEqual',
          threshold: 1,
        },
      ],
    });
    expect(alert.action[0].action_group_id).toMatch(/^\$\{azurerm_monitor_action_group\..*\.id\}$/);
  });

  it("counts failed Spark applications on the product's pool for products on Synapse", () => {
    const alert = Object.values(synthProduct(batch('synapse'), 'team@example.com').resource.azurerm_monitor_metric_alert)[0] as any;
    expect(alert.criteria[0]).toMatchObject({
      metric_namespace: 'Microsoft.Synapse/workspaces/bigDataPools',
      metric_name: 'BigDataPoolApplicationsEnded',
      dimension: [{ name: 'JobResult', operator: 'Include', values: ['Failed'] }],
    });
  });

  it('has nothing to alert on for Databricks (no platform metrics), and no alerts without an address', () => {
    expect(synthProduct(batch('databricks'), 'team@example.com').resource.azurerm_monitor_action_group).toBeUndefined();
    expect(synthProduct(batch('data-factory')).resource.azurerm_monitor_metric_alert).toBeUndefined();
  });
});

describe('input grants of an input listed twice', () => {
  it('creates one grant (a bare name and zone/name naming the same item)', () => {
    const estate = loadShippedEstate('relecloud');
    estate.landingZones[0].dataProducts[1].inputs = [
      'cloud-service-recommender',
      'operations/cloud-service-recommender',
      'billing/revenue-by-service',
      'billing/revenue-by-service',
    ];
    const { stacks } = synth(estate);
    expect(Object.keys(inputGrants(stacks['dlz-operations'])).filter((k) => k.startsWith('operations/recommender-revenue/'))).toEqual([
      'operations/recommender-revenue/operations/cloud-service-recommender',
    ]);
    expect(Object.keys(inputGrants(stacks['dlz-billing'])).filter((k) => k.startsWith('operations/recommender-revenue/'))).toEqual([
      'operations/recommender-revenue/billing/revenue-by-service',
    ]);
  });
});
