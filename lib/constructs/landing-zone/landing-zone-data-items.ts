import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { withPreviousIds } from '../shared/previous-ids';
import { Estate, LandingZone } from '../../estate/model';
import { DataIntegration } from '../data-integration/data-integration';
import { DataItemContext } from '../data-items/item-context';
import { DataProduct } from '../data-product/data-product';
import { ManagementZoneAccess } from '../data-product/model-serving-cluster';
import { DiagnosticSettingsOptions } from '../shared/diagnostic-settings';
import { ManagementZoneLinks } from './management-zone-links';

/** Where one item deploys: its own resource group and subnet. */
export interface ItemPlacement {
  readonly resourceGroupName: string;
  readonly subnetId: string;
}

export interface LandingZoneDataItemsProps {
  readonly estate: Estate;
  readonly zone: LandingZone;
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
  /** The shared Synapse workspace, when on. */
  readonly synapseWorkspaceId?: string;
  readonly managementZone: ManagementZoneAccess;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: DiagnosticSettingsOptions & { readonly name: string };
  /** Availability zones of the region (empty where it has none). */
  readonly availabilityZones: readonly string[];
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
    const { estate, zone } = props;
    const context = (item: string): DataItemContext => ({
      location: estate.location,
      subscriptionId: zone.subscriptionId,
      tenantId: props.tenantId,
      resourceGroupName: props.placements[item].resourceGroupName,
      subnetId: props.placements[item].subnetId,
      links: props.links,
      diagnostics: props.diagnostics,
      lakeIds: props.lakeIds,
    });

    const integrations = new Construct(this, 'data-integrations');
    this.dataIntegrations = Object.fromEntries(
      zone.dataIntegrations.map((integration) => [
        integration.name,
        withPreviousIds(new DataIntegration(integrations, integration.name, {
          integration,
          names: zone.names.dataIntegrations[integration.name],
          context: context(integration.name),
          identity: props.identities[integration.name],
          containers: props.containers.integrations[integration.name],
          synapseWorkspaceId: props.synapseWorkspaceId,
        }), integration.previousNames),
      ]),
    );

    const products = new Construct(this, 'data-products');
    this.dataProducts = Object.fromEntries(
      zone.dataProducts.map((product) => [
        product.name,
        withPreviousIds(new DataProduct(products, product.name, {
          product,
          names: zone.names.dataProducts[product.name],
          context: context(product.name),
          identity: props.identities[product.name],
          container: props.containers.products[product.name],
          synapseWorkspaceId: props.synapseWorkspaceId,
          availabilityZones: props.availabilityZones,
          production: estate.environment === 'prod',
          addressPool: estate.network.addressPool,
          managementZone: props.managementZone,
          ...(product.teamEmail ? { alertEmail: product.teamEmail } : {}),
        }), product.previousNames),
      ]),
    );
  }
}
