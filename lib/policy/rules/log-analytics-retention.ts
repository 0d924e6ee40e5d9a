import { ResourceRule, verdict } from '../rule';

/** Security investigations regularly reach back a quarter; shorter retention loses the trail. */
export const MIN_LOG_RETENTION_DAYS = 90;

export const logAnalyticsRetention: ResourceRule = {
  id: 'CSA-LA-003',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_log_analytics_workspace'],
  title: `Log Analytics workspaces keep logs for at least ${MIN_LOG_RETENTION_DAYS} days`,
  rationale: 'Breaches are typically discovered weeks or months after they begin; the default 30 days deletes the evidence before anyone looks for it.',
  fix: `set retention_in_days to ${MIN_LOG_RETENTION_DAYS} or more`,
  check: (r) => {
    const days = r.attributes.retention_in_days;
    return verdict(typeof days === 'number' && days >= MIN_LOG_RETENTION_DAYS);
  },
};
