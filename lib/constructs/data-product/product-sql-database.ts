import { MssqlDatabase } from '@cdktf/provider-azurerm/lib/mssql-database';
import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { Construct } from 'constructs';
import { DataItemContext, ItemIdentity, itemEndpoint } from '../data-items/item-context';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { entraSqlServer, SqlDatabaseSku } from '../shared/entra-sql-server';
import { auditSqlServer } from '../shared/sql-server-audit';
import { PrivateEndpoint } from '../shared/private-endpoint';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface ProductSqlDatabaseProps {
  readonly names: Readonly<{ server: string; database: string; privateEndpoint: string }>;
  readonly context: DataItemContext;
  /** The product's identity: the server's Entra administrator (its pipelines create the schema). */
  readonly administrator: ItemIdentity;
  /**
   * Database SKU.
   * @default 'Basic' (as the reference's `Database001`)
   */
  readonly sku?: SqlDatabaseSku;
}

/**
 * The data product batch template's Azure SQL database on its own server, with the
 * landing zone's SQL contract: Entra ID only (no login, no password anywhere), no public
 * network access, outbound restriction, TLS 1.2, a `sqlServer` endpoint in the product
 * subnet, server auditing and database diagnostics into the management zone's workspace,
 * and never destroyed by a refactor.
 */
export class ProductSqlDatabase extends Construct {
  readonly server: MssqlServer;
  readonly database: MssqlDatabase;

  constructor(scope: Construct, id: string, props: ProductSqlDatabaseProps) {
    super(scope, id);
    const { names, context, administrator } = props;
    const { resourceGroupName, location } = context;
    this.server = entraSqlServer(this, 'server', { name: names.server, resourceGroupName, location, administrator });
    this.database = new MssqlDatabase(this, 'database', {
      name: names.database,
      serverId: this.server.id,
      skuName: props.sku ?? 'Basic',
      collation: SECURE_DEFAULTS.sqlDatabase.collation.value,
      // Geo-redundant backups, as the reference.
      storageAccountType: SECURE_DEFAULTS.sqlDatabase.backupStorage.value,
      zoneRedundant: false,
      lifecycle: { preventDestroy: true },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      ...itemEndpoint(context, names.privateEndpoint, 'privatelink.database.windows.net'),
      resourceGroupName,
      location,
      targetResourceId: this.server.id,
      subresource: 'sqlServer',
    });

    // The reference gates its database diagnostics on `sqlFlavour == 'mysql'`, so they never deploy for SQL.
    const { name: settingName, logAnalyticsWorkspaceId } = context.diagnostics;
    new DiagnosticSettings(this, 'database-diagnostics', {
      name: settingName,
      logAnalyticsWorkspaceId,
      targetResourceId: this.database.id,
      metrics: ['Basic', 'InstanceAndAppAdvanced', 'WorkloadManagement'],
    });
    auditSqlServer({
      serverId: this.server.id,
      name: settingName,
      logAnalyticsWorkspaceId,
      diagnostic: { scope: this, id: 'audit' },
      policy: { scope: this, id: 'auditing' },
    });
  }
}
