import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Construct } from 'constructs';

/** One side of a peering: a virtual network and the provider for its subscription. */
export interface PeeringEnd {
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  readonly provider: AzurermProvider;
  /** Name of the peering created on this side's network. */
  readonly peeringName: string;
  /** The hub offers gateway transit to spokes. @default false */
  readonly isHub?: boolean;
}

export interface NetworkPeeringProps {
  readonly local: PeeringEnd;
  readonly remote: PeeringEnd;
}

/**
 * Both directions of a virtual network peering, created by one stack (as the
 * reference landing zone does), the remote side through that subscription's provider.
 */
export class NetworkPeering extends Construct {
  readonly toRemote: VirtualNetworkPeering;
  readonly fromRemote: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: NetworkPeeringProps) {
    super(scope, id);
    this.toRemote = peer(this, 'to-remote', props.local, props.remote);
    this.fromRemote = peer(this, 'from-remote', props.remote, props.local);
  }
}

function peer(scope: Construct, id: string, from: PeeringEnd, to: PeeringEnd): VirtualNetworkPeering {
  return new VirtualNetworkPeering(scope, id, {
    provider: from.provider,
    name: from.peeringName,
    resourceGroupName: from.resourceGroupName,
    virtualNetworkName: from.virtualNetworkName,
    remoteVirtualNetworkId: to.virtualNetworkId,
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: true,
    allowGatewayTransit: from.isHub ?? false,
    useRemoteGateways: false,
  });
}
