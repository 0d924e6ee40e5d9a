import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointOptions } from './private-endpoint';

export interface PrivateKeyVaultProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The Entra tenant that authorizes access (RBAC). */
  readonly tenantId: string;
  readonly privateEndpoint: Omit<PrivateEndpointOptions, 'subresource'> & { readonly name: string };
  /**
   * Days a deleted vault (and its secrets) can be recovered. With purge protection the
   * name also stays taken that long.
   * @default 90 (the reference has 7: a week is too short to notice a deletion over a holiday)
   */
  readonly softDeleteRetentionDays?: number;
}

/**
 * A Key Vault for any zone: Azure RBAC only (no access policies), purge protection,
 * no public network access, reachable through its private endpoint.
 */
export class PrivateKeyVault extends Construct {
  readonly vault: KeyVault;

  constructor(scope: Construct, id: string, props: PrivateKeyVaultProps) {
    super(scope, id);
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: 'standard',
      // The 4.x name; `enable_rbac_authorization` is deprecated.
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      publicNetworkAccessEnabled: false,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      // Deny everything not coming through the private endpoint; trusted Azure services
      // (e.g. Purview reading credentials it was granted) may still pass, as in the reference.
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkSubnetIds: [] },
      lifecycle: { preventDestroy: true },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      name: props.privateEndpoint.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      targetResourceId: this.vault.id,
      subnetId: props.privateEndpoint.subnetId,
      subresource: 'vault',
      privateDnsZoneIds: props.privateEndpoint.privateDnsZoneIds,
    });
  }
}
