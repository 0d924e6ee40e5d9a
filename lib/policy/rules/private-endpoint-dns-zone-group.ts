import { block, strings } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const privateEndpointDnsZoneGroup: ResourceRule = {
  id: 'CSA-NET-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_private_endpoint'],
  title: 'Private endpoints register in a private DNS zone (private_dns_zone_group)',
  rationale:
    'Without a DNS zone group the service name keeps resolving to its public address: clients either fail (public access is off) or, worse, go around the endpoint where public access is still on.',
  fix: 'add private_dns_zone_group { name = "default", private_dns_zone_ids = [<the management zone\'s privatelink zone id>] }',
  check: (r) => verdict(strings(block(r.attributes, 'private_dns_zone_group')?.private_dns_zone_ids).length > 0),
};
