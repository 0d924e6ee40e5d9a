import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Construct } from 'constructs';

/** Where a resource's diagnostics go: the same shape on every resource (Azure Verified Modules' `diagnosticSettings`). */
export interface DiagnosticSettingsOptions {
  /** The Log Analytics workspace (the management zone's, read from remote state in landing zones). */
  readonly logAnalyticsWorkspaceId: string;
}

export interface DiagnosticSettingsProps extends DiagnosticSettingsOptions {
  /** Scoped to the target resource, so every resource of a zone can use the same name. */
  readonly name: string;
  /** The resource whose logs and metrics are sent. */
  readonly targetResourceId: string;
  /**
   * `Dedicated` sends logs to resource-specific tables (Azure Firewall's structured logs).
   * Set it only for resources that support it: Azure echoes nothing back for the others and
   * Terraform would show a diff on every plan.
   * @default - Azure's default (the AzureDiagnostics table)
   */
  readonly logAnalyticsDestinationType?: 'Dedicated' | 'AzureDiagnostics';
  /**
   * Which logs to send: category groups or single categories. Empty for resources that
   * have no logs (a storage account itself: its logs belong to its blob service).
   * @default [{ categoryGroup: 'allLogs' }] - every log, including categories Azure adds later
   */
  readonly logs?: readonly DiagnosticLog[];
  /**
   * Metric categories to send. Most resources name theirs `AllMetrics`; storage has
   * `Transaction`, SQL databases `Basic`, `InstanceAndAppAdvanced` and `WorkloadManagement`.
   * Empty for resources without platform metrics (Databricks workspaces).
   * @default ['AllMetrics']
   */
  readonly metrics?: readonly string[];
}

/** A log category group (`allLogs`, `audit`) or one log category. */
export type DiagnosticLog = { readonly categoryGroup: 'allLogs' | 'audit' } | { readonly category: string };

/**
 * Every log (category group `allLogs`, so categories Azure adds later are included) and
 * every metric of one resource to a Log Analytics workspace, unless `logs` or `metrics`
 * say otherwise (Azure rejects categories a resource does not have). Uses the azurerm 4.x
 * blocks `enabled_log` and `enabled_metric` (`metric` is deprecated).
 */
export class DiagnosticSettings extends Construct {
  readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticSettingsProps) {
    super(scope, id);
    const logs = props.logs ?? [{ categoryGroup: 'allLogs' }];
    const metrics = props.metrics ?? ['AllMetrics'];
    if (!logs.length && !metrics.length) throw new Error(`diagnostic setting ${id}: needs at least one log or metric category`);
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: props.name,
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      ...(props.logAnalyticsDestinationType ? { logAnalyticsDestinationType: props.logAnalyticsDestinationType } : {}),
      ...(logs.length ? { enabledLog: logs.map((log) => ({ ...log })) } : {}),
      ...(metrics.length ? { enabledMetric: metrics.map((category) => ({ category })) } : {}),
    });
  }
}
