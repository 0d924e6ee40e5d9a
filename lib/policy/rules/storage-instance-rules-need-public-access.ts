import { block, blocks } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/**
 * Resource-instance rules (`network_rules.private_link_access`) are firewall rules of the
 * public endpoint: with public network access disabled Azure ignores them, and the services
 * they name (Purview scans, Synapse, Azure ML) are refused.
 */
export const storageInstanceRulesNeedPublicAccess: ResourceRule = {
  id: 'CSA-ST-010',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts with resource-instance rules enable public network access (from selected networks)',
  rationale:
    'Resource-instance rules only filter traffic to the public endpoint: with public_network_access_enabled = false they are inert, and every service they were meant to let in (with its managed identity) fails at run time, not at apply.',
  fix: 'set public_network_access_enabled = true with network_rules.default_action = "Deny" and no IP or virtual network rules (CSA-ST-001), or drop the resource-instance rules and reach the account through private endpoints only',
  check: (r) => {
    const rules = block(r.attributes, 'network_rules');
    const instanceRules = rules ? blocks(rules, 'private_link_access') : [];
    if (!instanceRules.length) return 'not-applicable';
    return verdict(r.attributes.public_network_access_enabled === true);
  },
};
