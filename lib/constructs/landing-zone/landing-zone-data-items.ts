import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { withPreviousIds } from '../shared/previous-ids';
import { DataIntegration, DataIntegrationSpec } from '../data-integration/data-integration';
import { DataItemContext } from '../data-items/item-context';
import { DataProduct, DataProductSpec } from '../data-product/data-product';
import { ManagementZoneAccess } from '../shared/management-zone-links';
import { ManagementZoneLinks } from '../shared/management-zone-links';
import type { ZoneDiagnostics } from '../shared/vocabulary';

/** Where one item deploys: its own resource group and subnet. */
export interface ItemPlacement {
  readonly resourceGroupName: string;
  readonly subnetId: string;
  /** The subnet's route table association (AKS with `userDefinedRouting` waits for it). @default - none */
  readonly subnetRouting?: ITerraformDependable;
}

export interface LandingZoneDataItemsProps {
  readonly location: string;
  /** The landing zone subscription. */
  readonly subscriptionId: string;
  readonly dataIntegrations: readonly DataIntegrationSpec[];
  readonly dataProducts: readonly DataProductSpec[];
  readonly tenantId: string;
  /** Every item's identity, by name (made before the shared services that carry them). */
  readonly identities: Readonly<Record<string, UserAssignedIdentity>>;
  /** Every item's resource group and subnet, by name. */
  readonly placements: Readonly<Record<string, ItemPlacement>>;
  /** Data locations: each integration's raw and enriched containers, each product's workspace container. */
  readonly containers: Readonly<{
    integrations: Readonly<Record<string, { raw: StorageContainer; enriched: StorageContainer }>>;
    products: Readonly<Record<string, StorageContainer>>;
  }>;
  readonly lakeIds: Readonly<{ raw: string; enriched: string; workspace: string }>;
  /**
   * The shared Synapse workspace.
   * @default - Synapse is off
   */
  readonly synapseWorkspaceId?: string;
  readonly managementZone: ManagementZoneAccess;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
  /** Availability zones of the region (empty where it has none). */
  readonly availabilityZones: readonly string[];
  /** Production: paid AKS tier and Azure ML's FastProd purpose for served products. */
  readonly production: boolean;
  /** The estate's address pool: AKS service ranges stay outside it. */
  readonly addressPool: string;
}

/**
 * The zone's data integrations and data products (issue #6), each in its own resource
 * group and subnet with its own identity, keyed by name: appending one moves nothing.
 */
export class LandingZoneDataItems extends Construct {
  readonly dataIntegrations: Readonly<Record<string, DataIntegration>>;
  readonly dataProducts: Readonly<Record<string, DataProduct>>;

  constructor(scope: Construct, id: string, props: LandingZoneDataItemsProps) {
    super(scope, id);
    const context = (item: string): DataItemContext => ({
      location: props.location,
      subscriptionId: props.subscriptionId,
      tenantId: props.tenantId,
      resourceGroupName: props.placements[item].resourceGroupName,
      subnetId: props.placements[item].subnetId,
      subnetRouting: props.placements[item].subnetRouting,
      links: props.links,
      diagnostics: props.diagnostics,
      lakeIds: props.lakeIds,
    });

    const integrations = new Construct(this, 'data-integrations');
    this.dataIntegrations = Object.fromEntries(
      props.dataIntegrations.map((integration) => [
        integration.name,
        withPreviousIds(
          new DataIntegration(integrations, integration.name, {
            integration,
            context: context(integration.name),
            identity: props.identities[integration.name],
            containers: props.containers.integrations[integration.name],
            synapseWorkspaceId: props.synapseWorkspaceId,
          }),
          integration.previousNames ?? [],
        ),
      ]),
    );

    const products = new Construct(this, 'data-products');
    this.dataProducts = Object.fromEntries(
      props.dataProducts.map((product) => [
        product.name,
        withPreviousIds(
          new DataProduct(products, product.name, {
            product,
            context: context(product.name),
            identity: props.identities[product.name],
            container: props.containers.products[product.name],
            synapseWorkspaceId: props.synapseWorkspaceId,
            availabilityZones: props.availabilityZones,
            production: props.production,
            addressPool: props.addressPool,
            managementZone: props.managementZone,
          }),
          product.previousNames ?? [],
        ),
      ]),
    );
  }
}
