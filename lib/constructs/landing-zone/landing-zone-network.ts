import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { LandingZoneNames } from '../../naming/zone-names';
import { SubnetSlot } from '../../network/subnet-layout';
import { FirewallRouteTable } from '../shared/firewall-route-table';
import { NetworkSubnet, NetworkSubnetProps } from '../shared/network-subnet';
import { DATABRICKS_DELEGATION, databricksNetworkSecurityGroup, forgetLegacyDatabricksRules } from './databricks-nsg-rules';

export interface LandingZoneNetworkProps {
  readonly names: LandingZoneNames;
  readonly addressSpace: string;
  /** The subnet layout: every slot gets its subnet, but Databricks' pairs only with `databricks`. */
  readonly subnets: readonly SubnetSlot[];
  /** Databricks is on: its NSG and delegated subnet pairs. */
  readonly databricks: boolean;
  readonly location: string;
  readonly resourceGroupName: string;
  /** The hub firewall: next hop for all egress and the network's DNS server (DNS proxy). */
  readonly firewallPrivateIp: string;
  /**
   * The network's DNS servers, e.g. an enterprise hub's DNS private resolver.
   * @default [firewallPrivateIp]: the firewall's DNS proxy
   */
  readonly dnsServers?: readonly string[];
}

const POWER_BI_DELEGATION = {
  name: 'powerbi-gateway',
  service: 'Microsoft.PowerPlatform/vnetaccesslinks',
  actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
};

/**
 * A landing zone's spoke network: the reference's subnets (services, Databricks
 * public/private pairs for the shared integration and product workspaces, Power BI
 * gateway) plus one subnet per data integration and data product, every one routed
 * to the hub firewall and resolving names through it.
 */
export class LandingZoneNetwork extends Construct {
  readonly virtualNetwork: VirtualNetwork;
  /** The default NSG, and the Databricks NSG when Databricks is on. */
  readonly networkSecurityGroups: { readonly default: NetworkSecurityGroup; readonly databricks?: NetworkSecurityGroup };
  /** Subnets by layout key (`services`, `di-<integration>`, `dp-<product>`, ...). */
  readonly subnets: Readonly<Record<string, NetworkSubnet>>;

  constructor(scope: Construct, id: string, props: LandingZoneNetworkProps) {
    super(scope, id);
    const { names, location, resourceGroupName } = props;

    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: names.virtualNetwork,
      resourceGroupName,
      location,
      addressSpace: [props.addressSpace],
      dnsServers: [...(props.dnsServers ?? [props.firewallPrivateIp])],
    });
    const defaultNsg = new NetworkSecurityGroup(this, 'nsg', { name: names.networkSecurityGroups.default, resourceGroupName, location });
    const databricksNsg = props.databricks ? this.databricksNsg(names.networkSecurityGroups.databricks, resourceGroupName, location) : undefined;
    this.networkSecurityGroups = { default: defaultNsg, ...(databricksNsg ? { databricks: databricksNsg } : {}) };
    const routes = new FirewallRouteTable(this, 'routes', {
      name: names.routeTable,
      resourceGroupName,
      location,
      firewallPrivateIp: props.firewallPrivateIp,
    });

    const subnetScope = new Construct(this, 'subnets');
    const subnets: Record<string, NetworkSubnet> = {};
    for (const slot of props.subnets) {
      const isDatabricks = slot.role === 'databricks-public' || slot.role === 'databricks-private';
      if (isDatabricks && !databricksNsg) continue; // slot stays reserved so enabling Databricks later moves nothing
      subnets[slot.key] = new NetworkSubnet(subnetScope, slot.key, {
        name: names.subnets[slot.key],
        resourceGroupName,
        virtualNetworkName: this.virtualNetwork.name,
        addressPrefix: slot.cidr,
        networkSecurityGroupId: (isDatabricks ? databricksNsg! : defaultNsg).id,
        routeTableId: routes.routeTable.id,
        ...subnetRoleSettings(slot),
      });
    }
    this.subnets = subnets;
  }

  /** The Databricks subnets' NSG: its rules are the ones Databricks adds (databricks-nsg-rules.ts). */
  private databricksNsg(name: string, resourceGroupName: string, location: string): NetworkSecurityGroup {
    const nsg = databricksNetworkSecurityGroup(this, 'databricks-nsg', { name, resourceGroupName, location });
    forgetLegacyDatabricksRules(nsg);
    return nsg;
  }
}

function subnetRoleSettings(slot: SubnetSlot): Pick<NetworkSubnetProps, 'delegation' | 'privateEndpointNetworkPolicies'> {
  switch (slot.role) {
    case 'databricks-public':
    case 'databricks-private':
      return { delegation: DATABRICKS_DELEGATION, privateEndpointNetworkPolicies: 'Enabled' };
    case 'powerbi-gateway':
      return { delegation: POWER_BI_DELEGATION, privateEndpointNetworkPolicies: 'Enabled' };
    default:
      return { privateEndpointNetworkPolicies: 'Disabled' };
  }
}
