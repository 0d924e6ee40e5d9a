import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { Estate, LandingZone } from '../../estate/model';
import { LandingZoneNetwork } from './landing-zone-network';
import { NetworkPeering } from './network-peering';

/** A network this landing zone peers with, as read from that zone's remote state. */
export interface PeerNetwork {
  /** Zone key (`dmlz` or the landing zone name): the peering names and construct ids use it. */
  readonly key: string;
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  /** Provider for the peer's subscription. */
  readonly provider: AzurermProvider;
  readonly isHub?: boolean;
}

export interface DataLandingZoneProps {
  readonly estate: Estate;
  readonly zone: LandingZone;
  /** The hub firewall's private IP (routes and DNS). */
  readonly firewallPrivateIp: string;
  /** The management zone's hub network. */
  readonly hub: PeerNetwork;
  /** Every landing zone listed before this one: the mesh. */
  readonly earlierZones: readonly PeerNetwork[];
  /** This zone's own provider. */
  readonly provider: AzurermProvider;
}

/**
 * A data landing zone (one per business unit): its spoke network, peered both ways
 * with the hub and with every earlier landing zone. Later zones peer with it, so
 * adding a zone never changes an existing zone's stack.
 */
export class DataLandingZone extends Construct {
  readonly networkResourceGroup: ResourceGroup;
  readonly network: LandingZoneNetwork;

  constructor(scope: Construct, id: string, props: DataLandingZoneProps) {
    super(scope, id);
    const { estate, zone } = props;
    this.networkResourceGroup = new ResourceGroup(this, 'rg-network', { name: zone.names.resourceGroups.network, location: estate.location });
    this.network = new LandingZoneNetwork(this, 'network', {
      zone,
      location: estate.location,
      resourceGroupName: this.networkResourceGroup.name,
      firewallPrivateIp: props.firewallPrivateIp,
    });

    const self = {
      virtualNetworkId: this.network.virtualNetwork.id,
      virtualNetworkName: this.network.virtualNetwork.name,
      resourceGroupName: this.networkResourceGroup.name,
      provider: props.provider,
    };
    const peerings = new Construct(this, 'peerings');
    for (const peer of [props.hub, ...props.earlierZones]) {
      new NetworkPeering(peerings, peer.key, {
        local: { ...self, peeringName: `peer-${peer.key}` },
        remote: { ...peer, peeringName: `peer-${zone.name}` },
      });
    }
  }
}
