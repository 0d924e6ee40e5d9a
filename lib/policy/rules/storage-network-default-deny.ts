import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const storageNetworkDefaultDeny: ResourceRule = {
  id: 'CSA-ST-006',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account', 'azurerm_storage_account_network_rules'],
  title: 'Storage account firewalls deny by default',
  rationale:
    'The firewall is the second line behind disabled public access: if public access is ever switched on (by a person in the portal, or a policy remediation), a default Allow opens the account to every network.',
  fix: 'set network_rules.default_action = "Deny" (or default_action on azurerm_storage_account_network_rules) and allow trusted resources by resource-instance rule',
  check: (r) => {
    const rules = r.type === 'azurerm_storage_account_network_rules' ? r.attributes : block(r.attributes, 'network_rules');
    return verdict(rules?.default_action === 'Deny');
  },
};
