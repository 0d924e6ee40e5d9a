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
}

/**
 * Every log (category group `allLogs`, so categories Azure adds later are included) and
 * every metric of one resource to a Log Analytics workspace. Uses the azurerm 4.x blocks
 * `enabled_log` and `enabled_metric` (`metric` is deprecated).
 * Not for resources without metrics (network security groups): Azure rejects `AllMetrics` there.
 */
export class DiagnosticSettings extends Construct {
  readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticSettingsProps) {
    super(scope, id);
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: props.name,
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      ...(props.logAnalyticsDestinationType ? { logAnalyticsDestinationType: props.logAnalyticsDestinationType } : {}),
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
  }
}
