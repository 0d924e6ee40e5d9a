import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { MachineLearningWorkspace as AzureMachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { Construct } from 'constructs';
import { MachineLearningNames } from '../../naming/item-names';
import { DataItemContext, ItemIdentity, itemEndpoint } from '../data-items/item-context';
import { DataLake } from '../shared/data-lake';
import { ManagementContainerRegistry } from '../shared/container-registry';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { Grant } from '../shared/grants';
import { PrivateEndpoint } from '../shared/private-endpoint';
import { suppressRule } from '../../policy/suppressions';

export interface MachineLearningWorkspaceProps {
  readonly names: MachineLearningNames;
  readonly context: DataItemContext;
  /** The product's Key Vault: the workspace keeps its secrets there. */
  readonly keyVaultId: string;
  /** The product's identity: the compute cluster runs jobs as it. */
  readonly computeIdentity: ItemIdentity;
  /** ZRS where the region has availability zones (storage; registry zone redundancy). */
  readonly zoneRedundant: boolean;
  /**
   * The compute cluster's VM size.
   * @default 'Standard_DS3_v2' (the reference's `cpucluster001`)
   */
  readonly computeVmSize?: string;
  /** Most nodes of the compute cluster (it scales to zero when idle). @default 4 (as the reference) */
  readonly computeMaxNodes?: number;
}

/**
 * The data product analytics template's core (reference section D): an Azure Machine
 * Learning workspace that is reachable only through its `amlworkspace` endpoint (API and
 * notebooks zones), with its own storage (the lakes' contract: no shared keys, no public
 * access, `blob` and `file` endpoints), Key Vault, a Premium registry (no admin user, no
 * anonymous pull, private only), workspace-based Application Insights on the management
 * zone's Log Analytics workspace, and a CPU cluster in the product subnet without public
 * IPs, running as the product's identity. The workspace uses the landing zone network
 * (isolation mode `Disabled`, i.e. no Azure-managed network), so compute lives where the
 * product's grants and routes are.
 */
export class MachineLearningWorkspace extends Construct {
  readonly workspace: AzureMachineLearningWorkspace;
  readonly storage: DataLake;
  readonly registry: ManagementContainerRegistry;
  readonly applicationInsights: ApplicationInsights;
  readonly computeCluster: MachineLearningComputeCluster;
  readonly grants: Readonly<Record<string, Grant>>;

  constructor(scope: Construct, id: string, props: MachineLearningWorkspaceProps) {
    super(scope, id);
    const { names, context } = props;
    const { resourceGroupName, location, diagnostics } = context;
    this.storage = workspaceStorage(this, props);

    this.registry = new ManagementContainerRegistry(this, 'registry', {
      name: names.containerRegistry,
      resourceGroupName,
      location,
      zoneRedundant: props.zoneRedundant,
      privateEndpoint: itemEndpoint(context, names.privateEndpoints.registry, 'privatelink.azurecr.io'),
      // Azure ML pulls the images it builds at once; no scanner of the estate would release them (CSA-CR-005).
      quarantine: false,
    });
    new DiagnosticSettings(this, 'registry-diagnostics', { ...diagnostics, targetResourceId: this.registry.registry.id });

    this.applicationInsights = new ApplicationInsights(this, 'application-insights', {
      name: names.applicationInsights,
      resourceGroupName,
      location,
      applicationType: 'web',
      // Workspace-based (the reference's is classic): telemetry lands in the management zone's workspace.
      workspaceId: context.links.logAnalyticsWorkspaceId,
      // As the reference: models send telemetry through the firewall; nobody queries it from the internet.
      internetIngestionEnabled: true,
      internetQueryEnabled: false,
    });

    this.workspace = this.createWorkspace(props);
    this.computeCluster = this.createComputeCluster(props);
    this.grants = this.workspaceGrants(props);
  }

  /** The workspace, reachable only through its `amlworkspace` endpoint (API and notebooks zones). */
  private createWorkspace(props: MachineLearningWorkspaceProps): AzureMachineLearningWorkspace {
    const { names, context } = props;
    const { resourceGroupName, location, diagnostics } = context;
    const workspace = new AzureMachineLearningWorkspace(this, 'workspace', {
      name: names.workspace,
      resourceGroupName,
      location,
      skuName: 'Basic',
      identity: { type: 'SystemAssigned' },
      applicationInsightsId: this.applicationInsights.id,
      keyVaultId: props.keyVaultId,
      storageAccountId: this.storage.account.id,
      containerRegistryId: this.registry.registry.id,
      publicNetworkAccessEnabled: false,
      // As the reference (hbiWorkspace): less diagnostic data collected by Microsoft, encrypted local scratch disks.
      highBusinessImpact: true,
      v1LegacyModeEnabled: false,
      // The registry is private: images are built on the cluster inside the product subnet.
      imageBuildComputeName: names.computeCluster,
      // The landing zone's network, not an Azure-managed one: compute sits in the product subnet, behind the firewall.
      managedNetwork: { isolationMode: 'Disabled' },
      // Serverless jobs run in the product subnet too, without public IPs.
      serverlessCompute: { subnetId: context.subnetId, publicIpEnabled: false },
      // Models, experiments and their lineage live in the workspace.
      lifecycle: { preventDestroy: true },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      ...itemEndpoint(context, names.privateEndpoints.workspace, 'privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'),
      resourceGroupName,
      location,
      targetResourceId: workspace.id,
      subresource: 'amlworkspace',
    });
    new DiagnosticSettings(this, 'workspace-diagnostics', { ...diagnostics, targetResourceId: workspace.id });
    return workspace;
  }

  private createComputeCluster(props: MachineLearningWorkspaceProps): MachineLearningComputeCluster {
    const { names, context } = props;
    const { location } = context;
    return new MachineLearningComputeCluster(this, 'compute-cluster', {
      name: names.computeCluster,
      location,
      machineLearningWorkspaceId: this.workspace.id,
      description: 'CPU training and image builds, in the product subnet',
      vmPriority: 'Dedicated',
      vmSize: props.computeVmSize ?? 'Standard_DS3_v2',
      scaleSettings: { minNodeCount: 0, maxNodeCount: props.computeMaxNodes ?? 4, scaleDownNodesAfterIdleDuration: 'PT120S' },
      subnetResourceId: context.subnetId,
      nodePublicIpEnabled: false,
      sshPublicAccessEnabled: false,
      localAuthEnabled: false,
      identity: { type: 'UserAssigned', identityIds: [props.computeIdentity.id] },
    });
  }

  private workspaceGrants(props: MachineLearningWorkspaceProps): Record<string, Grant> {
    const workspacePrincipal = this.workspace.identity.principalId;
    const storageId = this.storage.account.id;
    return {
      // Identity-based access to its storage (it has no keys): Azure ML's documented pair.
      'workspace-storage-blob': { role: 'Storage Blob Data Contributor', principalId: workspacePrincipal, scope: storageId },
      'workspace-storage-file': { role: 'Storage File Data Privileged Contributor', principalId: workspacePrincipal, scope: storageId },
      // The vault uses Azure RBAC: the workspace keeps connection secrets there.
      'workspace-key-vault': { role: 'Key Vault Secrets Officer', principalId: workspacePrincipal, scope: props.keyVaultId },
      // Jobs on the cluster (as the product) read and write the workspace's datastores and pull its images.
      'compute-storage-blob': { role: 'Storage Blob Data Contributor', principalId: props.computeIdentity.principalId, scope: storageId },
      'compute-registry': { role: 'AcrPull', principalId: props.computeIdentity.principalId, scope: this.registry.registry.id },
    };
  }
}

/** The workspace's own storage: the lakes' contract, `blob` and `file` endpoints, Azure ML workspaces by resource instance. */
function workspaceStorage(scope: Construct, props: MachineLearningWorkspaceProps): DataLake {
  const { names, context } = props;
  const { resourceGroupName, location, diagnostics } = context;
  const storage = new DataLake(scope, 'storage', {
    name: names.storageAccount,
    resourceGroupName,
    location,
    // Azure ML's default storage cannot have a hierarchical namespace (as the reference).
    hierarchicalNamespace: false,
    replication: props.zoneRedundant ? 'ZRS' : 'LRS',
    // Azure ML creates its own container and file share through Azure Resource Manager.
    containers: [],
    privateEndpoints: {
      blob: itemEndpoint(context, names.privateEndpoints.blob, 'privatelink.blob.core.windows.net'),
      file: itemEndpoint(context, names.privateEndpoints.file, 'privatelink.file.core.windows.net'),
    },
    // Its own workspace passes the firewall by resource instance (its id is written, not referenced: the workspace refers to this account).
    resourceAccessRules: [{ resourceId: workspaceResourceId(props), tenantId: context.tenantId }],
    diagnostics,
  });
  // Shared keys on for this account only: azurerm cannot set the workspace's systemDatastoresAuthMode
  // (hashicorp/terraform-provider-azurerm#22150), so its default datastores authenticate with the account key.
  storage.account.sharedAccessKeyEnabled = true;
  suppressRule(storage.account, 'CSA-ST-002', SHARED_KEY_REASON);
  return storage;
}

/** Why the workspace's own storage keeps shared keys (rule CSA-ST-002 relaxed). */
export const SHARED_KEY_REASON =
  "Azure ML's default datastores (workspaceblobstore, workspacefilestore) authenticate with the account key unless the workspace's systemDatastoresAuthMode is identity, which azurerm 4.55 cannot set (hashicorp/terraform-provider-azurerm#22150); without keys the workspace cannot write its artifacts. Only this account, which holds the workspace's own artifacts and no zone data, keeps keys; it stays private (resource instance rule for its workspace, private endpoints, OAuth by default).";

/** The resource id of the product's workspace, written out: the workspace refers to the storage, so the storage cannot refer back. */
function workspaceResourceId(props: MachineLearningWorkspaceProps): string {
  const { context, names } = props;
  return `/subscriptions/${context.subscriptionId}/resourceGroups/${context.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${names.workspace}`;
}
