import type { LandingZone, ManagementZone } from './model';

/** A zone's network as other stacks name it: by the estate's names, known before it is deployed (no state read). */
export interface ZoneNetwork {
  readonly resourceGroupName: string;
  readonly virtualNetworkName: string;
  readonly virtualNetworkId: string;
}

export function zoneNetwork(zone: ManagementZone | LandingZone): ZoneNetwork {
  const resourceGroupName = zone.names.resourceGroups.network;
  const virtualNetworkName = zone.names.virtualNetwork;
  return {
    resourceGroupName,
    virtualNetworkName,
    virtualNetworkId: `/subscriptions/${zone.subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${virtualNetworkName}`,
  };
}
