import { block, strings } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const privateEndpointDnsZoneGroup: ResourceRule = {
  id: 'CSA-NET-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_private_endpoint'],
  title: 'Private endpoints register in a private DNS zone (private_dns_zone_group), or leave it to Azure Policy',
  rationale:
    'Without a DNS zone group the service name keeps resolving to its public address: clients either fail (public access is off) or, worse, go around the endpoint where public access is still on. An enterprise hub whose Azure Policy creates the zone groups (connectivity privateDnsZones.managedByPolicy) is the one exception: then the endpoint must ignore the group policy adds, or every apply removes it.',
  fix: 'add private_dns_zone_group { name = "default", private_dns_zone_ids = [<the management zone\'s privatelink zone id>] }, or, where Azure Policy creates the zone groups, set lifecycle.ignore_changes = [private_dns_zone_group]',
  check: (r) => verdict(strings(block(r.attributes, 'private_dns_zone_group')?.private_dns_zone_ids).length > 0 || zoneGroupLeftToPolicy(r.attributes)),
};

/** Whether the endpoint leaves its zone group to Azure Policy: it declares none and ignores the one policy adds. */
function zoneGroupLeftToPolicy(attributes: Readonly<Record<string, unknown>>): boolean {
  const lifecycle = attributes.lifecycle as { ignore_changes?: unknown } | undefined;
  return Array.isArray(lifecycle?.ignore_changes) && lifecycle.ignore_changes.includes('private_dns_zone_group');
}
