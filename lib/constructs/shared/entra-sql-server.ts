import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { Construct } from 'constructs';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

/** Azure SQL database SKUs the estate's databases may use (the landing zone's metadata databases, products' databases) (DTU tiers; vCore names work too). */
export type SqlDatabaseSku = 'Basic' | 'S0' | 'S1' | 'S2' | 'S3' | 'GP_S_Gen5_1' | 'GP_S_Gen5_2' | 'GP_Gen5_2';

export interface EntraSqlServerProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The server's Entra administrator: a user-assigned identity. */
  readonly administrator: { readonly name: string; readonly principalId: string; readonly tenantId: string };
}

/**
 * The estate's SQL server contract, one place for the landing zone's metadata server and
 * every product's: Entra ID only (no administrator_login, no password, ever), no public
 * network access, TLS 1.2, no outbound calls (no external data sources or linked servers to
 * exfiltrate through), a system identity, and never destroyed by a refactor.
 */
export function entraSqlServer(scope: Construct, id: string, props: EntraSqlServerProps): MssqlServer {
  const { administrator } = props;
  return new MssqlServer(scope, id, {
    name: props.name,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    version: '12.0',
    minimumTlsVersion: SECURE_DEFAULTS.sqlServer.minimumTlsVersion.value,
    publicNetworkAccessEnabled: SECURE_DEFAULTS.sqlServer.publicNetworkAccessEnabled.value,
    outboundNetworkRestrictionEnabled: SECURE_DEFAULTS.sqlServer.outboundNetworkRestrictionEnabled.value,
    identity: { type: SECURE_DEFAULTS.sqlServer.identity.value },
    azureadAdministrator: {
      loginUsername: administrator.name,
      objectId: administrator.principalId,
      tenantId: administrator.tenantId,
      azureadAuthenticationOnly: SECURE_DEFAULTS.sqlServer.azureadAuthenticationOnly.value,
    },
    lifecycle: { preventDestroy: SECURE_DEFAULTS.sqlServer.preventDestroy.value },
  });
}
