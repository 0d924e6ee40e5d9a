import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkManagerStaticMember } from '@cdktf/provider-azurerm/lib/network-manager-static-member';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { EnterpriseHubPeering, EnterpriseHubPeeringSpec } from '../shared/enterprise-hub-peering';
import type { DataLandingZoneProps } from './landing-zone-props';
import { NetworkPeering } from './network-peering';

/** The landing zone's spoke network and its resource group. */
export interface Spoke {
  readonly virtualNetwork: VirtualNetwork;
  readonly resourceGroupName: string;
}

/**
 * Topology avnm: a static member of the management zone's network group; topology peering:
 * both directions with the hub, and its own side with every earlier landing zone. Made in the landing
 * zone's scope (`zone`), so the addresses are the zone's own.
 */
export function connectLandingZone(zone: Construct, props: DataLandingZoneProps, spoke: Spoke): NetworkManagerStaticMember | undefined {
  if (!props.networkGroupId) {
    peer(zone, props, spoke);
    return undefined;
  }
  if (props.earlierZones.length) throw new Error(`landing zone ${props.name}: topology avnm has no peerings with earlier zones`);
  // The group lives in the management subscription; Virtual Network Manager connects the
  // member with the hub and the other landing zones once it joins (docs/topology.md).
  return new NetworkManagerStaticMember(zone, 'network-group-membership', {
    provider: props.hub.provider,
    name: props.names.networkManagerStaticMember,
    networkGroupId: props.networkGroupId,
    targetVirtualNetworkId: spoke.virtualNetwork.id,
  });
}

/**
 * Topology peering: both directions with the hub (its side through the management zone's
 * provider), and this zone's side with every earlier landing zone (their sides are their
 * peering stacks': stacks/peering-stack.ts). Construct ids and peering names are the zones'.
 */
function peer(zone: Construct, props: DataLandingZoneProps, spoke: Spoke): void {
  const self = {
    virtualNetworkId: spoke.virtualNetwork.id,
    virtualNetworkName: spoke.virtualNetwork.name,
    resourceGroupName: spoke.resourceGroupName,
    provider: props.provider,
  };
  const peerings = new Construct(zone, 'peerings');
  for (const peer of [props.hub, ...props.earlierZones]) {
    new NetworkPeering(peerings, peer.key, {
      local: { ...self, peeringName: `peer-${peer.key}` },
      remote: { ...peer, peeringName: `peer-${props.name}` },
      bothSides: peer === props.hub,
    });
  }
}

/** Connectivity mode existing-hub: the spoke's peering with the enterprise hub (the hub side only when the estate creates it). */
export function peerWithEnterpriseHub(zone: Construct, spec: EnterpriseHubPeeringSpec, provider: AzurermProvider, spoke: Spoke): EnterpriseHubPeering {
  return new EnterpriseHubPeering(zone, 'enterprise-hub-peering', {
    ...spec,
    spoke: { virtualNetworkId: spoke.virtualNetwork.id, virtualNetworkName: spoke.virtualNetwork.name, resourceGroupName: spoke.resourceGroupName, provider },
  });
}
