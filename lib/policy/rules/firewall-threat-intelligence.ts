import { ResourceRule, verdict } from '../rule';

export const firewallThreatIntelligence: ResourceRule = {
  id: 'CSA-FW-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_firewall_policy'],
  title: 'Firewall policies deny traffic to and from known-malicious addresses (threat intelligence in Deny mode)',
  rationale: 'In Alert mode (the Azure default) traffic to known command-and-control servers is logged but still allowed.',
  fix: 'set threat_intelligence_mode = "Deny"',
  check: (r) => verdict(r.attributes.threat_intelligence_mode === 'Deny'),
};
