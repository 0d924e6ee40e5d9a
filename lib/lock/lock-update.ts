import { isDeepStrictEqual } from 'util';
import { Estate, LandingZone } from '../estate/model';
import { StackDigest, stackDigest } from './stack-digest';
import type { WrittenDigests } from './written-stacks';
import { EstateLock, LOCK_VERSION, LockedDataStore, LockedItem, LockedZone } from '../estate/lock/estate-lock';
import { dataStoreOwner } from './data-store-owners';
import { lockedLandingZone, retiredItemsOf } from '../estate/lock/locked-zones';
import { Retirements } from './retirement';
import type { PeeringPlan } from './peering-layout';

/**
 * The lock after this synth: every zone as written now (address space, item subnets, data
 * stores, providers), zones and items that left the estate kept and marked retired, zones in
 * the order they joined. Only what synth wrote goes in, so the lock cannot claim a store
 * that no stack has.
 */
export function nextEstateLock(
  previous: EstateLock | undefined,
  estate: Estate,
  written: WrittenDigests | undefined,
  retirements: Retirements,
  /** Which zones have peering stacks, and which still move peerings into them. @default topology peering, nothing pending */
  peerings?: PeeringPlan,
): EstateLock {
  const live = new Map<string, LockedZone>();
  const digestOf = (stack: string) => {
    // Without written stacks (allocation only: tests of the address rules) no data store is recorded.
    if (!written) return EMPTY_STACK;
    const found = written.digests[stack];
    if (!found) throw new Error(`internal: stack ${stack} was not written`);
    return found;
  };
  const dmlz = zoneEntry(estate.managementZone.stackName, estate.managementZone, digestOf('dmlz'), undefined, undefined);
  live.set('dmlz', estate.managementZone.connectivity.mode === 'existing-hub' ? withConnectivity(dmlz, 'existing-hub') : dmlz);
  for (const zone of estate.landingZones) {
    const old = lockedLandingZone(previous, zone.name);
    const entry = zoneEntry(zone.stackName, zone, digestOf(zone.stackName), zone, old);
    live.set(
      zone.stackName,
      withPeeringLayout(entry, estate.network.topology === 'peering' || old?.peeringStack === true, peerings?.pendingMove.includes(zone.name) ?? false),
    );
  }
  const retiredZones = new Map(retirements.zones.map((z) => [z.stack, z]));
  const zones: LockedZone[] = [];
  for (const old of previous?.zones ?? []) {
    const now = live.get(old.stack);
    if (now && !old.retired) {
      zones.push(now);
      live.delete(old.stack);
    } else if (retiredZones.has(old.stack) || old.retired) {
      zones.push(retire(old));
    }
  }
  // New zones, in deployment order (the model's order), after every zone the lock knew.
  zones.push(...live.values());
  return { lockVersion: LOCK_VERSION, estate: estate.estate, environment: estate.environment, zones };
}

/** What an empty stack's JSON gives: no data stores, no resource groups, no aliases. */
const EMPTY_STACK = stackDigest({});

function zoneEntry(
  stack: string,
  zone: { subscriptionId: string; addressSpace: string },
  digest: StackDigest,
  landingZone: LandingZone | undefined,
  old: LockedZone | undefined,
): LockedZone {
  const items: Record<string, LockedItem> = {};
  const dataStores: Record<string, LockedDataStore> = {};
  if (landingZone) {
    for (const subnet of landingZone.subnets) {
      if (subnet.owner === undefined) continue;
      items[subnet.owner] = { kind: subnet.role === 'data-integration' ? 'integration' : 'product', subnet: subnet.cidr };
    }
  }
  const identities = new Map(digest.identities);
  const groups = new Set([...identities.values()].map((identity) => identity.resource_group_name).filter((name): name is string => name !== undefined));
  for (const [address, identity] of identities) {
    const owner = dataStoreOwner(landingZone, address.split('.')[0]!, identity);
    dataStores[address] = { ...(owner ? { owner } : {}), identity };
  }
  // The resource groups holding data stores: removing one would delete what it holds.
  for (const { id, name, location } of digest.resourceGroups) {
    if (name === undefined || !groups.has(name)) continue;
    const identity = { name, ...(location !== undefined ? { location } : {}) };
    const owner = dataStoreOwner(landingZone, 'azurerm_resource_group', identity);
    dataStores[`azurerm_resource_group.${id}`] = { ...(owner ? { owner } : {}), identity };
  }
  // Items retired now or before keep their entries, marked, while their data is kept in Azure.
  if (old && landingZone) {
    for (const name of retiredItemsOf(old, [...landingZone.dataIntegrations, ...landingZone.dataProducts])) {
      if (!(name in items)) items[name] = { ...old.items[name]!, retired: true };
    }
    for (const [address, store] of Object.entries(old.dataStores)) {
      if (!(address in dataStores) && store.owner !== undefined && items[store.owner]?.retired) dataStores[address] = { ...store, retired: true };
    }
  }
  const providers: Record<string, string> = {};
  for (const [alias, subscriptionId] of digest.azurermAliases) providers[alias] = subscriptionId;
  return { stack, subscriptionId: zone.subscriptionId, addressSpace: zone.addressSpace, providers, items, dataStores };
}

/** The landing zone entry with its peering stack and pending move (lib/lock/peering-layout.ts) after its address space. */
function withPeeringLayout(zone: LockedZone, peeringStack: boolean, farSidesPending: boolean): LockedZone {
  if (!peeringStack) return zone;
  const { stack, subscriptionId, addressSpace, ...rest } = zone;
  return { stack, subscriptionId, addressSpace, peeringStack: true, ...(farSidesPending ? { farSidesPending: true as const } : {}), ...rest };
}

