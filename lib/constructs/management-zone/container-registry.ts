import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointOptions } from '../shared/private-endpoint';

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
      sku: 'Premium',
      adminEnabled: false,
      // The reference enables anonymous pull: anyone who can reach the registry could read every image.
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: false,
      // No trusted-service bypass, as the reference: only the private endpoint reaches it.
      networkRuleBypassOption: 'None',
      networkRuleSet: [{ defaultAction: 'Deny', ipRule: [] }],
      // Images cannot be copied out to another registry (needs public access off, which it is).
      exportPolicyEnabled: false,
      quarantinePolicyEnabled: true,
      retentionPolicyInDays: props.untaggedRetentionDays ?? 7,
      trustPolicyEnabled: false,
      zoneRedundancyEnabled: props.zoneRedundant,
      identity: { type: 'SystemAssigned' },
      lifecycle: { preventDestroy: true },
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
