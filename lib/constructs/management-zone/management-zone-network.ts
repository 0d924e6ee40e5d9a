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

/** The firewall the network routes to: the zone's own (of a tier), or an enterprise hub's (its address). */
export type HubFirewallChoice =
  | { readonly tier: 'Standard' | 'Premium' }
  | {
      /** The enterprise hub firewall's private IP: next hop of the default route. */
      readonly privateIp: string;
      /** The network's DNS servers (the firewall's DNS proxy, or e.g. a DNS private resolver). */
      readonly dnsServers: readonly string[];
    };

export interface ManagementZoneNetworkProps extends Placement {
  readonly names: ManagementZoneNames;
  /** The hub network's address space. */
  readonly addressSpace: string;
  readonly subnets: HubSubnetPrefixes;
  /** Own hub: the firewall's tier (Premium adds IDPS in deny mode); existing hub: the enterprise firewall's address and the DNS servers. */
  readonly firewall: HubFirewallChoice;
}

/**
 * The hub: virtual network, firewall, services subnet (all private endpoints of the
 * management zone) with its NSG and a route to the firewall.
 */
export class ManagementZoneNetwork extends Construct {
  readonly virtualNetwork: VirtualNetwork;
  /** Own hub only: the estate's firewall (an existing hub's firewall is the enterprise's). */
  readonly firewall?: HubFirewall;
  /** Next hop of every zone's default route and, by default, their DNS server. */
  readonly firewallPrivateIp: string;
  readonly servicesSubnet: NetworkSubnet;
  readonly servicesNetworkSecurityGroup: NetworkSecurityGroup;
  /** The route table of the hub's subnets (next hop the firewall). */
  readonly routeTable: FirewallRouteTable;

  constructor(scope: Construct, id: string, props: ManagementZoneNetworkProps) {
    super(scope, id);
    const { names, location, resourceGroupName } = props;

    const existing = 'privateIp' in props.firewall ? props.firewall : undefined;
    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: names.virtualNetwork,
      resourceGroupName,
      location,
      addressSpace: [props.addressSpace],
      // Own hub: Azure DNS, through the private DNS zones linked here; an existing hub's network resolves through the enterprise's DNS.
      ...(existing ? { dnsServers: [...existing.dnsServers] } : {}),
    });
    const nsg = new NetworkSecurityGroup(this, 'services-nsg', { name: names.networkSecurityGroup, resourceGroupName, location });
    this.servicesNetworkSecurityGroup = nsg;

    // An existing hub: the firewall slot stays reserved (unused), so switching back moves nothing.
    if ('tier' in props.firewall) this.firewall = this.createFirewall(props, props.firewall.tier);
    this.firewallPrivateIp = this.firewall?.privateIp ?? existing!.privateIp;
    const routes = new FirewallRouteTable(this, 'routes', {
      name: names.routeTable,
      resourceGroupName,
      location,
      firewallPrivateIp: this.firewallPrivateIp,
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

  /** The estate's own firewall, in the AzureFirewallSubnet. */
  private createFirewall(props: ManagementZoneNetworkProps, tier: 'Standard' | 'Premium'): HubFirewall {
    const { names, location, resourceGroupName } = props;
    // AzureFirewallSubnet takes no NSG or route table (Azure rejects both).
    const firewallSubnet = new NetworkSubnet(this, 'subnet-firewall', {
      name: names.subnets.firewall,
      resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefix: props.subnets.firewall,
      privateEndpointNetworkPolicies: 'Enabled',
    });
    return new HubFirewall(this, 'firewall', {
      resourceGroupName,
      location,
      subnetId: firewallSubnet.subnet.id,
      tier,
      zones: availabilityZones(location),
      names: { firewall: names.firewall, policy: names.firewallPolicy, publicIp: names.publicIp, publicIpPrefix: names.publicIpPrefix },
    });
  }
}
