import { block, strings } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/**
 * Public network access off, or on "from selected networks" only: firewall default Deny
 * with no IP rules and no virtual network rules, so nothing but resource-instance rules (and
 * the bypass) passes the public endpoint. Resource-instance rules are ignored while public
 * network access is disabled (CSA-ST-010), so an account they must open is set this way.
 */
export const storagePublicNetworkAccess: ResourceRule = {
  id: 'CSA-ST-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts disable public network access, or enable it from selected networks only (default Deny, no IP or virtual network rules)',
  rationale:
    "The lakes hold the estate's data: with public network access on and the firewall open (default Allow, an IP range or a subnet), the endpoint is reachable from those networks and only credentials stand between an attacker and the data.",
  fix: 'set public_network_access_enabled = false, or keep it true only with network_rules.default_action = "Deny" and empty ip_rules and virtual_network_subnet_ids (resource-instance rules only)',
  check: (r) => {
    const access = r.attributes.public_network_access_enabled;
    if (access === false) return 'compliant';
    const rules = block(r.attributes, 'network_rules');
    // A list written as one expression is a string here, so it counts as a rule: it may hold anything.
    return verdict(access === true && rules?.default_action === 'Deny' && !strings(rules.ip_rules).length && !strings(rules.virtual_network_subnet_ids).length);
  },
};
