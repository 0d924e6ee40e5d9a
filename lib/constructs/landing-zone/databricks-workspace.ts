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
  /** The `databricks_ui_api` endpoint: back-end private link for the clusters, and the UI/API for estate networks. */
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * A premium Azure Databricks workspace injected into the landing zone's network, with
 * secure cluster connectivity (no public IPs on cluster nodes) and back-end Private Link:
 * clusters reach the control plane through the `databricks_ui_api` endpoint in the
 * zone's services subnet, so Databricks adds no NSG rules of its own
 * (`NoAzureDatabricksRules`). The workspace UI stays reachable from outside the estate
 * networks (Entra ID sign-in): a private-only front end needs the region's
 * `browser_authentication` endpoint, which the estate does not have yet (see
 * docs/landing-zone.md).
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
      location: props.location,
      targetResourceId: this.workspace.id,
      subresource: 'databricks_ui_api',
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
