import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';

/** What a product's failed runs are counted on. */
export type AlertTarget = { readonly kind: 'data-factory'; readonly resourceId: string } | { readonly kind: 'spark-pool'; readonly resourceId: string };

export interface ProductAlertsProps {
  readonly names: Readonly<{ actionGroup: string; actionGroupShortName: string; failedRuns: string }>;
  readonly resourceGroupName: string;
  /** The product team's address. */
  readonly email: string;
  readonly target: AlertTarget;
}

/** Failed pipeline runs (Data Factory) or failed Spark applications (dedicated pool), as the reference's alerts. */
const CRITERIA: Record<AlertTarget['kind'], MonitorMetricAlertCriteria> = {
  'data-factory': {
    metricNamespace: 'Microsoft.DataFactory/factories',
    metricName: 'PipelineFailedRuns',
    aggregation: 'Total',
    operator: 'GreaterThanOrEqual',
    threshold: 1,
  },
  'spark-pool': {
    metricNamespace: 'Microsoft.Synapse/workspaces/bigDataPools',
    metricName: 'BigDataPoolApplicationsEnded',
    aggregation: 'Total',
    operator: 'GreaterThanOrEqual',
    threshold: 1,
    dimension: [{ name: 'JobResult', operator: 'Include', values: ['Failed'] }],
  },
};

/**
 * The reference's alerting for a data product, when the team gave an address: an
 * e-mail action group and a severity-1 alert on failed runs of the product's engine,
 * evaluated every minute over five (as the reference). The shared Databricks workspace
 * has no platform metrics, so products on Databricks get no alert here.
 */
export class ProductAlerts extends Construct {
  readonly actionGroup: MonitorActionGroup;
  readonly alert: MonitorMetricAlert;

  constructor(scope: Construct, id: string, props: ProductAlertsProps) {
    super(scope, id);
    const { names, resourceGroupName } = props;
    this.actionGroup = new MonitorActionGroup(this, 'action-group', {
      name: names.actionGroup,
      resourceGroupName,
      shortName: names.actionGroupShortName,
      emailReceiver: [{ name: 'product-team', emailAddress: props.email, useCommonAlertSchema: true }],
    });
    this.alert = new MonitorMetricAlert(this, 'failed-runs', {
      name: names.failedRuns,
      resourceGroupName,
      scopes: [props.target.resourceId],
      description: props.target.kind === 'data-factory' ? 'A pipeline run of the data product failed' : "A Spark application on the data product's pool failed",
      severity: 1,
      frequency: 'PT1M',
      windowSize: 'PT5M',
      criteria: [CRITERIA[props.target.kind]],
      action: [{ actionGroupId: this.actionGroup.id }],
    });
  }
}
