import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';

export interface LogAnalyticsProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
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
      sku: 'PerGB2018',
      retentionInDays: props.retentionInDays ?? 120,
      localAuthenticationEnabled: false,
      internetIngestionEnabled: false,
      internetQueryEnabled: true,
    });
  }
}
