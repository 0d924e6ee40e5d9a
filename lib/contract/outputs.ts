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
  /**
   * The hub firewall's policy: landing zones add the DNAT rule collection group of their
   * published serving endpoints (`servingIngress`) to it, through the hub's provider.
   */
  firewallPolicyId: 'firewall_policy_id',
  /** The hub firewall's public IP address: the destination of those DNAT rules (callers connect to it on TCP 443). */
  firewallPublicIp: 'firewall_public_ip',
  privateDnsZoneIds: 'private_dns_zone_ids',
  logAnalyticsWorkspaceId: 'log_analytics_workspace_id',
  purviewAccountId: 'purview_account_id',
  purviewPrincipalId: 'purview_principal_id',
  /**
   * The storage Purview's `blob` and `queue` ingestion endpoints reach: the account's
   * Microsoft-hosted ingestion storage (accounts created since 15 December 2023), or an older
   * account's managed storage account. Data factories reach it by managed private endpoint
   * to push lineage to a private Purview.
   */
  purviewIngestionStorageId: 'purview_ingestion_storage_id',
  /** Purview's managed Event Hub namespace (Kafka notifications): the `namespace` ingestion endpoint's target. */
  purviewEventHubNamespaceId: 'purview_event_hub_namespace_id',
  /**
   * Topology avnm only (absent with peering): the Virtual Network Manager network group
   * every landing zone adds its spoke network to as a static member.
   */
  avnmNetworkGroupId: 'avnm_network_group_id',
} as const;

/**
 * Outputs for the people operating the estate, not for other zones: present only when
 * there is something to do (no zone may read them).
 */
export const MANAGEMENT_ZONE_OPERATOR_OUTPUTS = {
  /** The `az` commands that make `managementZone.purview.rootCollectionAdmins` root collection admins (azurerm has no resource for it). */
  purviewRootCollectionAdminCommands: 'purview_root_collection_admin_commands',
  /** Connectivity mode existing-hub without createHubPeerings: the `az` command creating the hub side of the zone's peering. */
  hubSidePeeringCommand: 'hub_side_peering_command',
} as const;

/** A landing zone's outputs for its operators (present only when there is something to do; no zone may read them). */
export const LANDING_ZONE_OPERATOR_OUTPUTS = {
  /** Connectivity mode existing-hub without createHubPeerings: the `az` command creating the hub side of the zone's peering. */
  hubSidePeeringCommand: 'hub_side_peering_command',
} as const;

/**
 * A landing zone's outputs. Other networks peer with it through them (the estate's own
 * peerings name it by the estate's names), and later zones read them to grant read
 * access across zones in both directions (spec section 3): its data locations (what a
 * later zone's products read) and its items' identities (who of its products reads a
 * later zone's data).
 */
export const LANDING_ZONE_OUTPUTS = {
  subscriptionId: 'subscription_id',
  vnetId: 'vnet_id',
  vnetName: 'vnet_name',
  networkResourceGroupName: 'network_resource_group_name',
  /** Map: lake (`raw`, `enriched`, `workspace`, `external`) to storage account id. */
  storageAccountIds: 'storage_account_ids',
  /**
   * Map: data integration or product name to the resource manager id of its container
   * (a role assignment scope): an integration's container in the enriched lake (what
   * products read; raw is the integration's own landing area), a product's in the
   * workspace lake.
   */
  dataLocations: 'data_locations',
  /**
   * Map: data integration or product name to the principal (object) id of its
   * user-assigned identity, keyed like `data_locations`: the principal of cross-zone
   * read grants a later zone creates for this zone's products.
   */
  identities: 'identities',
} as const;
