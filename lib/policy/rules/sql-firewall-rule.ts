import { ResourceRule, verdict } from '../rule';
import { opensToEveryone } from '../firewall-rule-range';

export const sqlFirewallRule: ResourceRule = {
  id: 'CSA-SQL-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_mssql_firewall_rule'],
  title: 'SQL firewall rules do not open the server to all Azure services or the internet',
  rationale:
    'A rule from 0.0.0.0 admits every Azure resource of every tenant ("Allow Azure services") or every address; the server is then one leaked credential away from anyone.',
  fix: 'remove the rule and connect through the private endpoint, or allow only specific addresses',
  check: (r) => verdict(!opensToEveryone(r.attributes)),
};
