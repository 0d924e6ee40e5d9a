import { blockCount, Cidr, contains, format, parseCidr, subBlock } from './cidr';

/** Every subnet is a /24, as in the reference implementation. */
export const SUBNET_PREFIX = 24;

/** Slots (in /24s) a management zone reserves: firewall, services, and the Databricks web-auth workspace's pair. */
export const MANAGEMENT_ZONE_SLOTS = 4;
/** Slots before the first data integration subnet: services, four Databricks, Power BI gateway, two reserved. */
export const LANDING_ZONE_FIXED_SLOTS = 8;

export type SubnetRole = 'firewall' | 'services' | 'databricks-public' | 'databricks-private' | 'powerbi-gateway' | 'data-integration' | 'data-product';

export interface SubnetDefinition {
  /** Stable key: the construct id and the subnet name's purpose part. */
  readonly key: string;
  readonly role: SubnetRole;
  /** The data integration or data product the subnet belongs to. */
  readonly owner?: string;
  /** Which Databricks workspace a Databricks subnet serves: a landing zone's shared ones, or the hub's web-auth workspace. */
  readonly workspace?: 'integration' | 'product' | 'web-auth';
  /** /24 slot counted from the start of the zone, or from its end. */
  readonly slot: number | { readonly fromEnd: number };
}

export interface SubnetSlot extends SubnetDefinition {
  readonly cidr: string;
}

/**
 * The hub: AzureFirewallSubnet first so the firewall gets the zone's .4 address, then
 * services, then the Databricks web-auth workspace's delegated pair in the two slots that
 * were kept free (every hub has all four slots, so adding them moved nothing).
 */
export function managementZoneSubnetDefinitions(): SubnetDefinition[] {
  return [
    { key: 'firewall', role: 'firewall', slot: 0 },
    { key: 'services', role: 'services', slot: 1 },
    { key: 'dbw-webauth-public', role: 'databricks-public', workspace: 'web-auth', slot: 2 },
    { key: 'dbw-webauth-private', role: 'databricks-private', workspace: 'web-auth', slot: 3 },
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
    ...integrations.map((name, i): SubnetDefinition => ({
      key: `di-${base(name)}`,
      role: 'data-integration',
      owner: name,
      slot: LANDING_ZONE_FIXED_SLOTS + i,
    })),
    ...products.map((name, i): SubnetDefinition => ({ key: `dp-${base(name)}`, role: 'data-product', owner: name, slot: { fromEnd: i } })),
  ];
}

/** Subnets already deployed (the estate lock) and slots no new subnet may take. */
export interface LockedSubnets {
  /** Deployed subnets of current items, by item name (the definition's owner): they keep their range. */
  readonly byOwner: Readonly<Record<string, string>>;
  /** Ranges of retired items' subnets: taken until their teardown is applied. */
  readonly reserved: readonly string[];
}

/**
 * Gives each definition its /24 inside `space` (the address plan has checked that they
 * fit). A locked subnet keeps its range; a new data integration takes the lowest free slot
 * after the fixed ones and a new data product the highest free one. Without a lock that is
 * slot 8 + i and last - i in file order, as before the lock existed.
 */
export function placeSubnets(space: Cidr, definitions: readonly SubnetDefinition[], locked?: LockedSubnets): SubnetSlot[] {
  const count = blockCount(space, SUBNET_PREFIX);
  const last = count - 1;
  const slotOf = (range: string): number | undefined => {
    const subnet = parseCidr(range);
    return contains(space, subnet) && subnet.prefix === SUBNET_PREFIX ? (subnet.base - space.base) / 2 ** (32 - SUBNET_PREFIX) : undefined;
  };
  const taken = new Set<number>();
  const fixed = (d: SubnetDefinition) => d.role !== 'data-integration' && d.role !== 'data-product';
  for (const d of definitions) if (fixed(d)) taken.add(typeof d.slot === 'number' ? d.slot : last - d.slot.fromEnd);
  // The fixed slots, used or kept for future shared subnets, are never an item's.
  for (let slot = 0; slot < LANDING_ZONE_FIXED_SLOTS; slot++) taken.add(slot);
  for (const range of locked?.reserved ?? []) {
    const slot = slotOf(range);
    if (slot !== undefined) taken.add(slot);
  }
  const lockedSlot = new Map<string, number>();
  for (const d of definitions) {
    const range = d.owner === undefined ? undefined : locked?.byOwner[d.owner];
    const slot = range === undefined || fixed(d) ? undefined : slotOf(range);
    if (slot !== undefined && !taken.has(slot)) {
      lockedSlot.set(d.key, slot);
      taken.add(slot);
    }
  }
  const take = (from: number, step: 1 | -1): number => {
    let slot = from;
    while (taken.has(slot) && slot >= 0 && slot <= last) slot += step;
    taken.add(slot);
    return slot;
  };
  return definitions.map((d) => {
    let slot: number;
    if (fixed(d)) slot = typeof d.slot === 'number' ? d.slot : last - d.slot.fromEnd;
    else slot = lockedSlot.get(d.key) ?? (d.role === 'data-integration' ? take(LANDING_ZONE_FIXED_SLOTS, 1) : take(last, -1));
    return { ...d, cidr: format(subBlock(space, SUBNET_PREFIX, slot)) };
  });
}

/** /24 slots a landing zone needs for its subnets. */
export function landingZoneSlotsNeeded(integrationCount: number, productCount: number): number {
  return LANDING_ZONE_FIXED_SLOTS + integrationCount + productCount;
}
