import { ResourceRule, verdict } from '../rule';

export const subnetDefaultOutboundAccess: ResourceRule = {
  id: 'CSA-NET-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_subnet'],
  title: 'Subnets have default outbound internet access off',
  rationale:
    'Default outbound access gives virtual machines an implicit, shared public IP that bypasses the hub firewall; all egress must go through the firewall.',
  fix: 'set default_outbound_access_enabled = false',
  check: (r) => verdict(r.attributes.default_outbound_access_enabled === false),
};
