/**
 * The construct library without an estate: a plain cdktf app builds a data landing zone from
 * props alone (no estate file, nothing of lib/estate or stacks/), with names from lib/naming
 * and subnets from lib/network, as a team reusing the constructs in its own stacks would.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { testingApp } from './helpers/testing-app';
import { DataLandingZone } from '../lib/constructs/landing-zone/landing-zone';
import { ManagementZoneLinks } from '../lib/constructs/shared/management-zone-links';
import { EstateNaming } from '../lib/naming/naming';
import { landingZoneNames } from '../lib/naming/zone-names';
import { parseCidr } from '../lib/network/cidr';
import { landingZoneSubnetDefinitions, placeSubnets } from '../lib/network/subnet-layout';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000aa';
const HUB_SUBSCRIPTION = '00000000-0000-0000-0000-0000000000bb';
const ADDRESS_SPACE = '10.20.0.0/20';

/** A zone `sales` with one integration on Databricks and one batch product on Synapse. */
function buildZone() {
  const app = testingApp();
  const stack = new TerraformStack(app, 'sales');
  const provider = new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: SUBSCRIPTION });
  const hubProvider = new AzurermProvider(stack, 'azurerm-hub', { features: [{}], subscriptionId: HUB_SUBSCRIPTION, alias: 'hub' });

  const naming = new EstateNaming('contoso', 'dev', HUB_SUBSCRIPTION);
  const subnets = placeSubnets(parseCidr(ADDRESS_SPACE), landingZoneSubnetDefinitions(['orders'], ['revenue']));
  const names = landingZoneNames(
    naming,
    {
      name: 'sales',
      code: 'sales',
      dataIntegrations: ['orders'],
      dataProducts: ['revenue'],
      integrationEngines: { orders: 'databricks' },
      productKinds: { revenue: { template: 'batch', engine: 'synapse' } },
    },
    subnets,
  );
  const links: ManagementZoneLinks = {
    privateDnsZoneId: (zone) => `/dns/${zone}`,
    logAnalyticsWorkspaceId: '/law/contoso',
    purviewAccountId: '/purview/contoso',
    purviewPrincipalId: 'purview-principal',
  };

  const zone = new DataLandingZone(stack, 'landing-zone', {
    name: 'sales',
    location: 'westeurope',
    subscriptionId: SUBSCRIPTION,
    addressSpace: ADDRESS_SPACE,
    subnets,
    names,
    sharedServices: { databricks: true, dataFactory: false, synapse: true, eventHub: false, selfHostedIntegrationRuntime: false },
    dataIntegrations: [{ name: 'orders', names: names.dataIntegrations['orders'] }],
    dataProducts: [{ name: 'revenue', names: names.dataProducts['revenue'], teamEmail: 'revenue@contoso.example' }],
    production: false,
    addressPool: '10.0.0.0/8',
    synapseSubscriptionIds: [SUBSCRIPTION],
    firewallPrivateIp: '10.0.0.4',
    hub: { key: 'hub', virtualNetworkId: '/vnet/hub', virtualNetworkName: 'vnet-hub', resourceGroupName: 'rg-hub', provider: hubProvider, isHub: true },
    earlierZones: [],
    provider,
    links,
    managementZone: { subscriptionId: HUB_SUBSCRIPTION, provider: hubProvider },
  });
  return { app, stack, zone, names };
}

describe('the construct library without an estate', () => {
  const { stack, zone, names } = buildZone();
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const resources = (type: string) => Object.values(json.resource[type] ?? {});

  it('builds the spoke network in the given address space, resolving names through the hub firewall', () => {
    expect(resources('azurerm_virtual_network')).toEqual([
      expect.objectContaining({ name: names.virtualNetwork, address_space: [ADDRESS_SPACE], dns_servers: ['10.0.0.4'], location: 'westeurope' }),
    ]);
    expect(resources('azurerm_virtual_network_peering')).toHaveLength(2);
  });

  it('makes lakes public from selected networks only (their resource-instance rules) and shared keys off', () => {
    const lakes = resources('azurerm_storage_account').filter((a) => Object.values(names.storageAccounts).includes(a.name as string));
    expect(lakes).toHaveLength(4);
    for (const lake of lakes) {
      expect(lake).toMatchObject({ public_network_access_enabled: true, shared_access_key_enabled: false });
      expect(lake.network_rules).toMatchObject({ default_action: 'Deny', ip_rules: [], virtual_network_subnet_ids: [] });
    }
  });

  it("gives the product its own resource group and its template's and engine's resources", () => {
    expect(resources('azurerm_resource_group')).toContainEqual(expect.objectContaining({ name: names.productResourceGroups['revenue'] }));
    expect(resources('azurerm_mssql_server')).toContainEqual(expect.objectContaining({ name: names.dataProducts['revenue'].sql?.server }));
    expect(resources('azurerm_synapse_spark_pool')).toContainEqual(expect.objectContaining({ name: names.dataProducts['revenue'].sparkPool }));
    expect(resources('azurerm_databricks_access_connector')).toContainEqual(
      expect.objectContaining({ name: names.dataIntegrations['orders'].accessConnector }),
    );
  });

  it('registers private endpoints in the DNS zone ids it was given', () => {
    const vaultEndpoint = resources('azurerm_private_endpoint').find((e) => e.name === names.dataProducts['revenue'].keyVault.privateEndpoint);
    expect(vaultEndpoint).toMatchObject({ private_dns_zone_group: { private_dns_zone_ids: ['/dns/privatelink.vaultcore.azure.net'] } });
  });

  it("keeps each item's data where read grants scope: an integration's enriched container, a product's workspace container", () => {
    expect(zone.dataLocations['orders'].node.path).toContain('/storage/enriched/');
    expect(zone.dataLocations['revenue'].node.path).toContain('/storage/workspace/');
  });
});
