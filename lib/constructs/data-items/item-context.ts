import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable } from 'cdktf';
import { PrivateEndpointSpec, ZoneDiagnostics } from '../shared/vocabulary';
import { endpointZoneIds, LandingZoneDnsZone, ManagementZoneLinks } from '../shared/management-zone-links';

/**
 * What every data integration and data product construct receives from its landing
 * zone: where it deploys (its own resource group and subnet), what it links to (the
 * management zone, the lakes, the shared services) and its identity. The zone owns all
 * of these; items only take their ids.
 */
export interface DataItemContext {
  readonly location: string;
  /** The landing zone subscription: every role assignment scope of the item lies in it. */
  readonly subscriptionId: string;
  /** The Entra tenant (Key Vault RBAC, AKS Entra integration). */
  readonly tenantId: string;
  /** The item's own resource group (`rg-...-di-<name>` / `rg-...-dp-<name>`). */
  readonly resourceGroupName: string;
  /** The item's own subnet (`snet-di-<name>` / `snet-dp-<name>`): its private endpoints and compute live there. */
  readonly subnetId: string;
  /**
   * The subnet's route table association: compute that needs the route to the hub firewall
   * when it is created (AKS with `userDefinedRouting`) waits for it.
   * @default - nothing to wait for
   */
  readonly subnetRouting?: ITerraformDependable;
  /** DNS zones, Log Analytics and Purview of the management zone (remote state). */
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
  /** The zone's ADLS Gen2 accounts: targets of managed private endpoints. */
  readonly lakeIds: Readonly<{ raw: string; enriched: string; workspace: string }>;
}

/** An item's user-assigned identity: every grant of the item is made to it. */
export type ItemIdentity = UserAssignedIdentity;

/** A private endpoint of an item: in its subnet, registered in one management zone DNS zone. */
export function itemEndpoint(context: DataItemContext, name: string, ...zones: LandingZoneDnsZone[]): PrivateEndpointSpec {
  return { name, subnetId: context.subnetId, privateDnsZoneIds: endpointZoneIds(context.links, zones) };
}