/** The zone entry with its connectivity mode after its subscription and address space, where readers look for them. */
function withConnectivity(zone: LockedZone, connectivity: 'existing-hub'): LockedZone {
  const { stack, subscriptionId, addressSpace, ...rest } = zone;
  return { stack, subscriptionId, addressSpace, connectivity, ...rest };
}

function retire(zone: LockedZone): LockedZone {
  const mark = <T extends object>(entries: Readonly<Record<string, T>>) =>
    Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, { ...value, retired: true as const }]));
  return { ...zone, retired: true, items: mark(zone.items), dataStores: mark(zone.dataStores) };
}

/** The stacks whose zone entry is the same (deep-equal) in both locks. */
export function unchangedZones(before: EstateLock | undefined, after: EstateLock): Set<string> {
  const beforeZones = new Map(before?.zones.map((z) => [z.stack, z]));
  return new Set(after.zones.filter((zone) => beforeZones.has(zone.stack) && isDeepStrictEqual(beforeZones.get(zone.stack), zone)).map((zone) => zone.stack));
}

/** What differs between two locks, one line per entry, for --frozen-lock and the summary. */
export function lockChanges(before: EstateLock | undefined, after: EstateLock, unchanged = unchangedZones(before, after)): string[] {
  if (!before) return ['the lock does not exist yet'];
  const changes: string[] = [];
  const beforeZones = new Map(before.zones.map((z) => [z.stack, z]));
  const afterZones = new Map(after.zones.map((z) => [z.stack, z]));
  for (const zone of after.zones) {
    const old = beforeZones.get(zone.stack);
    if (!old) {
      changes.push(`${zone.stack}: new zone (address space ${zone.addressSpace})`);
      continue;
    }
    // Most zones are as they were (an edit touches one): equal data has no line to give.
    if (unchanged.has(zone.stack)) continue;
    if (!old.retired && zone.retired) {
      // One line for the zone: everything in it is retired with it.
      changes.push(
        `${zone.stack}: retired (${count(Object.keys(zone.items).length, 'item')}, ${count(Object.keys(zone.dataStores).length, 'data store')} kept)`,
      );
      continue;
    }
    for (const field of ['subscriptionId', 'addressSpace'] as const)
      if (old[field] !== zone[field]) changes.push(`${zone.stack}: ${field} ${old[field]} -> ${zone[field]}`);
    if (old.connectivity !== zone.connectivity)
      changes.push(`${zone.stack}: connectivity ${old.connectivity ?? 'own-hub'} -> ${zone.connectivity ?? 'own-hub'}`);
    if (old.peeringStack !== zone.peeringStack) changes.push(`${zone.stack}: peering stack ${zone.peeringStack ? 'added' : 'removed'}`);
    if (old.farSidesPending !== zone.farSidesPending)
      changes.push(`${zone.stack}: peering move into peering stacks ${zone.farSidesPending ? 'pending' : 'done (--peerings-moved)'}`);
    diffEntries(changes, `${zone.stack}: provider`, old.providers, zone.providers);
    // A newly retired item is one line, its data stores counted there rather than listed.
    const newlyRetired = new Set(Object.keys(zone.items).filter((name) => zone.items[name]!.retired && old.items[name] && !old.items[name]!.retired));
    const retiredWith = (store: LockedDataStore) => store.owner !== undefined && newlyRetired.has(store.owner);
    for (const name of [...newlyRetired].sort()) {
      const stores = Object.values(zone.dataStores).filter((store) => store.owner === name).length;
      changes.push(`${zone.stack}: item ${name}: retired (${count(stores, 'data store')} kept)`);
    }
    diffEntries(changes, `${zone.stack}: item`, omit(old.items, newlyRetired), omit(zone.items, newlyRetired));
    const keptStores = (stores: Readonly<Record<string, LockedDataStore>>) =>
      Object.fromEntries(Object.entries(stores).filter(([, store]) => !retiredWith(store)));
    diffEntries(changes, `${zone.stack}: data store`, keptStores(old.dataStores), keptStores(zone.dataStores));
  }
  for (const zone of before.zones) if (!afterZones.has(zone.stack)) changes.push(`${zone.stack}: dropped from the lock`);
  if (
    before.zones.map((z) => z.stack).join() !==
    after.zones
      .filter((z) => beforeZones.has(z.stack))
      .map((z) => z.stack)
      .join()
  )
    changes.push('zone order changed');
  return changes;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function omit<T>(entries: Readonly<Record<string, T>>, keys: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => !keys.has(key)));
}

function diffEntries(changes: string[], label: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(after).sort()) {
    if (!(key in before)) changes.push(`${label} ${key}: added`);
    else if (canonical(before[key]) !== canonical(after[key])) changes.push(`${label} ${key}: ${describeChange(before[key], after[key])}`);
  }
  for (const key of Object.keys(before).sort()) if (!(key in after)) changes.push(`${label} ${key}: removed`);
}

function describeChange(before: unknown, after: unknown): string {
  if (typeof after === 'object' && after && (after as { retired?: boolean }).retired && !(before as { retired?: boolean }).retired) return 'retired';
  if (typeof after === 'string') return `${String(before)} -> ${after}`;
  return `${canonical(before)} -> ${canonical(after)}`;
}

/** JSON with keys sorted at every level: a lock read from disk and one built in memory compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}
