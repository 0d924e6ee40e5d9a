import { MssqlServer } from '@cdktf/provider-azurerm/lib/mssql-server';
import { Construct } from 'constructs';

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
    minimumTlsVersion: '1.2',
    publicNetworkAccessEnabled: false,
    outboundNetworkRestrictionEnabled: true,
    identity: { type: 'SystemAssigned' },
    azureadAdministrator: {
      loginUsername: administrator.name,
      objectId: administrator.principalId,
      tenantId: administrator.tenantId,
      azureadAuthenticationOnly: true,
    },
    lifecycle: { preventDestroy: true },
  });
}
