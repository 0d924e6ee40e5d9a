import { ResourceRule, verdict } from '../rule';

export const logAnalyticsInternetIngestion: ResourceRule = {
  id: 'CSA-LA-002',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_log_analytics_workspace'],
  title: 'Log Analytics workspaces accept no ingestion from the internet',
  rationale:
    "Logs from inside the estate arrive through Azure Monitor's backbone or a private link scope; ingestion from the internet only lets outsiders who obtain credentials pollute the audit trail.",
  fix: 'set internet_ingestion_enabled = false',
  check: (r) => verdict(r.attributes.internet_ingestion_enabled === false),
};
