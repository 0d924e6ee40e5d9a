import { MANAGEMENT_ZONE_OUTPUTS as HUB } from '../lib/contract/outputs';
import { loadShippedEstate, synth } from './helpers/synth';
import { all, one, resources } from './helpers/stack-query';

/**
 * Findings 2, 5 and 9: Purview's ingestion endpoints reach its ingestion storage (read by a
 * template deployment, azurerm has no attribute for it), the data factories reach Purview's
 * ingestion targets for lineage, and the lakes keep their resource-instance rules effective.
 */
const { stacks } = synth(loadShippedEstate('relecloud'));
const dmlz = stacks['dmlz']!;
const ops = stacks['dlz-operations']!;

describe('Purview ingestion endpoints (management zone)', () => {
  const lookup = one(dmlz, 'azurerm_resource_group_template_deployment');
  const lookupAddress = `azurerm_resource_group_template_deployment.${Object.keys(resources(dmlz, 'azurerm_resource_group_template_deployment'))[0]}`;
  const endpoint = (name: string) => all(dmlz, 'azurerm_private_endpoint').find((pe) => String(pe.name).endsWith(name))!;

  it('reads the ingestion storage id with an API version that reports it, falling back to the managed storage', () => {
    const template = JSON.parse(String(lookup.template_content));
    expect(template.resources).toEqual([]);
    const value: string = template.outputs.ingestionStorageId.value;
    expect(value).toContain("'2024-04-01-preview'");
    expect(value).toMatch(
      /^\[if\(contains\(reference\(parameters\('accountId'\).*'ingestionStorage'\).*\.ingestionStorage\.id, .*\.managedResources\.storageAccount\)\]$/,
    );
    expect(lookup.parameters_content).toContain('azurerm_purview_account.');
    expect(lookup.deployment_mode).toBe('Incremental');
  });

  it.each(['purview-blob', 'purview-queue'])('%s targets the ingestion storage, not managed_resources', (name) => {
    const target = String(endpoint(name).private_service_connection.private_connection_resource_id);
    expect(target).toBe(`\${try(jsondecode(${lookupAddress}.output_content).ingestionStorageId.value, "")}`);
  });

  it('the namespace endpoint targets the managed Event Hub', () => {
    expect(endpoint('purview-namespace').private_service_connection.private_connection_resource_id).toContain('managed_resources[*].event_hub_namespace_id');
  });

  it('exports both ingestion targets in the remote-state contract', () => {
    expect(dmlz.output![HUB.purviewIngestionStorageId].value).toBe(`\${try(jsondecode(${lookupAddress}.output_content).ingestionStorageId.value, "")}`);
    expect(dmlz.output![HUB.purviewEventHubNamespaceId].value).toContain('event_hub_namespace_id');
  });
});

describe('data factories push lineage to the private Purview (landing zone)', () => {
  const hub = (output: string) => `\${data.terraform_remote_state.remote-state-dmlz.outputs.${output}}`;
  const factories = all(ops, 'azurerm_data_factory');
  const mpes = all(ops, 'azurerm_data_factory_managed_private_endpoint');

  it('every factory with a managed network has the account and the three ingestion endpoints', () => {
    const withManaged = new Set(mpes.map((m) => m.data_factory_id));
    expect(withManaged.size).toBeGreaterThan(1);
    for (const factory of withManaged) {
      const own = mpes.filter((m) => m.data_factory_id === factory).map((m) => [m.name, m.target_resource_id, m.subresource_name]);
      expect(own).toEqual(
        expect.arrayContaining([
          ['purview_account', hub(HUB.purviewAccountId), 'account'],
          ['purview_blob', hub(HUB.purviewIngestionStorageId), 'blob'],
          ['purview_queue', hub(HUB.purviewIngestionStorageId), 'queue'],
          ['purview_namespace', hub(HUB.purviewEventHubNamespaceId), 'namespace'],
        ]),
      );
    }
    expect(factories.length).toBeGreaterThanOrEqual(withManaged.size);
  });
});

describe('lake network access (resource-instance rules stay effective)', () => {
  const accounts = Object.values(stacks).flatMap((stack) => all(stack, 'azurerm_storage_account'));

  it('every storage account is public "from selected networks" only: Deny, no IP or subnet rules, instance rules', () => {
    expect(accounts.length).toBeGreaterThan(4);
    for (const account of accounts) {
      expect(account.public_network_access_enabled).toBe(true);
      expect(account.network_rules).toMatchObject({ default_action: 'Deny', bypass: ['Metrics'], ip_rules: [], virtual_network_subnet_ids: [] });
      expect(account.network_rules.private_link_access.length).toBeGreaterThan(0);
    }
  });

  it("the lakes admit Purview, Synapse of this and earlier zones, and this zone's Databricks access connectors", () => {
    const lake = Object.values(resources(ops, 'azurerm_storage_account')).find((a) => String(a.name).includes('raw'))!;
    const ids = lake.network_rules.private_link_access.map((rule: any) => rule.endpoint_resource_id);
    expect(ids).toContain('${data.terraform_remote_state.remote-state-dmlz.outputs.purview_account_id}');
    expect(ids.some((id: string) => id.endsWith('/providers/Microsoft.Synapse/workspaces/*'))).toBe(true);
    expect(ids.some((id: string) => id.endsWith('/providers/Microsoft.Databricks/accessConnectors/*'))).toBe(true);
  });
});
