import { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { LandingZoneNames, METADATA_KEY_VAULTS, MetadataKeyVault, SQL_DATABASES, SqlDatabase } from '../../naming/zone-names';
// One definition of the vault security contract for every zone (RBAC, purge protection, private only).
import { entraSqlServer, SqlDatabaseSku } from '../shared/entra-sql-server';
import { PrivateKeyVault } from '../shared/key-vault';
import { auditSqlServer } from '../shared/sql-server-audit';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { PrivateEndpoint } from '../shared/private-endpoint';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface LandingZoneMetadataProps {
  readonly names: LandingZoneNames;
  /** The `metadata` resource group. */
  readonly resourceGroupName: string;
  readonly location: string;
  /** The Entra tenant of the vaults (RBAC). */
  readonly tenantId: string;
  /** The zone's services subnet. */
  readonly subnetId: string;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
  /**
   * SKU per database.
   * @default - `AdfMetastoreDb` Basic (as the reference); `HiveMetastoreDb` S1: every
   * Databricks cluster start reads the metastore, more than Basic's 5 DTUs carry
   */
  readonly databaseSkus?: Partial<Record<SqlDatabase, SqlDatabaseSku>>;
}

/** The metastore databases' SKUs unless the zone sets them (README "Default settings"). */
const METASTORE_SKUS: Record<SqlDatabase, SqlDatabaseSku> = {
  adfMetastore: SECURE_DEFAULTS.sqlDatabase.adfMetastoreSku.value,
  hiveMetastore: SECURE_DEFAULTS.sqlDatabase.hiveMetastoreSku.value,
};

/**
 * The metadata resource group: the data integration and Hive metastore Key Vaults
 * (the reference's vault001 and vault002), and the Azure SQL server holding the Data
 * Factory metastore and the Hive metastore databases.
 *
 * No password exists anywhere: the server accepts Entra ID only
 * (`azuread_authentication_only`), administered by a user-assigned identity
 * (`id-...-sql-admin`) because the estate has no field for an administrator group. The
 * Hive metastore lives on this server instead of the reference's MySQL single server
 * (retired September 2024): see docs/landing-zone.md.
 */
export class LandingZoneMetadata extends Construct {
  readonly keyVaults: Readonly<Record<MetadataKeyVault, PrivateKeyVault>>;
  readonly sqlAdministrator: UserAssignedIdentity;
  readonly sqlServer: MssqlServer;
  readonly databases: Readonly<Record<SqlDatabase, MssqlDatabase>>;

  constructor(scope: Construct, id: string, props: LandingZoneMetadataProps) {
    super(scope, id);
    const { names, resourceGroupName, location, subnetId, links } = props;
    const { name: settingName, logAnalyticsWorkspaceId } = props.diagnostics;
    const diagnostics = new Construct(this, 'diagnostics');

    const vaults = new Construct(this, 'key-vaults');
    this.keyVaults = Object.fromEntries(
      (Object.keys(METADATA_KEY_VAULTS) as MetadataKeyVault[]).map((key) => {
        const vault = new PrivateKeyVault(vaults, key, {
          name: names.keyVaults[key],
          resourceGroupName,
          location,
          tenantId: props.tenantId,
          privateEndpoint: landingEndpoints(names, subnetId, links)(`vault-${key}`, 'privatelink.vaultcore.azure.net'),
        });
        new DiagnosticSettings(diagnostics, `key-vault-${key}`, { name: settingName, logAnalyticsWorkspaceId, targetResourceId: vault.vault.id });
        return [key, vault];
      }),
    ) as Record<MetadataKeyVault, PrivateKeyVault>;

    this.sqlAdministrator = new UserAssignedIdentity(this, 'sql-administrator', { name: names.sqlAdministratorIdentity, resourceGroupName, location });
    this.sqlServer = entraSqlServer(this, 'sql-server', { name: names.sqlServer, resourceGroupName, location, administrator: this.sqlAdministrator });

    this.databases = this.createDatabases(props, diagnostics);

    new PrivateEndpoint(this, 'sql-private-endpoint', {
      ...landingEndpoints(names, subnetId, links)('sql', 'privatelink.database.windows.net'),
      resourceGroupName,
      location,
      targetResourceId: this.sqlServer.id,
      subresource: 'sqlServer',
    });

    auditSqlServer({
      serverId: this.sqlServer.id,
      name: settingName,
      logAnalyticsWorkspaceId,
      diagnostic: { scope: diagnostics, id: 'sql-audit' },
      policy: { scope: this, id: 'sql-auditing' },
    });
  }
  /** The Data Factory and Hive metastores, with their diagnostics in the zone's `diagnostics` scope. */
  private createDatabases(props: LandingZoneMetadataProps, diagnostics: Construct): Record<SqlDatabase, MssqlDatabase> {
    const { names } = props;
    const { name: settingName, logAnalyticsWorkspaceId } = props.diagnostics;
    const skus: Record<SqlDatabase, SqlDatabaseSku> = { ...METASTORE_SKUS, ...props.databaseSkus };
    const databaseScope = new Construct(this, 'databases');
    return Object.fromEntries(
      (Object.keys(SQL_DATABASES) as SqlDatabase[]).map((key) => {
        const database = new MssqlDatabase(databaseScope, key, {
          name: names.sqlDatabases[key],
          serverId: this.sqlServer.id,
          skuName: skus[key],
          collation: SECURE_DEFAULTS.sqlDatabase.collation.value,
          // Geo-redundant backups, as the reference.
          storageAccountType: SECURE_DEFAULTS.sqlDatabase.backupStorage.value,
          zoneRedundant: false,
          lifecycle: { preventDestroy: true },
        });
        new DiagnosticSettings(diagnostics, `database-${key}`, {
          name: settingName,
          logAnalyticsWorkspaceId,
          targetResourceId: database.id,
          metrics: ['Basic', 'InstanceAndAppAdvanced', 'WorkloadManagement'],
        });
        return [key, database];
      }),
    ) as Record<SqlDatabase, MssqlDatabase>;
  }
}
