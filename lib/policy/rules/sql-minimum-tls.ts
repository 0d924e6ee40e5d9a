import { ResourceRule, verdict } from '../rule';

export const sqlMinimumTls: ResourceRule = {
  id: 'CSA-SQL-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_mssql_server'],
  title: 'SQL servers require TLS 1.2 or later',
  rationale: 'TLS 1.0 and 1.1 have known weaknesses; "Disabled" accepts any TLS version.',
  fix: 'set minimum_tls_version = "1.2"',
  check: (r) => verdict(r.attributes.minimum_tls_version === '1.2' || r.attributes.minimum_tls_version === '1.3'),
};
