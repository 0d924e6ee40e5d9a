import type { ServingIngressProps } from '../lib/constructs/landing-zone/serving-ingress';
import type { LandingZone } from '../lib/estate/model';
import { MAX_LANDING_ZONES, MAX_LIST_ITEMS } from '../lib/estate/zone-schema';

/**
 * Priorities in the hub firewall policy (Azure: 100 to 65000, lower first). The management
 * zone's own groups are 10000 (network) and 20000 (application) (lib/catalog/firewall-rules.ts);
 * each landing zone's DNAT group is 30000 + its deployment index (30000-30499: the index is
 * stable, the estate lock keeps the order), and inside it each product's DNAT collection is
 * 100 + the product's position in the zone's dataProducts (100-299). Azure processes every
 * DNAT rule before any network or application rule whatever the group priorities.
 */
export const SERVING_INGRESS_GROUP_PRIORITY_BASE = 30000;
export const SERVING_INGRESS_COLLECTION_PRIORITY_BASE = 100;

// The ranges stay inside Azure's 65000 and clear of the management zone's groups.
if (SERVING_INGRESS_GROUP_PRIORITY_BASE + MAX_LANDING_ZONES - 1 > 65000 || SERVING_INGRESS_COLLECTION_PRIORITY_BASE + MAX_LIST_ITEMS - 1 > 65000)
  throw new Error('internal: serving ingress priorities exceed Azure Firewall policy limits');

/** What the stack reads from the management zone's state and owns: none of it is in the estate. */
export type ServingIngressWiring = Pick<ServingIngressProps, 'firewallPolicyId' | 'firewallPublicIp' | 'provider'>;

/**
 * The zone's published serving endpoints (`servingIngress`) as the props of its DNAT rule
 * collection group, or undefined when the zone publishes none (then the stack reads nothing
 * of the hub firewall and creates nothing).
 */
export function servingIngressProps(zone: LandingZone, wiring: () => ServingIngressWiring): ServingIngressProps | undefined {
  const endpoints = zone.dataProducts.flatMap((product, position) =>
    product.servingIngress ? [{ product: product.name, ...product.servingIngress, priority: SERVING_INGRESS_COLLECTION_PRIORITY_BASE + position }] : [],
  );
  if (!endpoints.length) return undefined;
  return { ...wiring(), name: `rcg-serving-${zone.name}`, priority: SERVING_INGRESS_GROUP_PRIORITY_BASE + zone.index, endpoints };
}
