import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Construct } from 'constructs';
import { DiagnosticSettings } from './diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from './private-endpoint';
import type { ZoneDiagnostics } from './vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

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
  /**
   * Resource instances (Purview, Synapse workspaces, Azure ML workspaces) that may pass the
   * firewall with their identity. They filter the public endpoint, so an account with any
   * opens it "from selected networks" (default Deny, no IP or subnet rules: nothing else
   * passes); an account without any keeps public network access disabled.
   */
  readonly resourceAccessRules: readonly ResourceAccessRule[];
  readonly diagnostics: ZoneDiagnostics;
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
 * only (no shared keys, OAuth by default in the portal), public network access from selected
 * networks only (firewall default Deny, no IP or subnet rules, resource-instance rules: see
 * `storageNetworkAccess`), TLS 1.2, copy only within the tenant,
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
    const softDeleteDays = props.softDeleteDays ?? SECURE_DEFAULTS.storage.softDeleteDays.value;
    const coolAfterDays = props.coolAfterDays ?? SECURE_DEFAULTS.storage.coolAfterDays.value;
    this.account = storageAccount(this, props, softDeleteDays);
    coolTierPolicy(this, this.account.id, coolAfterDays);

    const containerScope = new Construct(this, 'containers');
    this.containers = Object.fromEntries(
      props.containers.map((container) => [
        container,
        // storage_account_id: the control plane (ARM). storage_account_name would use the firewalled data plane.
        new StorageContainer(containerScope, container, {
          name: container,
          storageAccountId: this.account.id,
          containerAccessType: SECURE_DEFAULTS.storage.containerAccessType.value,
        }),
      ]),
    );
    this.addPrivateEndpoints(props);
    this.addDiagnostics(props.diagnostics);
  }

  private addPrivateEndpoints(props: DataLakeProps): void {
    const endpoints = new Construct(this, 'private-endpoints');
    for (const [subresource, endpoint] of Object.entries(props.privateEndpoints) as ['blob' | 'dfs' | 'file', PrivateEndpointSpec][]) {
      new PrivateEndpoint(endpoints, subresource, {
        ...endpoint,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        targetResourceId: this.account.id,
        subresource,
      });
    }
  }

  /** The account has metrics only; its logs belong to the blob service. */
  private addDiagnostics(diagnostics: ZoneDiagnostics): void {
    const { name: settingName, logAnalyticsWorkspaceId } = diagnostics;
    new DiagnosticSettings(this, 'diagnostics', {
      name: settingName,
      logAnalyticsWorkspaceId,
      targetResourceId: this.account.id,
      logs: [],
      metrics: ['Transaction'],
    });
    new DiagnosticSettings(this, 'blob-diagnostics', {
      name: settingName,
      logAnalyticsWorkspaceId,
      targetResourceId: `${this.account.id}/blobServices/default`,
      metrics: ['Transaction'],
    });
  }
}

function storageAccount(scope: Construct, props: DataLakeProps, softDeleteDays: number): StorageAccount {
  return new StorageAccount(scope, 'account', {
    name: props.name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    accountKind: SECURE_DEFAULTS.storage.accountKind.value,
    accountTier: SECURE_DEFAULTS.storage.accountTier.value,
    accountReplicationType: props.replication,
    accessTier: SECURE_DEFAULTS.storage.accessTier.value,
    isHnsEnabled: props.hierarchicalNamespace,
    sharedAccessKeyEnabled: SECURE_DEFAULTS.storage.sharedAccessKeyEnabled.value,
    defaultToOauthAuthentication: SECURE_DEFAULTS.storage.defaultToOauthAuthentication.value,
    allowNestedItemsToBePublic: SECURE_DEFAULTS.storage.allowNestedItemsToBePublic.value,
    httpsTrafficOnlyEnabled: SECURE_DEFAULTS.storage.httpsTrafficOnlyEnabled.value,
    minTlsVersion: SECURE_DEFAULTS.storage.minTlsVersion.value,
    // Server-side copies (Copy Blob from URL) only to and from accounts of the same Entra tenant.
    allowedCopyScope: SECURE_DEFAULTS.storage.allowedCopyScope.value,
    crossTenantReplicationEnabled: SECURE_DEFAULTS.storage.crossTenantReplicationEnabled.value,
    // A second layer of encryption at rest; only settable when the account is created.
    infrastructureEncryptionEnabled: SECURE_DEFAULTS.storage.infrastructureEncryptionEnabled.value,
    // Local users would be another credential besides Entra ID (SFTP); SFTP stays off.
    localUserEnabled: SECURE_DEFAULTS.storage.localUserAndSftpEnabled.value,
    sftpEnabled: SECURE_DEFAULTS.storage.localUserAndSftpEnabled.value,
    identity: { type: SECURE_DEFAULTS.storage.identity.value },
    blobProperties: {
      containerDeleteRetentionPolicy: { days: softDeleteDays },
      deleteRetentionPolicy: { days: softDeleteDays },
      // Azure rejects versioning on accounts with a hierarchical namespace.
      ...(props.hierarchicalNamespace ? {} : { versioningEnabled: true }),
    },
    ...storageNetworkAccess(props.resourceAccessRules),
    // The zone's data: never destroyed by a refactor or a renamed construct.
    lifecycle: { preventDestroy: SECURE_DEFAULTS.storage.preventDestroy.value },
  });
}

/**
 * The account's network access: private endpoints for clients in the networks, and for
 * services that authenticate with their managed identity from outside them, resource-instance
 * rules. Those are rules of the public endpoint's firewall (inert while public network access
 * is disabled, rule CSA-ST-010), so with any rule the public endpoint is enabled "from
 * selected networks" only: default Deny, no IP rules, no subnet rules (rule CSA-ST-001).
 * Without rules it stays disabled. Any storage account reached by resource instance uses this.
 */
export function storageNetworkAccess(
  resourceAccessRules: readonly ResourceAccessRule[],
): Required<Pick<StorageAccountConfig, 'publicNetworkAccessEnabled' | 'networkRules'>> {
  return {
    publicNetworkAccessEnabled: resourceAccessRules.length > 0 && SECURE_DEFAULTS.storage.publicNetworkAccessEnabled.value,
    networkRules: {
      defaultAction: SECURE_DEFAULTS.storage.networkDefaultAction.value,
      // As the reference: platform metrics only; trusted services come in by resource-instance rule.
      bypass: [...SECURE_DEFAULTS.storage.networkBypass.value],
      ipRules: [...SECURE_DEFAULTS.storage.networkIpAndSubnetRules.value],
      virtualNetworkSubnetIds: [...SECURE_DEFAULTS.storage.networkIpAndSubnetRules.value],
      privateLinkAccess: resourceAccessRules.map((rule) => ({ endpointResourceId: rule.resourceId, endpointTenantId: rule.tenantId })),
    },
  };
}

/** Block blobs (and their snapshots and versions) to the cool tier after `coolAfterDays`. */
function coolTierPolicy(scope: Construct, storageAccountId: string, coolAfterDays: number): StorageManagementPolicy {
  return new StorageManagementPolicy(scope, 'lifecycle-policy', {
    storageAccountId,
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
}
