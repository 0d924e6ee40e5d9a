import { Subnet, SubnetDelegation } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { Construct } from 'constructs';

export interface NetworkSubnetProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly virtualNetworkName: string;
  readonly addressPrefix: string;
  /** NSG to attach. @default - none (only AzureFirewallSubnet goes without one) */
  readonly networkSecurityGroupId?: string;
  /** Route table to attach. @default - none */
  readonly routeTableId?: string;
  /** Service the subnet is delegated to. @default - not delegated */
  readonly delegation?: { readonly name: string; readonly service: string; readonly actions: readonly string[] };
  /**
   * Private endpoint network policies. @default 'Disabled' (as the reference: endpoints
   * are reached through the hub firewall's DNS proxy, not filtered per subnet)
   */
  readonly privateEndpointNetworkPolicies?: 'Disabled' | 'Enabled';
}

/**
 * A subnet with its NSG and route table associations. Default outbound internet
 * access is off: egress goes through the hub firewall via the route table.
 */
export class NetworkSubnet extends Construct {
  readonly subnet: Subnet;
  /** The NSG association, when an NSG is attached (VNet-injected Databricks needs its id). */
  readonly networkSecurityGroupAssociation?: SubnetNetworkSecurityGroupAssociation;
  /** The route table association, when a route table is attached (AKS with `userDefinedRouting` waits for it). */
  readonly routeTableAssociation?: SubnetRouteTableAssociation;

  constructor(scope: Construct, id: string, props: NetworkSubnetProps) {
    super(scope, id);
    const delegation: SubnetDelegation[] | undefined = props.delegation
      ? [{ name: props.delegation.name, serviceDelegation: { name: props.delegation.service, actions: [...props.delegation.actions] } }]
      : undefined;
    this.subnet = new Subnet(this, 'subnet', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: props.virtualNetworkName,
      addressPrefixes: [props.addressPrefix],
      defaultOutboundAccessEnabled: false,
      privateEndpointNetworkPolicies: props.privateEndpointNetworkPolicies ?? 'Disabled',
      ...(delegation ? { delegation } : {}),
    });
    if (props.networkSecurityGroupId) {
      this.networkSecurityGroupAssociation = new SubnetNetworkSecurityGroupAssociation(this, 'nsg', {
        subnetId: this.subnet.id,
        networkSecurityGroupId: props.networkSecurityGroupId,
      });
    }
    if (props.routeTableId) {
      this.routeTableAssociation = new SubnetRouteTableAssociation(this, 'route-table', { subnetId: this.subnet.id, routeTableId: props.routeTableId });
    }
  }
}
