import { ManagementZoneGovernanceProps } from '../lib/constructs/governance/management-zone-governance';
import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ManagementZoneExistingHub, ManagementZoneProps } from '../lib/constructs/management-zone/management-zone';
import { enterpriseZoneId, privateDnsZoneNamesFor } from '../lib/catalog/private-dns-zones';
import { hubPeering } from '../lib/estate/hub-peerings';
import { Estate, ExistingHub } from '../lib/estate/model';
import { ConnectivityProviders } from './connectivity-providers';
import { allowedLocations } from './governance-props';

/**
 * The management zone's props from the resolved estate: its names, addresses and firewall
 * tier, the estate's region and address pool (every firewall rule's source), and with
 * topology `avnm` the Virtual Network Manager's scope.
 */
export function managementZoneProps(estate: Estate, providers: ConnectivityProviders): ManagementZoneProps {
  const zone = estate.managementZone;
  const cidrOf = (key: string) => zone.subnets.find((s) => s.key === key)!.cidr;
  const connectivity = zone.connectivity;
  return {
    location: estate.location,
    // Only when the estate spans regions: a one-region estate's props stay as they were.
    ...(estate.regions.length > 1 ? { regions: estate.regions } : {}),
    subscriptionId: zone.subscriptionId,
    names: zone.names,
    addressSpace: zone.addressSpace,
    subnets: { firewall: cidrOf('firewall'), services: cidrOf('services') },
    firewallTier: zone.firewall.tier,
    addressPool: estate.network.addressPool,
    ...(estate.network.topology === 'avnm' ? { networkManagerScope: estate.network.avnmScope! } : {}),
    ...(connectivity.mode === 'existing-hub' ? { existingHub: existingHubProps(estate, connectivity, providers) } : {}),
    // Each region's Databricks web-auth workspace, once a landing zone there runs Databricks (then kept while the lock records it).
    ...(zone.databricksWebAuthRegions.length
      ? {
          databricksWebAuthSubnets: { public: cidrOf('dbw-webauth-public'), private: cidrOf('dbw-webauth-private') },
          databricksWebAuthRegions: zone.databricksWebAuthRegions,
        }
      : {}),
  };
}

/** The enterprise hub as the management zone uses it: addresses, the enterprise's DNS zones, its policy and the peering. */
function existingHubProps(estate: Estate, hub: ExistingHub, providers: ConnectivityProviders): ManagementZoneExistingHub {
  const dns = hub.privateDnsZones;
  return {
    firewallPrivateIp: hub.firewallPrivateIp,
    dnsServers: hub.dnsServers,
    privateDnsZoneIds: Object.fromEntries(
      privateDnsZoneNamesFor(estate.regions).map((name) => [name, enterpriseZoneId(dns.subscriptionId, dns.resourceGroupName, name)]),
    ),
    dnsZoneGroups: !dns.managedByPolicy,
    ...(hub.firewallPolicy ? { firewallPolicy: { id: hub.firewallPolicy.id, provider: providers.firewallPolicy() } } : {}),
    peering: hubPeeringSpec(hub, hubPeering(hub, estate.managementZone), providers.hubSide()),
  };
}

/** One zone's side of its peering with the enterprise hub, and the hub side's provider when the stacks create it. */
export function hubPeeringSpec(hub: ExistingHub, peering: ReturnType<typeof hubPeering>, hubSideProvider: AzurermProvider | undefined) {
  return {
    hubVirtualNetworkId: hub.hub.virtualNetworkId,
    spokeSideName: peering.spokeSideName,
    hubSide: {
      name: peering.hubSideName,
      resourceGroupName: hub.hub.resourceGroupName,
      virtualNetworkName: hub.hub.name,
      ...(hubSideProvider ? { provider: hubSideProvider } : {}),
    },
  };
}

/** The management zone's governance props; its workspace is the zone's own. */
export function managementZoneGovernanceProps(estate: Estate, logAnalyticsWorkspaceId: string): ManagementZoneGovernanceProps {
  const zone = estate.managementZone;
  return {
    estateName: estate.estate,
    environment: estate.environment,
    location: estate.location,
    ...allowedLocations(estate, zone.subscriptionId, estate.location),
    subscriptionId: zone.subscriptionId,
    governance: zone.governance,
    costCenter: zone.governance.costCenter,
    logAnalyticsWorkspaceId,
    purviewManagedResourceGroup: zone.names.purviewManagedResourceGroup,
  };
}
