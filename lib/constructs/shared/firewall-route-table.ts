import { Route } from '@cdktf/provider-azurerm/lib/route';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { Construct } from 'constructs';

export interface FirewallRouteTableProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Next hop for all traffic leaving the subnet's network: the hub firewall. */
  readonly firewallPrivateIp: string;
}

/** A route table sending 0.0.0.0/0 to the hub firewall (the reference's `to-firewall-default`). */
export class FirewallRouteTable extends Construct {
  readonly routeTable: RouteTable;

  constructor(scope: Construct, id: string, props: FirewallRouteTableProps) {
    super(scope, id);
    this.routeTable = new RouteTable(this, 'route-table', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      bgpRoutePropagationEnabled: true,
    });
    // A separate route resource: mixing inline and separate routes makes Terraform fight itself.
    new Route(this, 'to-firewall-default', {
      name: 'to-firewall-default',
      resourceGroupName: props.resourceGroupName,
      routeTableName: this.routeTable.name,
      addressPrefix: '0.0.0.0/0',
      nextHopType: 'VirtualAppliance',
      nextHopInIpAddress: props.firewallPrivateIp,
    });
  }
}
