import { LEGACY_DATABRICKS_RULE_NAMES } from '../lib/constructs/landing-zone/databricks-nsg-rules';
import { synth, loadShippedEstate, StackJson } from './helpers/synth';
import { all, findResource, locate, pathOf, ref, resources } from './helpers/stack-query';

const DNS_ZONE = '${data.terraform_remote_state.remote-state-dmlz.outputs.private_dns_zone_ids["privatelink.azuredatabricks.net"]}';

const relecloud = synth(loadShippedEstate('relecloud'));
const adatum = synth(loadShippedEstate('adatum'));
const estates = { relecloud, adatum };

/** The endpoint of one sub-resource of the workspace at `address`. */
function endpointTo(stack: StackJson, workspaceAddress: string, subresource: string) {
  const found = all(stack, 'azurerm_private_endpoint').filter(
    (pe) =>
      pe.private_service_connection.private_connection_resource_id === `\${${workspaceAddress}.id}` &&
      JSON.stringify(pe.private_service_connection.subresource_names) === JSON.stringify([subresource]),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

describe('Databricks: private front end and back end in every landing zone (finding 4)', () => {
  it.each(Object.entries(estates))('%s: every workspace denies public access, with NoAzureDatabricksRules', (_name, estate) => {
    const workspaces = Object.values(estate.stacks).flatMap((stack) => all(stack, 'azurerm_databricks_workspace'));
    expect(workspaces.length).toBeGreaterThan(0);
    for (const workspace of workspaces) {
      expect(workspace.public_network_access_enabled).toBe(false);
      expect(workspace.network_security_group_rules_required).toBe('NoAzureDatabricksRules');
      expect(workspace.custom_parameters.no_public_ip).toBe(true);
    }
  });

  it.each(Object.entries(estates))(
    "%s: each landing zone workspace has its databricks_ui_api endpoint in the zone's services subnet, in the central DNS zone",
    (_name, estate) => {
      let count = 0;
      for (const [stackName, stack] of Object.entries(estate.stacks)) {
        if (stackName === 'dmlz') continue;
        // Peering stacks (docs/topology.md) hold only their zone's peerings with later zones: no workspace, no subnet.
        if (stackName.startsWith('peerings-')) {
          expect(Object.keys(stack.resource ?? {}).filter((type) => type !== 'azurerm_virtual_network_peering')).toEqual([]);
          continue;
        }
        const services = ref(stack, 'azurerm_subnet', { name: 'snet-services' });
        for (const address of Object.keys(resources(stack, 'azurerm_databricks_workspace')).map((id) => `azurerm_databricks_workspace.${id}`)) {
          const endpoint = endpointTo(stack, address, 'databricks_ui_api');
          expect(endpoint.subnet_id).toBe(services);
          expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([DNS_ZONE]);
          count++;
        }
      }
      expect(count).toBeGreaterThan(0);
    },
  );

  it("holds the region's web-auth workspace in the hub: browser_authentication endpoint, own delegated subnets in the free slots", () => {
    const hub = relecloud.stacks.dmlz;
    const { address, body: workspace } = locate(hub, 'azurerm_databricks_workspace');
    expect(workspace.name).toBe('dbw-relecloud-prd-dmlz-webauth');
    expect(workspace.public_network_access_enabled).toBe(false);
    expect(workspace.network_security_group_rules_required).toBe('NoAzureDatabricksRules');
    expect(workspace.lifecycle.prevent_destroy).toBe(true);
    const endpoint = endpointTo(hub, address, 'browser_authentication');
    expect(endpoint.subnet_id).toBe(ref(hub, 'azurerm_subnet', { name: 'snet-services' }));
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([ref(hub, 'azurerm_private_dns_zone', { name: 'privatelink.azuredatabricks.net' })]);
    // The hub's existing subnets keep their ranges; the pair takes the two slots kept free.
    const prefixes = Object.fromEntries(all(hub, 'azurerm_subnet').map((s) => [s.name, s.address_prefixes]));
    expect(prefixes).toEqual({
      AzureFirewallSubnet: ['10.0.0.0/24'],
      'snet-services': ['10.0.1.0/24'],
      'snet-dbw-webauth-public': ['10.0.2.0/24'],
      'snet-dbw-webauth-private': ['10.0.3.0/24'],
    });
    const pub = findResource(hub, 'azurerm_subnet', { name: 'snet-dbw-webauth-public' });
    expect(pub.delegation[0].service_delegation.name).toBe('Microsoft.Databricks/workspaces');
    expect(workspace.custom_parameters.public_subnet_name).toBe(ref(hub, 'azurerm_subnet', { name: 'snet-dbw-webauth-public' }, 'name'));
    expect(workspace.custom_parameters.private_subnet_name).toBe(ref(hub, 'azurerm_subnet', { name: 'snet-dbw-webauth-private' }, 'name'));
  });

  it('has no web-auth workspace when no landing zone runs Databricks', () => {
    const estate = loadShippedEstate('relecloud');
    for (const zone of estate.landingZones) {
      zone.sharedServices = { ...zone.sharedServices, databricks: false };
      for (const item of zone.dataIntegrations ?? []) if (item.engine === 'databricks') item.engine = 'data-factory';
    }
    const hub = synth(estate).stacks.dmlz;
    expect(all(hub, 'azurerm_databricks_workspace')).toHaveLength(0);
    expect(
      all(hub, 'azurerm_subnet')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['AzureFirewallSubnet', 'snet-services']);
  });

  it("gives the integration factory a managed private endpoint to the integration workspace's API", () => {
    const stack = relecloud.stacks['dlz-operations'];
    const workspace = ref(stack, 'azurerm_databricks_workspace', { name: 'dbw-relecloud-prd-operations-integration' });
    const endpoints = all(stack, 'azurerm_data_factory_managed_private_endpoint').filter((e) => e.target_resource_id === workspace);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0].subresource_name).toBe('databricks_ui_api');
  });
});

