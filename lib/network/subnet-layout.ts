import { blockCount, Cidr, format, subBlock } from './cidr';

/** Every subnet is a /24, as in the reference implementation. */
export const SUBNET_PREFIX = 24;

/** Slots (in /24s) a management zone reserves: firewall, services, and two for future hub services. */
export const MANAGEMENT_ZONE_SLOTS = 4;
/** Slots before the first data integration subnet: services, four Databricks, Power BI gateway, two reserved. */
export const LANDING_ZONE_FIXED_SLOTS = 8;

export type SubnetRole =
  | 'firewall'
  | 'services'
  | 'databricks-public'
  | 'databricks-private'
  | 'powerbi-gateway'
  | 'data-integration'
  | 'data-product';

export interface SubnetDefinition {
  /** Stable key: the construct id and the subnet name's purpose part. */
  readonly key: string;
  readonly role: SubnetRole;
  /** The data integration or data product the subnet belongs to. */
  readonly owner?: string;
  /** Which shared Databricks workspace a Databricks subnet serves. */
  readonly workspace?: 'integration' | 'product';
  /** /24 slot counted from the start of the zone, or from its end. */
  readonly slot: number | { readonly fromEnd: number };
}

export interface SubnetSlot extends SubnetDefinition {
  readonly cidr: string;
}

/** The hub: AzureFirewallSubnet first so the firewall gets the zone's .4 address, then services. */
export function managementZoneSubnetDefinitions(): SubnetDefinition[] {
  return [
    { key: 'firewall', role: 'firewall', slot: 0 },
    { key: 'services', role: 'services', slot: 1 },
  ];
}

/**
 * A spoke: fixed slots first, data integrations counting up from slot 8 and data
 * products counting down from the last slot, so appending either never moves the other.
 */
export function landingZoneSubnetDefinitions(
  integrations: readonly string[],
  products: readonly string[],
  /** Per item name, the name its subnet is named after (a renamed item keeps its subnet). @default each item's own name */
  nameBases: Readonly<Record<string, string>> = {},
): SubnetDefinition[] {
  const base = (item: string) => nameBases[item] ?? item;
  return [
    { key: 'services', role: 'services', slot: 0 },
    { key: 'dbw-integration-public', role: 'databricks-public', workspace: 'integration', slot: 1 },
    { key: 'dbw-integration-private', role: 'databricks-private', workspace: 'integration', slot: 2 },
    { key: 'dbw-product-public', role: 'databricks-public', workspace: 'product', slot: 3 },
    { key: 'dbw-product-private', role: 'databricks-private', workspace: 'product', slot: 4 },
    { key: 'powerbi-gateway', role: 'powerbi-gateway', slot: 5 },
    ...integrations.map((name, i): SubnetDefinition => ({ key: `di-${base(name)}`, role: 'data-integration', owner: name, slot: LANDING_ZONE_FIXED_SLOTS + i })),
    ...products.map((name, i): SubnetDefinition => ({ key: `dp-${base(name)}`, role: 'data-product', owner: name, slot: { fromEnd: i } })),
  ];
}

/** Gives each definition its /24 inside `space` (the address plan has checked that they fit). */
export function placeSubnets(space: Cidr, definitions: readonly SubnetDefinition[]): SubnetSlot[] {
  const last = blockCount(space, SUBNET_PREFIX) - 1;
  return definitions.map((d) => ({ ...d, cidr: format(subBlock(space, SUBNET_PREFIX, typeof d.slot === 'number' ? d.slot : last - d.slot.fromEnd)) }));
}

/** /24 slots a landing zone needs for its subnets. */
export function landingZoneSlotsNeeded(integrationCount: number, productCount: number): number {
  return LANDING_ZONE_FIXED_SLOTS + integrationCount + productCount;
}
