import { ResourceRule, verdict } from '../rule';

export const sqlPublicNetworkAccess: ResourceRule = {
  id: 'CSA-SQL-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_mssql_server'],
  title: 'SQL servers disable public network access',
  rationale: 'The metastores describe every dataset of the zone; the server should answer only on its private endpoint.',
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
