import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Construct } from 'constructs';
import { LandingZoneNames, Lake } from '../../naming/zone-names';
import { DataLake, DataLakeProps, ResourceAccessRule } from '../shared/data-lake';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import type { ZoneDiagnostics } from '../shared/vocabulary';

export interface LandingZoneStorageProps {
  readonly names: LandingZoneNames;
  /** Data integration names, in file order: each gets a container in the raw and enriched lakes. */
  readonly dataIntegrations: readonly string[];
  /** Data product names, in file order: each gets a container in the workspace lake. */
  readonly dataProducts: readonly string[];
  readonly location: string;
  /** The `storage` resource group (the three lakes). */
  readonly resourceGroupName: string;
  /** The `externalstorage` resource group (the exchange account). */
  readonly externalResourceGroupName: string;
  /** True where the region has availability zones: ZRS there, LRS elsewhere. */
  readonly zoneRedundant: boolean;
  /** The zone's services subnet: every endpoint of the zone lives there. */
  readonly subnetId: string;
  readonly links: ManagementZoneLinks;
  readonly resourceAccessRules: readonly ResourceAccessRule[];
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The zone's storage: the raw, enriched-curated and workspace lakes (ADLS Gen2) and the
 * external exchange account (plain blob), each with its containers and private
 * endpoints (`blob` and `dfs`; the exchange account `blob` only), registered in the
 * management zone's DNS zones.
 */
export class LandingZoneStorage extends Construct {
  readonly lakes: Readonly<Record<Lake, DataLake>>;
  private readonly containerNames: LandingZoneNames['containers'];

  constructor(scope: Construct, id: string, props: LandingZoneStorageProps) {
    super(scope, id);
    const { names } = props;
    const containers = names.containers;
    this.containerNames = containers;
    const integrationContainers = props.dataIntegrations.map((item) => containers.integrations[item]);
    const productContainers = props.dataProducts.map((item) => containers.products[item]);
    const endpoint = landingEndpoints(names, props.subnetId, props.links);
    const blob = 'privatelink.blob.core.windows.net';
    const dfs = 'privatelink.dfs.core.windows.net';
    const lake = (
      key: Lake,
      resourceGroupName: string,
      hierarchicalNamespace: boolean,
      lakeContainers: readonly string[],
      privateEndpoints: DataLakeProps['privateEndpoints'],
    ) =>
      new DataLake(this, key, {
        name: names.storageAccounts[key],
        resourceGroupName,
        location: props.location,
        hierarchicalNamespace,
        replication: props.zoneRedundant ? 'ZRS' : 'LRS',
        containers: [containers.data, ...lakeContainers],
        privateEndpoints,
        resourceAccessRules: props.resourceAccessRules,
        diagnostics: props.diagnostics,
      });

    this.lakes = {
      raw: lake('raw', props.resourceGroupName, true, integrationContainers, { blob: endpoint('raw-blob', blob), dfs: endpoint('raw-dfs', dfs) }),
      enriched: lake('enriched', props.resourceGroupName, true, integrationContainers, {
        blob: endpoint('enriched-blob', blob),
        dfs: endpoint('enriched-dfs', dfs),
      }),
      workspace: lake('workspace', props.resourceGroupName, true, productContainers, {
        blob: endpoint('workspace-blob', blob),
        dfs: endpoint('workspace-dfs', dfs),
      }),
      // The exchange account is plain blob storage (no hierarchical namespace, no dfs endpoint), as the reference.
      external: lake('external', props.externalResourceGroupName, false, [], { blob: endpoint('external-blob', blob) }),
    };
  }

  /** The `data` container of one lake: the shared services' working area. */
  dataContainer(lake: 'raw' | 'enriched' | 'workspace'): StorageContainer {
    return this.lakes[lake].containers[this.containerNames.data];
  }

  /**
   * Where an item's data lives, and the scope of read grants on it: an integration's
   * container in the enriched lake (its raw one is its landing area), a product's in the
   * workspace lake.
   */
  dataLocation(kind: 'integration' | 'product', item: string): StorageContainer {
    return kind === 'integration'
      ? this.lakes.enriched.containers[this.containerNames.integrations[item]]
      : this.lakes.workspace.containers[this.containerNames.products[item]];
  }
}

/**
 * Who may pass the lakes' firewalls by resource instance (the reference's
 * `resourceAccessRules`): the management zone's Purview account, and every Synapse
 * workspace of the given subscriptions, and this zone's Databricks access connectors (Unity
 * Catalog storage credentials) (the app passes this zone's and the earlier landing
 * zones': the reference lists every landing zone subscription, and a later zone's would
 * change this stack when the zone is appended. Later zones' workspaces reach these lakes
 * through managed private endpoints, which data exfiltration protection requires anyway).
 */
export function resourceAccessRules(
  synapseSubscriptionIds: readonly string[],
  purviewAccountId: string,
  tenantId: string,
  subscriptionId: string,
): ResourceAccessRule[] {
  return [
    { resourceId: purviewAccountId, tenantId },
    ...synapseSubscriptionIds.map((subscription) => ({
      resourceId: `/subscriptions/${subscription}/resourceGroups/*/providers/Microsoft.Synapse/workspaces/*`,
      tenantId,
    })),
    // Unity Catalog reaches storage through the items' access connectors, partly from the
    // Databricks control plane (outside the zone's networks): this zone's connectors only.
    { resourceId: `/subscriptions/${subscriptionId}/resourceGroups/*/providers/Microsoft.Databricks/accessConnectors/*`, tenantId },
  ];
}
