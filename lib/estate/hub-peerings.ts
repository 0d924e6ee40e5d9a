import { ExistingHub, Estate, LandingZone, ManagementZone } from './model';
import { zoneNetwork } from './zone-network';

/**
 * The peerings of every zone network with an enterprise hub (`connectivity.mode: existing-hub`),
 * named once here for the stacks that create them and the synth summary that lists the hub
 * side for the connectivity team.
 */
export interface HubPeering {
  /** The zone's stack (`dmlz` or `dlz-<name>`). */
  readonly stack: string;
  /** The zone network's resource id (known before deployment: its names are the estate's). */
  readonly spokeVirtualNetworkId: string;
  /** The peering on the zone's side, towards the hub. */
  readonly spokeSideName: string;
  /** The peering on the hub's side, towards the zone: unique in the hub, since the zone's network name is. */
  readonly hubSideName: string;
}

/** Every zone's peering with the enterprise hub, management zone first; none with an own hub. */
export function hubPeerings(estate: Estate): HubPeering[] {
  const connectivity = estate.managementZone.connectivity;
  if (connectivity.mode !== 'existing-hub') return [];
  return [estate.managementZone, ...estate.landingZones].map((zone) => hubPeering(connectivity, zone));
}

/** One zone's peering with the enterprise hub. */
export function hubPeering(hub: ExistingHub, zone: ManagementZone | LandingZone): HubPeering {
  const spokeVirtualNetworkId = zoneNetwork(zone).virtualNetworkId;
  return { stack: zone.stackName, spokeVirtualNetworkId, spokeSideName: `peer-${hub.hub.name}`, hubSideName: `peer-${zone.names.virtualNetwork}` };
}

/** The command the connectivity team runs for the hub side of one peering. */
export function hubSidePeeringCommand(hub: ExistingHub, peering: HubPeering): string {
  return [
    'az network vnet peering create',
    `--subscription ${hub.hub.subscriptionId}`,
    `--resource-group ${hub.hub.resourceGroupName}`,
    `--vnet-name ${hub.hub.name}`,
    `--name ${peering.hubSideName}`,
    `--remote-vnet ${peering.spokeVirtualNetworkId}`,
    '--allow-vnet-access true --allow-forwarded-traffic true',
  ].join(' ');
}
