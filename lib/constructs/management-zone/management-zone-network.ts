import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { availabilityZones } from '../../catalog/regions';
import { ManagementZone } from '../../estate/model';
import { FirewallRouteTable } from '../shared/firewall-route-table';
import { NetworkSubnet } from '../shared/network-subnet';
import { HubFirewall } from './hub-firewall';

export interface ManagementZoneNetworkProps {
  readonly zone: ManagementZone;
  readonly location: string;
  readonly resourceGroupName: string;
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

  constructor(scope: Construct, id: string, props: ManagementZoneNetworkProps) {
    super(scope, id);
    const { zone, location, resourceGroupName } = props;
    const names = zone.names;
    const cidrOf = (key: string) => zone.subnets.find((s) => s.key === key)!.cidr;

    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: names.virtualNetwork,
      resourceGroupName,
      location,
      addressSpace: [zone.addressSpace],
    });
    const nsg = new NetworkSecurityGroup(this, 'services-nsg', { name: names.networkSecurityGroup, resourceGroupName, location });
    this.servicesNetworkSecurityGroup = nsg;

    // AzureFirewallSubnet takes no NSG or route table (Azure rejects both).
    const firewallSubnet = new NetworkSubnet(this, 'subnet-firewall', {
      name: names.subnets.firewall,
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefix: cidrOf('firewall'),
      privateEndpointNetworkPolicies: 'Enabled',
    });
    this.firewall = new HubFirewall(this, 'firewall', {
      resourceGroupName,
      location,
      subnetId: firewallSubnet.subnet.id,
      tier: zone.firewall.tier,
      zones: availabilityZones(location),
      names: { firewall: names.firewall, policy: names.firewallPolicy, publicIp: names.publicIp, publicIpPrefix: names.publicIpPrefix },
    });
    const routes = new FirewallRouteTable(this, 'routes', {
      name: names.routeTable,
      resourceGroupName,
      location,
      firewallPrivateIp: this.firewall.privateIp,
    });
    this.servicesSubnet = new NetworkSubnet(this, 'subnet-services', {
      name: names.subnets.services,
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefix: cidrOf('services'),
      networkSecurityGroupId: nsg.id,
      routeTableId: routes.routeTable.id,
    });
  }
}
