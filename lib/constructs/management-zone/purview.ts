import { PurviewAccount } from '@cdktf/provider-azurerm/lib/purview-account';
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
  };
  /** The hub services subnet: every endpoint of the management zone lives there. */
  readonly subnetId: string;
  /** The management zone's private DNS zones, by zone name. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
}

/** Purview's five endpoints: what each reaches and the DNS zone its records go in. */
const ENDPOINTS: readonly { key: ManagementPrivateEndpoint; target: 'account' | 'storage' | 'eventHub'; subresource: PrivateLinkSubresource; zone: string }[] =
  [
    { key: 'purview-account', target: 'account', subresource: 'account', zone: 'privatelink.purview.azure.com' },
    { key: 'purview-portal', target: 'account', subresource: 'portal', zone: 'privatelink.purviewstudio.azure.com' },
    // Ingestion endpoints: scans write into Purview's managed storage and Event Hub namespace.
    { key: 'purview-blob', target: 'storage', subresource: 'blob', zone: 'privatelink.blob.core.windows.net' },
    { key: 'purview-queue', target: 'storage', subresource: 'queue', zone: 'privatelink.queue.core.windows.net' },
    { key: 'purview-namespace', target: 'eventHub', subresource: 'namespace', zone: 'privatelink.servicebus.windows.net' },
  ];

/**
 * The estate's Microsoft Purview account, reachable only through private endpoints in
 * the hub (account, portal, and ingestion to its managed storage and Event Hub namespace).
 * Root collection admins cannot be set through azurerm: see the stack's operator output.
 */
export class Purview extends Construct {
  readonly account: PurviewAccount;
  /** Object id of the account's system-assigned identity (for role assignments on data). */
  readonly principalId: string;

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

    const targets = {
      account: this.account.id,
      storage: this.managedResourceId('storage_account_id'),
      eventHub: this.managedResourceId('event_hub_namespace_id'),
    };
    const endpoints = new Construct(this, 'private-endpoints');
    for (const endpoint of ENDPOINTS) {
      new PrivateEndpoint(endpoints, endpoint.key, {
        name: props.names.privateEndpoints[endpoint.key],
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        targetResourceId: targets[endpoint.target],
        subnetId: props.subnetId,
        subresource: endpoint.subresource,
        privateDnsZoneIds: [zoneId(props.privateDnsZoneIds, endpoint.zone)],
      });
    }
  }

  /**
   * An id from `managed_resources`, a computed list of at most one element: `one(...[*].x)`
   * rather than `[0].x`, so an account without managed resources (or an offline apply,
   * where computed lists stay empty) yields null instead of failing on an index.
   */
  private managedResourceId(attribute: 'storage_account_id' | 'event_hub_namespace_id'): string {
    return Token.asString(Fn.one(propertyAccess(this.account.managedResources, ['*', attribute])));
  }
}
