/**
 * The remote-state contract (spec section 3): output names other zones and other
 * teams' code read with terraform_remote_state. They are API: never rename one.
 */
export const MANAGEMENT_ZONE_OUTPUTS = {
  subscriptionId: 'subscription_id',
  vnetId: 'vnet_id',
  vnetName: 'vnet_name',
  networkResourceGroupName: 'network_resource_group_name',
  firewallPrivateIp: 'firewall_private_ip',
  privateDnsZoneIds: 'private_dns_zone_ids',
  logAnalyticsWorkspaceId: 'log_analytics_workspace_id',
} as const;

export const LANDING_ZONE_OUTPUTS = {
  subscriptionId: 'subscription_id',
  vnetId: 'vnet_id',
  vnetName: 'vnet_name',
  networkResourceGroupName: 'network_resource_group_name',
} as const;
