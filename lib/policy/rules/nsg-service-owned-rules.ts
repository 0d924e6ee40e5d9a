import { blocks, strings } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/**
 * Name prefixes of NSG rules a service adds and owns through its subnet delegation:
 * Databricks' rules on the NSGs of VNet-injected workspaces.
 */
export const SERVICE_OWNED_RULE_PREFIXES: readonly string[] = ['Microsoft.Databricks-workspaces_UseOnly_'];

const serviceOwned = (name: unknown): boolean => strings(name).some((n) => SERVICE_OWNED_RULE_PREFIXES.some((prefix) => n.startsWith(prefix)));

export const nsgServiceOwnedRules: ResourceRule = {
  id: 'CSA-NET-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  title: 'Terraform declares no NSG rule a service owns (Microsoft.Databricks-workspaces_UseOnly_*)',
  rationale:
    'Databricks adds these rules to the NSGs of its delegated subnets, changes them as the service evolves, and the delegation blocks anyone else from updating or deleting them: a declared copy turns every service change into drift that Terraform tries to revert, and fails to delete on teardown.',
  fix: 'declare none of them (no azurerm_network_security_rule, no inline security_rule of that name) and set lifecycle.ignore_changes = [security_rule] on the NSG',
  check: (r) => {
    const rules = r.type === 'azurerm_network_security_rule' ? [r.attributes] : blocks(r.attributes, 'security_rule');
    return verdict(!rules.some((rule) => serviceOwned(rule.name)));
  },
};
