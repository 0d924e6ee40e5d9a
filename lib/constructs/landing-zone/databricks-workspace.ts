import { DatabricksWorkspace as AzureDatabricksWorkspace } from '@cdktf/provider-azurerm/lib/databricks-workspace';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from '../shared/private-endpoint';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

/** One of the two delegated subnets a VNet-injected workspace runs its clusters in. */
export interface InjectedSubnet {
  readonly name: string;
  /** Databricks requires the subnet's NSG association to exist first; passing its id orders the two. */
  readonly networkSecurityGroupAssociationId: string;
}

export interface DatabricksWorkspaceProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Must not exist yet: Databricks creates it for the workspace's storage and cluster resources. */
  readonly managedResourceGroupName: string;
  /** The landing zone's virtual network. */
  readonly virtualNetworkId: string;
  readonly publicSubnet: InjectedSubnet;
  readonly privateSubnet: InjectedSubnet;
  /** The `databricks_ui_api` endpoint: back-end private link for the clusters, and the private front end (UI/API). */
  readonly privateEndpoint: PrivateEndpointSpec;
  /**
   * What the endpoint reaches: `browser_authentication` for a web-auth workspace, which
   * only hosts the region's single sign-on callback endpoint and runs no clusters.
   * @default 'databricks_ui_api'
   */
  readonly privateEndpointSubresource?: 'databricks_ui_api' | 'browser_authentication';
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * A premium Azure Databricks workspace injected into the landing zone's network, with
 * secure cluster connectivity (no public IPs on cluster nodes) and Private Link both ways:
 * clusters reach the control plane through the `databricks_ui_api` endpoint in the zone's
 * services subnet (back end, `NoAzureDatabricksRules`: Databricks adds no NSG rules for
 * the control plane), and users reach the UI and REST API through the same endpoint from
 * the estate networks (front end). Public network access is off; browser sign-in goes
 * through the region's `browser_authentication` endpoint, which the management zone's
 * web-auth workspace holds (docs/landing-zone.md, "Databricks private connectivity").
 */
export class DatabricksWorkspace extends Construct {
  readonly workspace: AzureDatabricksWorkspace;

  constructor(scope: Construct, id: string, props: DatabricksWorkspaceProps) {
    super(scope, id);
    this.workspace = new AzureDatabricksWorkspace(this, 'workspace', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: SECURE_DEFAULTS.databricks.sku.value,
      managedResourceGroupName: props.managedResourceGroupName,
      publicNetworkAccessEnabled: SECURE_DEFAULTS.databricks.publicNetworkAccessEnabled.value,
      networkSecurityGroupRulesRequired: SECURE_DEFAULTS.databricks.networkSecurityGroupRulesRequired.value,
      // Double encryption of the workspace storage (premium only; set at creation).
      infrastructureEncryptionEnabled: SECURE_DEFAULTS.databricks.infrastructureEncryptionEnabled.value,
      // As the reference (prepareEncryption): customer-managed keys can be added later without recreating.
      customerManagedKeyEnabled: SECURE_DEFAULTS.databricks.customerManagedKeyEnabled.value,
      customParameters: {
        noPublicIp: SECURE_DEFAULTS.databricks.noPublicIp.value,
        virtualNetworkId: props.virtualNetworkId,
        publicSubnetName: props.publicSubnet.name,
        privateSubnetName: props.privateSubnet.name,
        publicSubnetNetworkSecurityGroupAssociationId: props.publicSubnet.networkSecurityGroupAssociationId,
        privateSubnetNetworkSecurityGroupAssociationId: props.privateSubnet.networkSecurityGroupAssociationId,
      },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      ...props.privateEndpoint,
      resourceGroupName: props.resourceGroupName,
      location: props.privateEndpoint.location ?? props.location,
      targetResourceId: this.workspace.id,
      subresource: props.privateEndpointSubresource ?? 'databricks_ui_api',
    });
    // Databricks workspaces have logs (audit, jobs, clusters, ...) but no platform metrics.
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.workspace.id, metrics: [] });
  }
}

/** What the shared integration and shared product resource groups pass to build their workspace. */
export interface SharedDatabricksProps {
  readonly names: {
    readonly databricksWorkspaces: Readonly<Record<'integration' | 'product', string>>;
    readonly databricksManagedResourceGroups: Readonly<Record<'integration' | 'product', string>>;
  };
  readonly resourceGroupName: string;
  readonly location: string;
  readonly virtualNetworkId: string;
  readonly databricksSubnets: { readonly public: InjectedSubnet; readonly private: InjectedSubnet };
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: ZoneDiagnostics;
}

/** The zone's `integration` or `product` workspace, in its own delegated subnet pair (construct id `databricks`). */
export function sharedDatabricksWorkspace(scope: Construct, workspace: 'integration' | 'product', props: SharedDatabricksProps): DatabricksWorkspace {
  return new DatabricksWorkspace(scope, 'databricks', {
    name: props.names.databricksWorkspaces[workspace],
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    managedResourceGroupName: props.names.databricksManagedResourceGroups[workspace],
    virtualNetworkId: props.virtualNetworkId,
    publicSubnet: props.databricksSubnets.public,
    privateSubnet: props.databricksSubnets.private,
    privateEndpoint: props.privateEndpoint,
    diagnostics: props.diagnostics,
  });
}