describe("Databricks' own NSG rules are not Terraform's (finding 15)", () => {
  const databricksNsgs = (stack: StackJson) => all(stack, 'azurerm_network_security_group').filter((nsg) => nsg.name.endsWith('-databricks'));

  it.each(Object.entries(estates))('%s: no stack declares a Databricks-owned rule, and the Databricks NSGs ignore their rules', (_name, estate) => {
    let nsgs = 0;
    for (const stack of Object.values(estate.stacks)) {
      expect(all(stack, 'azurerm_network_security_rule').filter((r) => r.name.startsWith('Microsoft.Databricks-workspaces_UseOnly_'))).toEqual([]);
      for (const nsg of databricksNsgs(stack)) {
        expect(nsg.security_rule).toBeUndefined();
        expect(nsg.lifecycle.ignore_changes).toEqual(['security_rule']);
        nsgs++;
      }
    }
    expect(nsgs).toBeGreaterThan(0);
  });

  it('forgets the rule resources earlier versions declared, at their old addresses, instead of destroying them', () => {
    const stack = relecloud.stacks['dlz-operations'] as StackJson & { removed?: { from: string; lifecycle: { destroy: boolean } }[] };
    const forgotten = (stack.removed ?? []).filter((r) => r.from.startsWith('azurerm_network_security_rule.'));
    // The addresses the rules had when they were resources (stack snapshots before this change).
    expect(forgotten.map((r) => r.from).sort()).toEqual(
      [
        'to-databricks-webapp_D0F22377',
        'to-eventhub_854AD7D1',
        'to-sql_2BDD17B7',
        'to-storage_93AD2B08',
        'to-worker-inbound_F8EB70E1',
        'to-worker-outbound_E40E7FFA',
      ].map(
        (rule) => `azurerm_network_security_rule.landing-zone_network_databricks-nsg_rules_MicrosoftDatabricks-workspaces_UseOnly_databricks-worker-${rule}`,
      ),
    );
    expect(forgotten.every((r) => r.lifecycle.destroy === false)).toBe(true);
    expect(LEGACY_DATABRICKS_RULE_NAMES).toHaveLength(6);
    // A zone without Databricks has no such NSG and nothing to forget.
    expect(((relecloud.stacks['dlz-billing'] as { removed?: unknown[] }).removed ?? []).length).toBe(0);
    expect(all(relecloud.stacks['dlz-operations'], 'azurerm_network_security_group').some((nsg) => pathOf(nsg).includes('databricks-nsg'))).toBe(true);
  });
});
