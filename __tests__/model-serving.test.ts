import { SHARED_KEY_REASON } from '../lib/constructs/data-product/machine-learning-workspace';
import { LOCAL_ACCOUNTS_REASON } from '../lib/constructs/data-product/model-serving-cluster';
import { loadShippedEstate, synth } from './helpers/synth';
import { findResource, locate, resources, roleId } from './helpers/stack-query';

/**
 * Model serving that deploys (docs/data-products.md): the Azure ML attach with local
 * accounts on, the cluster after its subnet's route, admins for the cluster, the
 * workspace registry without quarantine, the workspace storage for Azure ML's datastores.
 */
const { stacks } = synth(loadShippedEstate('relecloud'));
const ops = stacks['dlz-operations'];
const OPS_SUB = '00000000-0000-0000-0000-000000000002';
const item = 'cloud-service-recommender';
const cluster = locate(ops, 'azurerm_kubernetes_cluster', { name: 'aks-relecloud-prd-operations-' + item });

describe('the served analytics product (relecloud operations)', () => {
  it('keeps local accounts on the serving cluster, which the Azure ML attach references', () => {
    expect(cluster.body.local_account_disabled).toBe(false);
    const attach = findResource(ops, 'azurerm_machine_learning_inference_cluster', { name: 'aks-serving' });
    expect(attach.kubernetes_cluster_id).toBe('${' + cluster.address + '.id}');
  });

  it('creates the cluster after the route table association of its subnet (userDefinedRouting)', () => {
    const associations = Object.keys(resources(ops, 'azurerm_subnet_route_table_association'));
    const dependency = (cluster.body.depends_on as string[]).find((d) => d.startsWith('azurerm_subnet_route_table_association.'));
    expect(dependency).toBeDefined();
    expect(associations.map((a) => 'azurerm_subnet_route_table_association.' + a)).toContain(dependency);
    expect(dependency).toContain('dp-' + item);
  });

  it("grants the zone admins' groups Azure Kubernetes Service RBAC Cluster Admin on the cluster, as groups", () => {
    const admins = Object.values(resources(ops, 'azurerm_role_assignment')).filter((a) => a.scope === '${' + cluster.address + '.id}');
    expect(admins).toEqual([
      expect.objectContaining({
        principal_id: '11111111-1111-1111-1111-111111111111',
        principal_type: 'Group',
        role_definition_id: roleId(OPS_SUB, 'Azure Kubernetes Service RBAC Cluster Admin'),
      }),
    ]);
  });

  it('turns quarantine off on the workspace registry only (the management zone registry keeps it)', () => {
    const workspace = findResource(ops, 'azurerm_machine_learning_workspace', { name: 'mlw-' + item });
    const registry = Object.entries(resources(ops, 'azurerm_container_registry')).find(
      ([a]) => workspace.container_registry_id === '${azurerm_container_registry.' + a + '.id}',
    );
    expect(registry?.[1].quarantine_policy_enabled).toBe(false);
    for (const hubRegistry of Object.values(resources(stacks.dmlz, 'azurerm_container_registry'))) expect(hubRegistry.quarantine_policy_enabled).toBe(true);
  });

  it('lets only its own workspace through the storage firewall, by resource instance, and keeps shared keys for its default datastores', () => {
    const workspace = findResource(ops, 'azurerm_machine_learning_workspace', { name: 'mlw-' + item });
    const storage = Object.entries(resources(ops, 'azurerm_storage_account')).find(
      ([a]) => workspace.storage_account_id === '${azurerm_storage_account.' + a + '.id}',
    )![1];
    expect(storage.shared_access_key_enabled).toBe(true);
    expect(storage.network_rules.default_action).toBe('Deny');
    expect(storage.network_rules.private_link_access).toEqual([
      {
        endpoint_resource_id: `/subscriptions/${OPS_SUB}/resourceGroups/${workspace.resource_group_name}/providers/Microsoft.MachineLearningServices/workspaces/mlw-${item}`,
        endpoint_tenant_id: expect.any(String),
      },
    ]);
  });
});

describe('the construct-level suppressions', () => {
  // The synth above fails on any error finding: CSA-AKS-002 (local accounts) and CSA-ST-002 (shared keys)
  // pass only through the constructs' suppressions, and CSA-AKS-004 and CSA-CR-005 find nothing.
  it('say why, at length', () => {
    expect(LOCAL_ACCOUNTS_REASON).toMatch(/AML-Kubernetes#261/);
    expect(SHARED_KEY_REASON).toMatch(/terraform-provider-azurerm#22150/);
  });
});
