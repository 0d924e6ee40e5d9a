import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { DataProductNames } from '../../naming/item-names';
import { DataItemContext, ItemIdentity, itemEndpoint } from '../data-items/item-context';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { Grant, Grants } from '../shared/grants';
import { PrivateKeyVault } from '../shared/key-vault';
import { TagsAspect } from '../shared/tags-aspect';
import { AnalyticsProduct } from './analytics-product';
import { BatchProduct } from './batch-product';
import { ManagementZoneAccess } from '../shared/management-zone-links';
import { ProductAlerts } from './product-alerts';
import { ProductEngine } from './product-engine';
import { StreamingProduct } from './streaming-product';

/** One data product, as the construct needs it (the estate's `dataProducts` entries fit). */
export interface DataProductSpec {
  readonly name: string;
  /**
   * Its earlier names, oldest first: its construct ids before (docs/renames.md).
   * @default - never renamed
   */
  readonly previousNames?: readonly string[];
  /**
   * Its resources' names (lib/naming/item-names.ts): `names.template` and `names.engine` say
   * which template and engine; `names.serving` is there when an AKS cluster serves it.
   */
  readonly names: DataProductNames;
  /**
   * Where failed-run alerts go (the reference's `dataProductTeamEmail`).
   * @default - no alerts (as the reference without an address)
   */
  readonly teamEmail?: string;
  /**
   * Entra groups (object ids) that administer its serving cluster, with `names.serving`:
   * Azure Kubernetes Service RBAC Cluster Admin on it (the estate maps the zone's `access.zoneAdmins`).
   * @default - none
   */
  readonly servingAdminGroupIds?: readonly string[];
}

export interface DataProductProps {
  readonly product: DataProductSpec;
  readonly context: DataItemContext;
  /** The product's user-assigned identity (made by the zone before the shared services that carry it). */
  readonly identity: ItemIdentity;
  /** Its data location: its `dp-<name>` container in the workspace lake. */
  readonly container: StorageContainer;
  /**
   * The zone's shared Synapse workspace (engine `synapse` needs it; validation checks).
   * @default - Synapse is off
   */
  readonly synapseWorkspaceId?: string;
  /** ZRS and zone-redundant registries where the region has availability zones. */
  readonly availabilityZones: readonly string[];
  /** `prod` estates: paid AKS tier and Azure ML's FastProd purpose. */
  readonly production: boolean;
  /** The estate's address pool (AKS service ranges stay outside it). */
  readonly addressPool: string;
  /** The management zone's subscription and provider (the AKS API server's DNS record). */
  readonly managementZone: ManagementZoneAccess;
}

/**
 * One data product (reference sections C, D and E): its Key Vault, its template's
 * services (batch: SQL database; analytics: Azure ML, optionally served from AKS;
 * streaming: Event Hub), its engine (dedicated factory, dedicated Spark pool or access
 * connector), alerts when the team gave an address, and its identity's grants.
 * Everything it creates carries a `dataProduct: <name>` tag for cost reports. Read access
 * to its inputs is granted by the zone stack (spec section 3: the later of two zones).
 */
export class DataProduct extends Construct {
  readonly identity: ItemIdentity;
  readonly keyVault: PrivateKeyVault;
  readonly template: BatchProduct | AnalyticsProduct | StreamingProduct;
  readonly engine: ProductEngine;
  readonly alerts?: ProductAlerts;
  readonly access: Grants;

  constructor(scope: Construct, id: string, props: DataProductProps) {
    super(scope, id);
    const { product, context, identity } = props;
    const { names } = product;
    this.identity = identity;
    Aspects.of(this).add(new TagsAspect({ dataProduct: product.name }));

    this.keyVault = new PrivateKeyVault(this, 'key-vault', {
      name: names.keyVault.name,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      tenantId: context.tenantId,
      privateEndpoint: itemEndpoint(context, names.keyVault.privateEndpoint, 'privatelink.vaultcore.azure.net'),
    });
    new DiagnosticSettings(this, 'key-vault-diagnostics', { ...context.diagnostics, targetResourceId: this.keyVault.vault.id });
    const keyVaultId = this.keyVault.vault.id;

    switch (names.template) {
      case 'batch':
        this.template = new BatchProduct(this, 'batch', { names, context, identity });
        break;
      case 'analytics':
        this.template = new AnalyticsProduct(this, 'analytics', {
          names,
          context,
          identity,
          keyVaultId,
          zoneRedundant: props.availabilityZones.length > 0,
          availabilityZones: props.availabilityZones,
          production: props.production,
          addressPool: props.addressPool,
          ...{ managementZone: props.managementZone, servingAdminGroupIds: product.servingAdminGroupIds },
        });
        break;
      case 'streaming':
        this.template = new StreamingProduct(this, 'streaming', { names, context, identity });
        break;
    }

    this.engine = new ProductEngine(this, 'engine', {
      productName: product.name,
      names,
      context,
      identity,
      keyVaultId,
      factoryTargets: this.template.factoryTargets,
      synapseWorkspaceId: props.synapseWorkspaceId,
    });

    if (product.teamEmail && this.engine.alertTarget) {
      this.alerts = new ProductAlerts(this, 'alerts', {
        names: names.alerts,
        resourceGroupName: context.resourceGroupName,
        email: product.teamEmail,
        target: this.engine.alertTarget,
      });
    }

    const grants: Record<string, Grant> = {
      // Container scope: the product writes its own data location, nothing else of the workspace lake.
      'product-data': { role: 'Storage Blob Data Contributor', principalId: identity.principalId, scope: props.container.id },
      'vault-secrets': { role: 'Key Vault Secrets User', principalId: identity.principalId, scope: keyVaultId },
      ...this.template.grants,
    };
    this.access = new Grants(this, 'access', { subscriptionId: context.subscriptionId, grants });
  }
}
