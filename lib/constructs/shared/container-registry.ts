import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointOptions } from './private-endpoint';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface ManagementContainerRegistryProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** True where the region has availability zones (zone redundancy cannot be changed later). */
  readonly zoneRedundant: boolean;
  readonly privateEndpoint: Omit<PrivateEndpointOptions, 'subresource'> & { readonly name: string };
  /**
   * Days untagged manifests are kept before they are purged.
   * @default 7 (as the reference)
   */
  readonly untaggedRetentionDays?: number;
  /**
   * Quarantine pushed images until a scanner releases them. Turn it off for a registry an
   * Azure ML workspace builds into (rule CSA-CR-005): Azure ML pulls the images it builds at
   * once, and no scanner of the estate releases them (the reference analytics template has
   * it off too).
   * @default true (the management zone's registry)
   */
  readonly quarantine?: boolean;
}

/**
 * The estate's shared container registry (images for Azure ML, Databricks container
 * services, self-hosted runtimes). Premium for private endpoints; identity-only access:
 * no admin user, no anonymous pull, no public network access, no export.
 */
export class ManagementContainerRegistry extends Construct {
  readonly registry: ContainerRegistry;

  constructor(scope: Construct, id: string, props: ManagementContainerRegistryProps) {
    super(scope, id);
    this.registry = new ContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: SECURE_DEFAULTS.containerRegistry.sku.value,
      adminEnabled: SECURE_DEFAULTS.containerRegistry.adminEnabled.value,
      // The reference enables anonymous pull: anyone who can reach the registry could read every image.
      anonymousPullEnabled: SECURE_DEFAULTS.containerRegistry.anonymousPullEnabled.value,
      publicNetworkAccessEnabled: SECURE_DEFAULTS.containerRegistry.publicNetworkAccessEnabled.value,
      // No trusted-service bypass, as the reference: only the private endpoint reaches it.
      networkRuleBypassOption: SECURE_DEFAULTS.containerRegistry.networkRuleBypassOption.value,
      networkRuleSet: [{ defaultAction: SECURE_DEFAULTS.containerRegistry.networkDefaultAction.value, ipRule: [] }],
      // Images cannot be copied out to another registry (needs public access off, which it is).
      exportPolicyEnabled: SECURE_DEFAULTS.containerRegistry.exportPolicyEnabled.value,
      quarantinePolicyEnabled: props.quarantine ?? SECURE_DEFAULTS.containerRegistry.quarantinePolicyEnabled.value,
      retentionPolicyInDays: props.untaggedRetentionDays ?? SECURE_DEFAULTS.containerRegistry.untaggedRetentionDays.value,
      trustPolicyEnabled: SECURE_DEFAULTS.containerRegistry.trustPolicyEnabled.value,
      zoneRedundancyEnabled: props.zoneRedundant,
      identity: { type: SECURE_DEFAULTS.containerRegistry.identity.value },
      lifecycle: { preventDestroy: SECURE_DEFAULTS.containerRegistry.preventDestroy.value },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      name: props.privateEndpoint.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      targetResourceId: this.registry.id,
      subnetId: props.privateEndpoint.subnetId,
      subresource: 'registry',
      privateDnsZoneIds: props.privateEndpoint.privateDnsZoneIds,
    });
  }
}
