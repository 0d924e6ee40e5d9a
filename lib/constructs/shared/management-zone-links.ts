import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { LandingPrivateEndpoint } from '../../naming/zone-names';
import type { PrivateEndpointSpec } from './private-endpoint';

/**
 * The private DNS zones a landing zone's endpoints register in, all hosted by the
 * management zone. A union rather than `string`: a typo is a compile error, and a test
 * checks each one is among the zones the management zone creates.
 */
export const LANDING_ZONE_DNS_ZONES = [
  'privatelink.blob.core.windows.net',
  'privatelink.dfs.core.windows.net',
  'privatelink.vaultcore.azure.net',
  'privatelink.database.windows.net',
  'privatelink.datafactory.azure.net',
  'privatelink.adf.azure.com',
  'privatelink.servicebus.windows.net',
  'privatelink.sql.azuresynapse.net',
  'privatelink.dev.azuresynapse.net',
  'privatelink.azuredatabricks.net',
  // Data products (analytics): Azure ML workspace API and notebooks, its registry and its storage's file share.
  'privatelink.api.azureml.ms',
  'privatelink.notebooks.azure.net',
  'privatelink.azurecr.io',
  'privatelink.file.core.windows.net',
] as const;
/**
 * The one region-specific zone a landing zone uses: private AKS API servers
 * (`privatelink.<region>.azmk8s.io`); the management zone hosts it for the estate's region.
 */
export type RegionalDnsZone = `privatelink.${string}.azmk8s.io`;
export type LandingZoneDnsZone = (typeof LANDING_ZONE_DNS_ZONES)[number] | RegionalDnsZone;

/**
 * What a landing zone uses of the management zone, as read from the `dmlz` stack's
 * remote-state outputs (never through cdktf cross-stack references).
 */
export interface ManagementZoneLinks {
  /** Id of one of the management zone's private DNS zones, resolved at plan time from the `private_dns_zone_ids` output. */
  privateDnsZoneId(zoneName: LandingZoneDnsZone): string;
  /** Where every diagnostic setting of the zone sends logs and metrics. */
  readonly logAnalyticsWorkspaceId: string;
  /** Lineage target of the data factories and Synapse, and a resource-instance rule on every lake. */
  readonly purviewAccountId: string;
  /** Purview's identity: read access on the lakes, for scans. */
  readonly purviewPrincipalId: string;
  /**
   * Purview's ingestion targets: the data factories' managed private endpoints reach them to
   * push lineage to a private Purview (`purview_ingestion_storage_id`, `purview_event_hub_namespace_id`).
   * @default - none: the factories reach the Purview account only
   */
  readonly purviewIngestion?: PurviewIngestionTargets;
  /**
   * False when Azure Policy creates every private endpoint's DNS zone group (an enterprise hub's
   * `managedByPolicy`): the endpoints register nowhere themselves.
   * @default true: each endpoint registers in its zone
   */
  readonly dnsZoneGroups?: boolean;
}

/** What Purview ingests through besides its account: storage (`blob`, `queue`) and its managed Event Hub (`namespace`). */
export interface PurviewIngestionTargets {
  readonly storageAccountId: string;
  readonly eventHubNamespaceId: string;
}

/** Where the management zone hosts the private AKS API server zone, and how to write there. */
export interface ManagementZoneAccess {
  readonly subscriptionId: string;
  /** The aliased provider for the management zone's subscription (the landing zone stack's): role assignments on its DNS zones. */
  readonly provider: AzurermProvider;
}

/**
 * The endpoint spec every landing zone service uses: the named endpoint in the zone's
 * services subnet, registered in one of the management zone's DNS zones.
 */
export function landingEndpoints(
  names: { readonly privateEndpoints: Readonly<Record<LandingPrivateEndpoint, string>> },
  subnetId: string,
  links: ManagementZoneLinks,
): (key: LandingPrivateEndpoint, zone: LandingZoneDnsZone) => PrivateEndpointSpec {
  return (key, zone) => ({ name: names.privateEndpoints[key], subnetId, privateDnsZoneIds: endpointZoneIds(links, [zone]) });
}

/** The zone ids an endpoint registers in: none when policy creates the zone groups. */
export function endpointZoneIds(links: ManagementZoneLinks, zones: readonly LandingZoneDnsZone[]): string[] {
  return links.dnsZoneGroups === false ? [] : zones.map((zone) => links.privateDnsZoneId(zone));
}
