import { PrivateEndpoint as AzurePrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

/**
 * Sub-resources (group ids) a private endpoint can reach, for the services the estate
 * deploys. Extend the union when a zone needs another one; a typo is then a compile error
 * instead of a failed apply.
 */
export type PrivateLinkSubresource =
  | 'account' // Purview account API
  | 'portal' // Purview governance portal
  | 'blob'
  | 'dfs'
  | 'file'
  | 'queue'
  | 'table'
  | 'web' // storage static website, or a Synapse private link hub (Synapse Studio)
  | 'namespace' // Event Hubs / Service Bus
  | 'vault' // Key Vault
  | 'registry' // Container Registry
  | 'dataFactory'
  | 'Sql' // Synapse dedicated SQL
  | 'SqlOnDemand' // Synapse serverless SQL
  | 'Dev' // Synapse development endpoint
  | 'databricks_ui_api'
  | 'browser_authentication'
  | 'amlworkspace'
  | 'searchService'
  | 'sqlServer';

/**
 * How a resource is reached privately: the same shape on every resource that supports
 * private endpoints (Azure Verified Modules' `privateEndpoints`).
 */
export interface PrivateEndpointOptions {
  /** The subnet the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /** Which part of the target the endpoint reaches. */
  readonly subresource: PrivateLinkSubresource;
  /**
   * Private DNS zones the endpoint registers its A records in, through a zone group named
   * `default`. Landing zones pass ids read from the management zone's remote state.
   * An empty list creates no zone group and ignores the one Azure Policy adds (an enterprise
   * hub's deployIfNotExists policy creates it after the endpoint; Terraform would otherwise
   * remove it on every apply, hashicorp/terraform-provider-azurerm#24681).
   */
  readonly privateDnsZoneIds: readonly string[];
}

export interface PrivateEndpointProps extends PrivateEndpointOptions {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The resource the endpoint reaches. */
  readonly targetResourceId: string;
}

/**
 * One private endpoint to one sub-resource of one resource. The endpoint never creates
 * what its caller owns (subnet, DNS zones); it takes their ids.
 */
export class PrivateEndpoint extends Construct {
  readonly endpoint: AzurePrivateEndpoint;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    this.endpoint = new AzurePrivateEndpoint(this, 'endpoint', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      privateServiceConnection: {
        // The reference names the connection after the endpoint; one connection per endpoint.
        name: props.name,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        // Auto-approved: the deploying identity owns both sides.
        isManualConnection: SECURE_DEFAULTS.privateEndpoint.autoApproved.value,
      },
      ...(props.privateDnsZoneIds.length
        ? { privateDnsZoneGroup: { name: SECURE_DEFAULTS.privateEndpoint.dnsZoneGroupName.value, privateDnsZoneIds: [...props.privateDnsZoneIds] } }
        : {}),
      ...(props.privateDnsZoneIds.length ? {} : { lifecycle: { ignoreChanges: ['private_dns_zone_group'] } }),
    });
  }
}

/** A resource's endpoint to one fixed sub-resource: the caller names it and says where it goes. */
export type PrivateEndpointSpec = Omit<PrivateEndpointOptions, 'subresource'> & {
  readonly name: string;
  /**
   * The region of the endpoint's network, when it is not the target's (a cross-region endpoint).
   * @default the target's region
   */
  readonly location?: string;
};
