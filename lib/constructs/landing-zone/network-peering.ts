import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** One side of a peering: a virtual network and the provider for its subscription. */
export interface PeeringEnd {
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  /** The provider for the network's subscription; only the side a stack creates needs one. */
  readonly provider?: AzurermProvider;
  /** Name of the peering created on this side's network. */
  readonly peeringName: string;
  /** The hub offers gateway transit to spokes. @default false */
  readonly isHub?: boolean;
}

export interface NetworkPeeringProps {
  readonly local: PeeringEnd;
  readonly remote: PeeringEnd;
  /**
   * Create the remote side too, through `remote.provider`. Without it the remote side is
   * another stack's (a landing zone's peering stack, stacks/peering-stack.ts), so this stack
   * needs no provider for the remote subscription. @default true
   */
  readonly bothSides?: boolean;
}

/**
 * A virtual network peering seen from one stack: the local side (`to-remote`), and the remote
 * side (`from-remote`) through that subscription's provider when the stack creates both (as
 * the reference landing zone does with the hub).
 */
export class NetworkPeering extends Construct {
  readonly toRemote: VirtualNetworkPeering;
  readonly fromRemote?: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: NetworkPeeringProps) {
    super(scope, id);
    this.toRemote = peerNetworks(this, 'to-remote', props.local, props.remote);
    if (props.bothSides ?? true) this.fromRemote = peerNetworks(this, 'from-remote', props.remote, props.local);
  }

  /**
   * The Terraform address the remote side has (or had) in its stack: what a stack that no
   * longer creates it forgets (the peering layout before peering stacks, docs/topology.md).
   */
  static fromRemoteAddress(stack: TerraformStack, peering: Construct): string {
    const scopes = peering.node.scopes.slice(peering.node.scopes.indexOf(stack) + 1).map((scope) => scope.node.id);
    return `azurerm_virtual_network_peering.${makeUniqueId([...scopes, 'from-remote'])}`;
  }
}

/** One side of a peering: `from`'s network towards `to`'s, with the options every peering of the estate has. */
export function peerNetworks(scope: Construct, id: string, from: PeeringEnd, to: Pick<PeeringEnd, 'virtualNetworkId'>): VirtualNetworkPeering {
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
