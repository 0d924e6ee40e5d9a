import { ResourceRule, verdict } from '../rule';

export const logAnalyticsLocalAuth: ResourceRule = {
  id: 'CSA-LA-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_log_analytics_workspace'],
  title: 'Log Analytics workspaces disable local (shared key) authentication',
  rationale:
    'With the workspace keys anyone can write forged entries into the audit trail, or read it, without an identity; agents and diagnostic settings use Entra ID.',
  fix: 'set local_authentication_enabled = false (the azurerm 4.x argument; local_authentication_disabled is deprecated)',
  check: (r) => verdict(r.attributes.local_authentication_enabled === false),
};
