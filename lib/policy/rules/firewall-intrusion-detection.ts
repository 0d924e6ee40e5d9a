import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const firewallIntrusionDetection: ResourceRule = {
  id: 'CSA-FW-002',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_firewall_policy'],
  title: 'Premium firewall policies run intrusion detection (IDPS) in Deny mode',
  rationale:
    'The Premium tier is paid for its IDPS; in Alert mode or off, matched exploit and malware signatures pass through. Standard policies have no IDPS (not applicable).',
  fix: 'set intrusion_detection { mode = "Deny" }',
  check: (r) => (r.attributes.sku === 'Premium' ? verdict(block(r.attributes, 'intrusion_detection')?.mode === 'Deny') : 'not-applicable'),
};
