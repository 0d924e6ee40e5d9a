import { PurviewAccount } from '@cdktf/provider-azurerm/lib/purview-account';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { Fn, propertyAccess, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ManagementPrivateEndpoint } from '../../naming/zone-names';
import { PrivateEndpoint, PrivateLinkSubresource } from '../shared/private-endpoint';
import { zoneId } from '../../catalog/private-dns-zones';
import { Placement } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface PurviewProps extends Placement {
  readonly names: {
    readonly account: string;
    /** Must not exist yet: Purview creates it. */
    readonly managedResourceGroup: string;
    readonly privateEndpoints: Readonly<Record<ManagementPrivateEndpoint, string>>;
    /**
     * The resource-less template deployment that reads the ingestion storage id (unique in
     * the account's resource group).
     * @default 'purview-ingestion-storage'
     */
    readonly ingestionStorageLookup?: string;
  };
  /** The hub services subnet: every endpoint of the management zone lives there. */
  readonly subnetId: string;
  /** The management zone's private DNS zones, by zone name. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  /** False when Azure Policy creates the endpoints' DNS zone groups. @default true */
  readonly dnsZoneGroups?: boolean;
}

/**
 * The API version that reports `ingestionStorage` (2023-05-01-preview onwards); azurerm
 * 4.55 reads Purview with 2021-12-01, which has only `managedResources`.
 */
export const PURVIEW_INGESTION_API_VERSION = '2024-04-01-preview';

type Target = 'account' | 'ingestionStorage' | 'eventHub';

/**
 * Purview's five endpoints: what each reaches and the DNS zone its records go in. Should
 * Purview leave an ingestion connection pending, the deploy workflow approves it through
 * Purview's ingestion connection API.
 */
const ENDPOINTS: readonly { key: ManagementPrivateEndpoint; target: Target; subresource: PrivateLinkSubresource; zone: string }[] = [
  { key: 'purview-account', target: 'account', subresource: 'account', zone: 'privatelink.purview.azure.com' },
  { key: 'purview-portal', target: 'account', subresource: 'portal', zone: 'privatelink.purviewstudio.azure.com' },
  // Ingestion endpoints: scans write into Purview's ingestion storage and its managed Event Hub namespace.
  { key: 'purview-blob', target: 'ingestionStorage', subresource: 'blob', zone: 'privatelink.blob.core.windows.net' },
  { key: 'purview-queue', target: 'ingestionStorage', subresource: 'queue', zone: 'privatelink.queue.core.windows.net' },
  { key: 'purview-namespace', target: 'eventHub', subresource: 'namespace', zone: 'privatelink.servicebus.windows.net' },
];

/**
 * The estate's Microsoft Purview account, reachable only through private endpoints in
 * the hub (account, portal, and ingestion: blob and queue of its ingestion storage, the
 * namespace of its managed Event Hub).
 *
 * Accounts created since 15 December 2023 have no managed storage account: their blob and
 * queue ingestion endpoints link to a Microsoft-hosted *ingestion storage*, reported only by
 * API 2023-05-01-preview onwards (`properties.ingestionStorage.id`), which azurerm does not
 * read. A resource-less template deployment reads it (falling back to the managed storage
 * account of an older account). Root collection admins cannot be set through azurerm: see
 * the stack's operator output.
 */
export class Purview extends Construct {
  readonly account: PurviewAccount;
  /** Object id of the account's system-assigned identity (for role assignments on data). */
  readonly principalId: string;
  /** The storage ingestion endpoints (`blob`, `queue`) reach: the ingestion storage, or an older account's managed storage. */
  readonly ingestionStorageId: string;
  /** The managed Event Hub namespace (Kafka notifications) the `namespace` ingestion endpoint reaches. */
  readonly eventHubNamespaceId: string;

  constructor(scope: Construct, id: string, props: PurviewProps) {
    super(scope, id);
    this.account = new PurviewAccount(this, 'account', {
      name: props.names.account,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      publicNetworkEnabled: SECURE_DEFAULTS.purview.publicNetworkEnabled.value,
      managedResourceGroupName: props.names.managedResourceGroup,
      // The reference's Event Hub namespace (Atlas Kafka notifications), reached through the `namespace` endpoint.
      managedEventHubEnabled: SECURE_DEFAULTS.purview.managedEventHubEnabled.value,
      identity: { type: SECURE_DEFAULTS.purview.identity.value },
      // The catalog, lineage and scan history live in the account: never destroy it by accident.
      lifecycle: { preventDestroy: SECURE_DEFAULTS.purview.preventDestroy.value },
    });
    this.principalId = this.account.identity.principalId;
    this.ingestionStorageId = this.lookUpIngestionStorage(props);
    // The managed Event Hub lives in the managed resource group: azurerm reports it. `one(...[*].x)`
    // rather than `[0].x`, so an empty list (an offline apply) yields null instead of an index error.
    this.eventHubNamespaceId = Token.asString(Fn.one(propertyAccess(this.account.managedResources, ['*', 'event_hub_namespace_id'])));

    const targets: Record<Target, string> = { account: this.account.id, ingestionStorage: this.ingestionStorageId, eventHub: this.eventHubNamespaceId };
    const endpoints = new Construct(this, 'private-endpoints');
    for (const endpoint of ENDPOINTS) {
      new PrivateEndpoint(endpoints, endpoint.key, {
        name: props.names.privateEndpoints[endpoint.key],
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        targetResourceId: targets[endpoint.target],
        subnetId: props.subnetId,
        subresource: endpoint.subresource,
        privateDnsZoneIds: props.dnsZoneGroups === false ? [] : [zoneId(props.privateDnsZoneIds, endpoint.zone)],
      });
    }
  }

  /** The ingestion storage id, read by a template deployment with no resources (outputs only). */
  private lookUpIngestionStorage(props: PurviewProps): string {
    const account = `reference(parameters('accountId'), '${PURVIEW_INGESTION_API_VERSION}')`;
    const lookup = new ResourceGroupTemplateDeployment(this, 'ingestion-storage', {
      name: props.names.ingestionStorageLookup ?? 'purview-ingestion-storage',
      resourceGroupName: props.resourceGroupName,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { accountId: { type: 'string' } },
        resources: [],
        outputs: {
          // `if` evaluates only the branch its condition selects: an older account has no `ingestionStorage`.
          ingestionStorageId: {
            type: 'string',
            value: `[if(contains(${account}, 'ingestionStorage'), ${account}.ingestionStorage.id, ${account}.managedResources.storageAccount)]`,
          },
        },
      }),
      parametersContent: Fn.jsonencode({ accountId: { value: this.account.id } }),
    });
    // try(): an empty id rather than a decode error where output_content is not the deployment's
    // JSON (an offline apply's placeholder), as `one()` does for the computed lists.
    return Token.asString(Fn.try([propertyAccess(Fn.jsondecode(lookup.outputContent), ['ingestionStorageId', 'value']), '']));
  }
}
