import { Attributes, blocks, strings } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/** Source prefixes that mean "anywhere" (Azure accepts `*`, `Any`, the `Internet` tag and the zero routes). */
const ANYWHERE = new Set(['*', 'any', 'internet', '0.0.0.0', '0.0.0.0/0', '::/0', '::']);

/** An inbound Allow whose source includes anywhere. */
export function allowsInboundFromAnywhere(rule: Attributes): boolean {
  if (String(rule.direction).toLowerCase() !== 'inbound' || String(rule.access).toLowerCase() !== 'allow') return false;
  return [...strings(rule.source_address_prefix), ...strings(rule.source_address_prefixes)].some((prefix) => ANYWHERE.has(prefix.trim().toLowerCase()));
}

export const nsgNoInboundFromInternet: ResourceRule = {
  id: 'CSA-NET-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  title: 'Network security groups allow no inbound traffic from the internet (Internet, *, Any, 0.0.0.0/0)',
  rationale:
    'The estate has no public entry points: traffic arrives through private endpoints and peerings. An inbound Allow from anywhere exposes whatever listens in the subnet.',
  fix: 'restrict source_address_prefix(es) to estate networks or service tags such as VirtualNetwork, or remove the rule',
  check: (r) => {
    const rules = r.type === 'azurerm_network_security_rule' ? [r.attributes] : blocks(r.attributes, 'security_rule');
    return verdict(!rules.some(allowsInboundFromAnywhere));
  },
};
