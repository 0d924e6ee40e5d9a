import { opensToEveryone } from '../firewall-rule-range';
import { ResourceRule, verdict } from '../rule';

export const synapseFirewallRule: ResourceRule = {
  id: 'CSA-SYN-005',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_synapse_firewall_rule'],
  title: 'Synapse firewall rules do not open the workspace to all Azure services or the internet',
  rationale: 'A rule from 0.0.0.0 (such as the portal\'s "AllowAllWindowsAzureIps") admits every Azure resource of every tenant, or every address.',
  fix: 'remove the rule and connect through the private endpoints',
  check: (r) => verdict(!opensToEveryone(r.attributes)),
};
