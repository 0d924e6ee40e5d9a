import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointOptions } from './private-endpoint';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

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
      rbacAuthorizationEnabled: SECURE_DEFAULTS.keyVault.rbacAuthorizationEnabled.value,
      purgeProtectionEnabled: SECURE_DEFAULTS.keyVault.purgeProtectionEnabled.value,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? SECURE_DEFAULTS.keyVault.softDeleteRetentionDays.value,
      publicNetworkAccessEnabled: SECURE_DEFAULTS.keyVault.publicNetworkAccessEnabled.value,
      enabledForDeployment: SECURE_DEFAULTS.keyVault.enabledForDeploymentDiskEncryptionTemplates.value,
      enabledForDiskEncryption: SECURE_DEFAULTS.keyVault.enabledForDeploymentDiskEncryptionTemplates.value,
      enabledForTemplateDeployment: SECURE_DEFAULTS.keyVault.enabledForDeploymentDiskEncryptionTemplates.value,
      // Deny everything not coming through the private endpoint; trusted Azure services
      // (e.g. Purview reading credentials it was granted) may still pass, as in the reference.
      networkAcls: {
        defaultAction: SECURE_DEFAULTS.keyVault.networkDefaultAction.value,
        bypass: SECURE_DEFAULTS.keyVault.networkBypass.value,
        ipRules: [...SECURE_DEFAULTS.keyVault.networkIpAndSubnetRules.value],
        virtualNetworkSubnetIds: [...SECURE_DEFAULTS.keyVault.networkIpAndSubnetRules.value],
      },
      lifecycle: { preventDestroy: SECURE_DEFAULTS.keyVault.preventDestroy.value },
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
