import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import { Placement } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface LogAnalyticsProps extends Placement {
  readonly name: string;
  /** @default 120 (the reference landing zone's retention) */
  readonly retentionInDays?: number;
}

/**
 * The estate's central Log Analytics workspace (the reference management zone has
 * none). Shared-key ingestion and public ingestion are off; queries stay open to
 * Entra-authenticated users so the portal works without a private link scope.
 */
export class LogAnalytics extends Construct {
  readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: SECURE_DEFAULTS.logAnalytics.sku.value,
      retentionInDays: props.retentionInDays ?? SECURE_DEFAULTS.logAnalytics.retentionInDays.value,
      localAuthenticationEnabled: SECURE_DEFAULTS.logAnalytics.localAuthenticationEnabled.value,
      internetIngestionEnabled: SECURE_DEFAULTS.logAnalytics.internetIngestionEnabled.value,
      internetQueryEnabled: SECURE_DEFAULTS.logAnalytics.internetQueryEnabled.value,
    });
  }
}
