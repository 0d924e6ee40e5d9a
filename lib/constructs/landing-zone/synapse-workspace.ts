import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { SynapseWorkspace as AzureSynapseWorkspace } from '@cdktf/provider-azurerm/lib/synapse-workspace';
import { SynapseWorkspaceAadAdmin } from '@cdktf/provider-azurerm/lib/synapse-workspace-aad-admin';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from '../shared/private-endpoint';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface SynapseWorkspaceProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** Must not exist yet: Synapse creates it. */
  readonly managedResourceGroupName: string;
  /** The workspace's default storage: a lake with a hierarchical namespace and one of its containers. */
  readonly defaultStorage: { readonly account: StorageAccount; readonly container: StorageContainer };
  /** The Entra administrator of the SQL endpoints (dedicated and serverless). */
  readonly sqlAdministrator: UserAssignedIdentity;
  readonly purviewAccountId: string;
  /** `Sql`, `SqlOnDemand` (privatelink.sql.azuresynapse.net) and `Dev` (privatelink.dev.azuresynapse.net). */
  readonly privateEndpoints: Readonly<Record<'Sql' | 'SqlOnDemand' | 'Dev', PrivateEndpointSpec>>;
  readonly diagnostics: ZoneDiagnostics;
  /**
   * User-assigned identities the workspace carries besides its own: the data integrations'
   * and products' that run on it, so their pipelines can authenticate as them through a
   * Synapse credential (a Spark pool has no identity of its own).
   * @default - the system identity only
   */
  readonly userAssignedIdentityIds?: readonly string[];
}

/**
 * The shared product Synapse workspace: managed virtual network with data exfiltration
 * protection (outbound only through approved managed private endpoints, to the own
 * tenant), no public network access, Entra ID only for SQL (no SQL administrator login or
 * password), Purview lineage, and its three private endpoints.
 *
 * The default storage is the container made through the control plane
 * (`azurerm_storage_container` with `storage_account_id`) and passed as the file system URL
 * `https://<account>.dfs.core.windows.net/<container>`, which is all the provider reads
 * from `storage_data_lake_gen2_filesystem_id`: `azurerm_storage_data_lake_gen2_filesystem`
 * would create it through the firewalled DFS data plane.
 */
export class SynapseWorkspace extends Construct {
  readonly workspace: AzureSynapseWorkspace;

  constructor(scope: Construct, id: string, props: SynapseWorkspaceProps) {
    super(scope, id);
    const { resourceGroupName, location } = props;
    const { account, container } = props.defaultStorage;
    this.workspace = new AzureSynapseWorkspace(this, 'workspace', {
      name: props.name,
      resourceGroupName,
      location,
      managedResourceGroupName: props.managedResourceGroupName,
      // primary_dfs_endpoint ends in "/"; referencing the container also orders creation after it.
      storageDataLakeGen2FilesystemId: `${account.primaryDfsEndpoint}${container.name}`,
      managedVirtualNetworkEnabled: SECURE_DEFAULTS.synapse.managedVirtualNetworkEnabled.value,
      dataExfiltrationProtectionEnabled: SECURE_DEFAULTS.synapse.dataExfiltrationProtectionEnabled.value,
      publicNetworkAccessEnabled: SECURE_DEFAULTS.synapse.publicNetworkAccessEnabled.value,
      azureadAuthenticationOnly: SECURE_DEFAULTS.synapse.azureadAuthenticationOnly.value,
      identity: props.userAssignedIdentityIds?.length
        ? { type: 'SystemAssigned, UserAssigned', identityIds: [...props.userAssignedIdentityIds] }
        : { type: 'SystemAssigned' },
      purviewId: props.purviewAccountId,
      // As the reference: the workspace identity may run SQL pool operations (pipelines loading pools).
      sqlIdentityControlEnabled: SECURE_DEFAULTS.synapse.sqlIdentityControlEnabled.value,
    });
    new SynapseWorkspaceAadAdmin(this, 'sql-administrator', {
      synapseWorkspaceId: this.workspace.id,
      login: props.sqlAdministrator.name,
      objectId: props.sqlAdministrator.principalId,
      tenantId: props.sqlAdministrator.tenantId,
    });

    const endpoints = new Construct(this, 'private-endpoints');
    for (const [subresource, endpoint] of Object.entries(props.privateEndpoints) as ['Sql' | 'SqlOnDemand' | 'Dev', PrivateEndpointSpec][]) {
      new PrivateEndpoint(endpoints, subresource, { ...endpoint, resourceGroupName, location, targetResourceId: this.workspace.id, subresource });
    }
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.workspace.id });
  }
}
