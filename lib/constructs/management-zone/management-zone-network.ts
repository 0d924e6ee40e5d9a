import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { availabilityZones } from '../../catalog/regions';
import { ManagementZoneNames } from '../../naming/zone-names';
import { FirewallRouteTable } from '../shared/firewall-route-table';
import { NetworkSubnet } from '../shared/network-subnet';
import { Placement } from '../shared/vocabulary';
import { HubFirewall } from './hub-firewall';

/** Address prefixes of the hub's subnets. */
export interface HubSubnetPrefixes {
  /** The AzureFirewallSubnet (at least a /26). */
  readonly firewall: string;
  /** Every private endpoint of the management zone. */
  readonly services: string;
}

export interface ManagementZoneNetworkProps extends Placement {
  readonly names: ManagementZoneNames;
  /** The hub network's address space. */
  readonly addressSpace: string;
  readonly subnets: HubSubnetPrefixes;
  /** Premium adds intrusion detection (IDPS) in deny mode. */
  readonly firewallTier: 'Standard' | 'Premium';
}

/**
 * The hub: virtual network, firewall, services subnet (all private endpoints of the
 * management zone) with its NSG and a route to the firewall.
 */
export class ManagementZoneNetwork extends Construct {
  readonly virtualNetwork: VirtualNetwork;
  readonly firewall: HubFirewall;
  readonly servicesSubnet: NetworkSubnet;
  readonly servicesNetworkSecurityGroup: NetworkSecurityGroup;
  /** The route table of the hub's subnets (next hop the firewall). */
  readonly routeTable: FirewallRouteTable;

  constructor(scope: Construct, id: string, props: ManagementZoneNetworkProps) {
    super(scope, id);
    const { names, location, resourceGroupName } = props;

    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: names.virtualNetwork,
      resourceGroupName,
      location,
      addressSpace: [props.addressSpace],
    });
    const nsg = new NetworkSecurityGroup(this, 'services-nsg', { name: names.networkSecurityGroup, resourceGroupName, location });
    this.servicesNetworkSecurityGroup = nsg;

    // AzureFirewallSubnet takes no NSG or route table (Azure rejects both).
    const firewallSubnet = new NetworkSubnet(this, 'subnet-firewall', {
      name: names.subnets.firewall,
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefix: props.subnets.firewall,
      privateEndpointNetworkPolicies: 'Enabled',
    });
    this.firewall = new HubFirewall(this, 'firewall', {
      resourceGroupName,
      location,
      subnetId: firewallSubnet.subnet.id,
      tier: props.firewallTier,
      zones: availabilityZones(location),
      names: { firewall: names.firewall, policy: names.firewallPolicy, publicIp: names.publicIp, publicIpPrefix: names.publicIpPrefix },
    });
    const routes = new FirewallRouteTable(this, 'routes', {
      name: names.routeTable,
      resourceGroupName,
      location,
      firewallPrivateIp: this.firewall.privateIp,
    });
    this.routeTable = routes;
    this.servicesSubnet = new NetworkSubnet(this, 'subnet-services', {
      name: names.subnets.services,
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefix: props.subnets.services,
      networkSecurityGroupId: nsg.id,
      routeTableId: routes.routeTable.id,
    });
  }
}
