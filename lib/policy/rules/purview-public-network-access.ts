import { ResourceRule, verdict } from '../rule';

export const purviewPublicNetworkAccess: ResourceRule = {
  id: 'CSA-PV-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_purview_account'],
  title: 'Purview accounts disable public network access',
  rationale:
    'The catalog describes every dataset of the estate and holds scan credentials references; it should be reachable only through its account and portal private endpoints.',
  fix: 'set public_network_enabled = false (the argument is named without "access" on Purview accounts)',
  check: (r) => verdict(r.attributes.public_network_enabled === false),
};
