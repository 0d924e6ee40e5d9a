import { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { LandingZoneNames, METADATA_KEY_VAULTS, MetadataKeyVault, SQL_DATABASES, SqlDatabase } from '../../naming/zone-names';
// One definition of the vault security contract for every zone (RBAC, purge protection, private only).
import { entraSqlServer } from '../shared/entra-sql-server';
import { PrivateKeyVault } from '../shared/key-vault';
import { auditSqlServer } from '../shared/sql-server-audit';
import { DiagnosticSettings, DiagnosticSettingsOptions } from '../shared/diagnostic-settings';
import { PrivateEndpoint } from '../shared/private-endpoint';
import { ManagementZoneLinks } from './management-zone-links';

/** Azure SQL database SKUs the metadata databases may use (DTU tiers; vCore names work too). */
export type SqlDatabaseSku = 'Basic' | 'S0' | 'S1' | 'S2' | 'S3' | 'GP_S_Gen5_1' | 'GP_S_Gen5_2' | 'GP_Gen5_2';

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
  readonly diagnostics: DiagnosticSettingsOptions & { readonly name: string };
  /**
   * SKU per database.
   * @default - `AdfMetastoreDb` Basic (as the reference); `HiveMetastoreDb` S1: every
   * Databricks cluster start reads the metastore, more than Basic's 5 DTUs carry
   */
  readonly databaseSkus?: Partial<Record<SqlDatabase, SqlDatabaseSku>>;
}

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
          privateEndpoint: { name: names.privateEndpoints[`vault-${key}`], subnetId, privateDnsZoneIds: [links.privateDnsZoneId('privatelink.vaultcore.azure.net')] },
        });
        new DiagnosticSettings(diagnostics, `key-vault-${key}`, { name: settingName, logAnalyticsWorkspaceId, targetResourceId: vault.vault.id });
        return [key, vault];
      }),
    ) as Record<MetadataKeyVault, PrivateKeyVault>;

    this.sqlAdministrator = new UserAssignedIdentity(this, 'sql-administrator', { name: names.sqlAdministratorIdentity, resourceGroupName, location });
    this.sqlServer = entraSqlServer(this, 'sql-server', { name: names.sqlServer, resourceGroupName, location, administrator: this.sqlAdministrator });

    const skus: Record<SqlDatabase, SqlDatabaseSku> = { adfMetastore: 'Basic', hiveMetastore: 'S1', ...props.databaseSkus };
    const databaseScope = new Construct(this, 'databases');
    this.databases = Object.fromEntries(
      (Object.keys(SQL_DATABASES) as SqlDatabase[]).map((key) => {
        const database = new MssqlDatabase(databaseScope, key, {
          name: names.sqlDatabases[key],
          serverId: this.sqlServer.id,
          skuName: skus[key],
          collation: 'SQL_Latin1_General_CP1_CI_AS',
          // Geo-redundant backups, as the reference.
          storageAccountType: 'Geo',
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

    new PrivateEndpoint(this, 'sql-private-endpoint', {
      name: names.privateEndpoints.sql,
      resourceGroupName,
      location,
      targetResourceId: this.sqlServer.id,
      subnetId,
      subresource: 'sqlServer',
      privateDnsZoneIds: [links.privateDnsZoneId('privatelink.database.windows.net')],
    });

    auditSqlServer({
      serverId: this.sqlServer.id,
      name: settingName,
      logAnalyticsWorkspaceId,
      diagnostic: { scope: diagnostics, id: 'sql-audit' },
      policy: { scope: this, id: 'sql-auditing' },
    });
  }
}
