import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Construct } from 'constructs';
import { DiagnosticSettings, DiagnosticSettingsOptions } from '../shared/diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from '../shared/private-endpoint';

/** A resource instance allowed through the account firewall (`network_rules.private_link_access`). */
export interface ResourceAccessRule {
  /** A resource id; `*` wildcards for resource group and name allow every such resource of a subscription. */
  readonly resourceId: string;
  readonly tenantId: string;
}

export interface DataLakeProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** ADLS Gen2 (raw, enriched-curated and workspace lakes) or a plain blob account (external data exchange). */
  readonly hierarchicalNamespace: boolean;
  /** `ZRS` where the region has availability zones; `LRS` elsewhere (Azure rejects ZRS there). */
  readonly replication: 'ZRS' | 'LRS';
  /** Containers to create, by name (the name is also the construct id, so adding one moves no other). */
  readonly containers: readonly string[];
  /** One endpoint per sub-resource; ADLS Gen2 needs `dfs` next to `blob`, an Azure ML workspace's storage `file`. */
  readonly privateEndpoints: Partial<Record<'blob' | 'dfs' | 'file', PrivateEndpointSpec>>;
  /** Resource instances (Purview, Synapse workspaces) that may pass the firewall with their identity. */
  readonly resourceAccessRules: readonly ResourceAccessRule[];
  readonly diagnostics: DiagnosticSettingsOptions & { readonly name: string };
  /**
   * Days after the last modification a block blob moves to the cool tier (snapshots and
   * versions count from their creation).
   * @default 90 (as the reference)
   */
  readonly coolAfterDays?: number;
  /**
   * Days deleted containers, and deleted blobs, can be restored.
   * @default 7 (the reference keeps deleted containers 7 days and deleted blobs not at all)
   */
  readonly softDeleteDays?: number;
}

/**
 * One landing zone storage account (a lake, or a data product's Azure ML storage) with the reference's settings and more: Entra ID
 * only (no shared keys, OAuth by default in the portal), no public network access, TLS
 * 1.2, firewall default Deny with resource-instance rules, copy only within the tenant,
 * infrastructure encryption, cool tier after 90 days, soft delete of containers and blobs
 * (and blob versions on the account without hierarchical namespace, which alone supports
 * them). Containers are created through the control plane (`storage_account_id`), so
 * Terraform never needs the firewalled data plane. Never destroyed by a refactor.
 */
export class DataLake extends Construct {
  readonly account: StorageAccount;
  /** Containers by name. */
  readonly containers: Readonly<Record<string, StorageContainer>>;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    const { name, resourceGroupName, location } = props;
    const softDeleteDays = props.softDeleteDays ?? 7;
    const coolAfterDays = props.coolAfterDays ?? 90;

    this.account = new StorageAccount(this, 'account', {
      name,
      resourceGroupName,
      location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replication,
      accessTier: 'Hot',
      isHnsEnabled: props.hierarchicalNamespace,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      publicNetworkAccessEnabled: false,
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      // Server-side copies (Copy Blob from URL) only to and from accounts of the same Entra tenant.
      allowedCopyScope: 'AAD',
      crossTenantReplicationEnabled: false,
      // A second layer of encryption at rest; only settable when the account is created.
      infrastructureEncryptionEnabled: true,
      // Local users would be another credential besides Entra ID (SFTP); SFTP stays off.
      localUserEnabled: false,
      sftpEnabled: false,
      identity: { type: 'SystemAssigned' },
      blobProperties: {
        containerDeleteRetentionPolicy: { days: softDeleteDays },
        deleteRetentionPolicy: { days: softDeleteDays },
        // Azure rejects versioning on accounts with a hierarchical namespace.
        ...(props.hierarchicalNamespace ? {} : { versioningEnabled: true }),
      },
      networkRules: {
        defaultAction: 'Deny',
        // As the reference: platform metrics only; trusted services come in by resource-instance rule.
        bypass: ['Metrics'],
        ipRules: [],
        virtualNetworkSubnetIds: [],
        privateLinkAccess: props.resourceAccessRules.map((rule) => ({ endpointResourceId: rule.resourceId, endpointTenantId: rule.tenantId })),
      },
      // The zone's data: never destroyed by a refactor or a renamed construct.
      lifecycle: { preventDestroy: true },
    });

    new StorageManagementPolicy(this, 'lifecycle-policy', {
      storageAccountId: this.account.id,
      rule: [
        {
          name: 'default',
          enabled: true,
          filters: { blobTypes: ['blockBlob'] },
          actions: {
            baseBlob: { tierToCoolAfterDaysSinceModificationGreaterThan: coolAfterDays },
            snapshot: { changeTierToCoolAfterDaysSinceCreation: coolAfterDays },
            version: { changeTierToCoolAfterDaysSinceCreation: coolAfterDays },
          },
        },
      ],
    });

    const containerScope = new Construct(this, 'containers');
    this.containers = Object.fromEntries(
      props.containers.map((container) => [
        container,
        // storage_account_id: the control plane (ARM). storage_account_name would use the firewalled data plane.
        new StorageContainer(containerScope, container, { name: container, storageAccountId: this.account.id, containerAccessType: 'private' }),
      ]),
    );

    const endpoints = new Construct(this, 'private-endpoints');
    for (const [subresource, endpoint] of Object.entries(props.privateEndpoints) as ['blob' | 'dfs' | 'file', PrivateEndpointSpec][]) {
      new PrivateEndpoint(endpoints, subresource, {
        ...endpoint,
        resourceGroupName,
        location,
        targetResourceId: this.account.id,
        subresource,
      });
    }

    // The account has metrics only; its logs belong to the blob service.
    const { name: settingName, logAnalyticsWorkspaceId } = props.diagnostics;
    new DiagnosticSettings(this, 'diagnostics', { name: settingName, logAnalyticsWorkspaceId, targetResourceId: this.account.id, logs: [], metrics: ['Transaction'] });
    new DiagnosticSettings(this, 'blob-diagnostics', {
      name: settingName,
      logAnalyticsWorkspaceId,
      targetResourceId: `${this.account.id}/blobServices/default`,
      metrics: ['Transaction'],
    });
  }
}
