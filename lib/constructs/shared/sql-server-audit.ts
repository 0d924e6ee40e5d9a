import { MssqlServerExtendedAuditingPolicy } from '@cdktf/provider-azurerm/lib/mssql-server-extended-auditing-policy';
import { Construct } from 'constructs';
import { DiagnosticSettings } from './diagnostic-settings';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface SqlServerAuditProps {
  readonly serverId: string;
  /** Diagnostic setting name. */
  readonly name: string;
  readonly logAnalyticsWorkspaceId: string;
  /** Where the diagnostic setting and the auditing policy go, and their construct ids (Terraform addresses). */
  readonly diagnostic: { readonly scope: Construct; readonly id: string };
  readonly policy: { readonly scope: Construct; readonly id: string };
}

/**
 * Server audit (logins, permission changes, the statement groups Azure audits by default)
 * to Log Analytics: the master database's SQLSecurityAuditEvents, then the server's
 * auditing policy pointing at Azure Monitor, which needs that setting to exist first.
 */
export function auditSqlServer(props: SqlServerAuditProps): MssqlServerExtendedAuditingPolicy {
  const audit = new DiagnosticSettings(props.diagnostic.scope, props.diagnostic.id, {
    name: props.name,
    logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
    targetResourceId: `${props.serverId}/databases/master`,
    logs: [{ category: 'SQLSecurityAuditEvents' }],
    metrics: [],
  });
  return new MssqlServerExtendedAuditingPolicy(props.policy.scope, props.policy.id, {
    serverId: props.serverId,
    enabled: SECURE_DEFAULTS.sqlServer.auditToLogAnalytics.value,
    logMonitoringEnabled: SECURE_DEFAULTS.sqlServer.auditToLogAnalytics.value,
    dependsOn: [audit.setting],
  });
}
