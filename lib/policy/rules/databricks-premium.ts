import { ResourceRule, verdict } from '../rule';

export const databricksPremium: ResourceRule = {
  id: 'CSA-DBW-003',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_databricks_workspace'],
  title: 'Databricks workspaces use the premium tier',
  rationale: 'Private Link, customer-managed keys, table access control and role-based access to notebooks and clusters exist only on premium.',
  fix: 'set sku = "premium"',
  check: (r) => verdict(r.attributes.sku === 'premium'),
};
