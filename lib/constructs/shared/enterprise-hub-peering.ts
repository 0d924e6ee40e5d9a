import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { VirtualNetworkPeering } from '@cdktf/provider-azurerm/lib/virtual-network-peering';
import { Construct } from 'constructs';

/** The peering of one zone network with an enterprise connectivity hub (estate `connectivity.mode: existing-hub`). */
export interface EnterpriseHubPeeringSpec {
  /** The enterprise hub network. */
  readonly hubVirtualNetworkId: string;
  /** Name of the peering on the zone's side. */
  readonly spokeSideName: string;
  /** The hub side: its name, where it lives, and the provider that may create it. */
  readonly hubSide: {
    readonly name: string;
    readonly resourceGroupName: string;
    readonly virtualNetworkName: string;
    /**
     * A provider for the hub's subscription: the stack creates the hub side too.
     * @default none: the connectivity team creates it (the synth summary lists it)
     */
    readonly provider?: AzurermProvider;
  };
}

export interface EnterpriseHubPeeringProps extends EnterpriseHubPeeringSpec {
  /** The zone's network, and the provider for its subscription (@default the stack's default provider). */
  readonly spoke: {
    readonly virtualNetworkId: string;
    readonly virtualNetworkName: string;
    readonly resourceGroupName: string;
    readonly provider?: AzurermProvider;
  };
}

/**
 * A zone network's peering with the enterprise hub. The spoke side is always the stack's;
 * the hub side belongs to the connectivity team unless the estate hands the stacks a
 * provider for it. Forwarded traffic is allowed both ways (the hub firewall forwards), and
 * the spoke never uses the hub's gateways: whether the hub has one is not the estate's to know.
 */
export class EnterpriseHubPeering extends Construct {
  readonly toHub: VirtualNetworkPeering;
  readonly fromHub?: VirtualNetworkPeering;

  constructor(scope: Construct, id: string, props: EnterpriseHubPeeringProps) {
    super(scope, id);
    this.toHub = new VirtualNetworkPeering(this, 'to-hub', {
      ...(props.spoke.provider ? { provider: props.spoke.provider } : {}),
      name: props.spokeSideName,
      resourceGroupName: props.spoke.resourceGroupName,
      virtualNetworkName: props.spoke.virtualNetworkName,
      remoteVirtualNetworkId: props.hubVirtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      allowGatewayTransit: false,
      useRemoteGateways: false,
    });
    const hubSide = props.hubSide;
    if (!hubSide.provider) return;
    this.fromHub = new VirtualNetworkPeering(this, 'from-hub', {
      provider: hubSide.provider,
      name: hubSide.name,
      resourceGroupName: hubSide.resourceGroupName,
      virtualNetworkName: hubSide.virtualNetworkName,
      remoteVirtualNetworkId: props.spoke.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
      // Off on both sides: transit needs the spoke to use remote gateways, which it does not (see above).
      allowGatewayTransit: false,
      useRemoteGateways: false,
    });
  }
}
