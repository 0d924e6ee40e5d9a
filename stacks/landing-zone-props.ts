import type { DataLandingZoneProps } from '../lib/constructs/landing-zone/landing-zone';
import type { Estate, LandingZone } from '../lib/estate/model';

/** What the stack reads from other zones' states and owns itself: none of it is in the estate. */
export type LandingZoneWiring = Pick<
  DataLandingZoneProps,
  'firewallPrivateIp' | 'dnsServers' | 'enterpriseHubPeering' | 'hub' | 'earlierZones' | 'networkGroupId' | 'provider' | 'links'
>;

/**
 * A resolved estate's landing zone as DataLandingZone's props: the zone's own values pass
 * through (the estate's item types fit the constructs' specs), the rest is read off the
 * estate. The one place the construct library meets the estate model.
 */
export function landingZoneProps(estate: Estate, zone: LandingZone, wiring: LandingZoneWiring): DataLandingZoneProps {
  return {
    name: zone.name,
    location: zone.location,
    subscriptionId: zone.subscriptionId,
    addressSpace: zone.addressSpace,
    subnets: zone.subnets,
    names: zone.names,
    sharedServices: zone.sharedServices,
    dataIntegrations: zone.dataIntegrations,
    // The zone admins administer each served product's AKS cluster (Azure RBAC for Kubernetes).
    dataProducts: zone.dataProducts.map((product) => (product.serving ? { ...product, servingAdminGroupIds: zone.access.zoneAdmins } : product)),
    production: estate.environment === 'prod',
    addressPool: estate.network.addressPool,
    synapseSubscriptionIds: synapseSubscriptionIds(estate, zone),
    managementZone: { subscriptionId: estate.managementZone.subscriptionId, provider: wiring.hub.provider },
    ...wiring,
  };
}

/**
 * Whose Synapse workspaces may pass the zone's lake firewalls: this zone's subscription and
 * the earlier landing zones' (the reference lists every landing zone subscription; a later
 * zone's would change this stack when the zone is appended).
 */
function synapseSubscriptionIds(estate: Estate, zone: LandingZone): string[] {
  return [...new Set(estate.landingZones.slice(0, zone.index + 1).map((z) => z.subscriptionId))];
}
