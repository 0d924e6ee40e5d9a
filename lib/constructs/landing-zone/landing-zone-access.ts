import { Construct } from 'constructs';
import { Lake } from '../../naming/zone-names';
import { BuiltInRole } from '../../catalog/roles';
import { RoleAssignment } from '../shared/role-assignment';

/** One grant: who gets which role where. */
export interface Grant {
  readonly role: BuiltInRole;
  readonly principalId: string;
  readonly scope: string;
}

export interface LandingZoneAccessProps {
  /** The landing zone subscription (every scope lies in it). */
  readonly subscriptionId: string;
  /** Storage account ids by lake. */
  readonly lakeIds: Readonly<Record<Lake, string>>;
  /** The management zone's Purview identity (remote state). */
  readonly purviewPrincipalId: string;
  /**
   * The shared integration Data Factory: its identity and what it works with.
   * @default - the zone has no shared factory
   */
  readonly dataFactory?: {
    readonly principalId: string;
    /** The `data` containers of the raw and enriched lakes. */
    readonly rawDataContainerId: string;
    readonly enrichedDataContainerId: string;
    /** The data integration Key Vault (source system credentials, read through a Key Vault linked service). */
    readonly integrationKeyVaultId: string;
    /**
     * The integration Databricks workspace (the factory runs notebooks there).
     * @default - Databricks is off
     */
    readonly databricksWorkspaceId?: string;
  };
  /**
   * The Synapse workspace: its identity and its default storage container.
   * @default - Synapse is off
   */
  readonly synapse?: { readonly principalId: string; readonly dataContainerId: string };
}

/**
 * The zone's role assignments between its shared services and the management zone,
 * in one place so the access picture reads like the reference's RBAC table (inventory
 * section F). Keyed by what they grant, never by position. Each integration's and
 * product's own identity and its grants come with the data integrations and products.
 */
export class LandingZoneAccess extends Construct {
  /** Every grant, by construct id. */
  readonly grants: Readonly<Record<string, Grant>>;

  constructor(scope: Construct, id: string, props: LandingZoneAccessProps) {
    super(scope, id);
    const grants: Record<string, Grant> = {};
    // Purview scans the lakes: metadata (Reader) and content (Storage Blob Data Reader). The
    // reference grants both on the whole subscription, which also lets Purview read every
    // other storage account and resource there; scoped to the lakes it reads what it scans.
    for (const [lake, lakeId] of Object.entries(props.lakeIds)) {
      grants[`purview-reader-${lake}`] = { role: 'Reader', principalId: props.purviewPrincipalId, scope: lakeId };
      grants[`purview-blob-reader-${lake}`] = { role: 'Storage Blob Data Reader', principalId: props.purviewPrincipalId, scope: lakeId };
    }
    const adf = props.dataFactory;
    if (adf) {
      // Container scope, as the reference: the shared factory writes the shared `data` containers only.
      grants['data-factory-raw-data'] = { role: 'Storage Blob Data Contributor', principalId: adf.principalId, scope: adf.rawDataContainerId };
      grants['data-factory-enriched-data'] = { role: 'Storage Blob Data Contributor', principalId: adf.principalId, scope: adf.enrichedDataContainerId };
      // Not in the reference, whose Key Vault linked service could read nothing: the vault is where the factory's source credentials live.
      grants['data-factory-integration-key-vault'] = { role: 'Key Vault Secrets User', principalId: adf.principalId, scope: adf.integrationKeyVaultId };
      if (adf.databricksWorkspaceId) {
        grants['data-factory-databricks'] = { role: 'Contributor', principalId: adf.principalId, scope: adf.databricksWorkspaceId };
      }
    }
    if (props.synapse) {
      grants['synapse-workspace-data'] = {
        role: 'Storage Blob Data Contributor',
        principalId: props.synapse.principalId,
        scope: props.synapse.dataContainerId,
      };
    }

    for (const [key, grant] of Object.entries(grants)) {
      new RoleAssignment(this, key, { ...grant, subscriptionId: props.subscriptionId });
    }
    this.grants = grants;
  }
}
