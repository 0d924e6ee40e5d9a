import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Construct } from 'constructs';
import { ManagementZoneNames } from '../../naming/zone-names';
import { RoleAssignment } from '../shared/role-assignment';
import { PrivateKeyVault } from '../shared/key-vault';
import { zoneId } from '../../catalog/private-dns-zones';
import { Purview } from './purview';
import { Placement } from '../shared/vocabulary';

export interface GovernanceProps extends Placement {
  readonly subscriptionId: string;
  readonly names: ManagementZoneNames;
  /** The hub services subnet. */
  readonly subnetId: string;
  /** The management zone's private DNS zones, by zone name. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  /** False when Azure Policy creates the endpoints' DNS zone groups. @default true */
  readonly dnsZoneGroups?: boolean;
}

/**
 * The governance resource group's content (the reference's `governance.bicep`): Purview
 * and the Key Vault holding the credentials Purview scans with, which Purview may read.
 */
export class Governance extends Construct {
  readonly purview: Purview;
  readonly keyVault: PrivateKeyVault;

  constructor(scope: Construct, id: string, props: GovernanceProps) {
    super(scope, id);
    const { names, resourceGroupName, location, subnetId, privateDnsZoneIds, dnsZoneGroups } = props;
    const client = new DataAzurermClientConfig(this, 'client-config');

    this.purview = new Purview(this, 'purview', {
      resourceGroupName,
      location,
      subnetId,
      privateDnsZoneIds,
      ...(dnsZoneGroups === false ? { dnsZoneGroups } : {}),
      names: { account: names.purviewAccount, managedResourceGroup: names.purviewManagedResourceGroup, privateEndpoints: names.privateEndpoints },
    });
    this.keyVault = new PrivateKeyVault(this, 'key-vault', {
      name: names.keyVault,
      resourceGroupName,
      location,
      tenantId: client.tenantId,
      privateEndpoint: {
        name: names.privateEndpoints.vault,
        subnetId,
        privateDnsZoneIds: dnsZoneGroups === false ? [] : [zoneId(privateDnsZoneIds, 'privatelink.vaultcore.azure.net')],
      },
    });
    // Purview reads the secrets it scans data sources with; it never writes them.
    new RoleAssignment(this, 'purview-key-vault-secrets-user', {
      role: 'Key Vault Secrets User',
      principalId: this.purview.principalId,
      scope: this.keyVault.vault.id,
      subscriptionId: props.subscriptionId,
    });
  }
}
