import { stackNameOf } from '../model';
import { EstateLock, LockedItem, LockedZone } from './estate-lock';

/** What the lock is asked about an item: its name now and its earlier names (renamedFrom). */
export interface ItemNames {
  readonly name: string;
  readonly previousNames?: readonly string[];
}

/** The management zone's lock entry. */
export function lockedManagementZone(lock: EstateLock | undefined): LockedZone | undefined {
  return lock?.zones.find((z) => z.stack === 'dmlz');
}

/** A deployed (not retired) landing zone's lock entry. */
export function lockedLandingZone(lock: EstateLock | undefined, zoneName: string): LockedZone | undefined {
  return lock?.zones.find((z) => z.stack === stackNameOf(zoneName) && !z.retired);
}

/** A retired landing zone's lock entry: its name stays taken while its data is kept. */
export function retiredLandingZone(lock: EstateLock | undefined, zoneName: string): LockedZone | undefined {
  return lock?.zones.find((z) => z.stack === stackNameOf(zoneName) && z.retired);
}

/** Landing zones of the lock that the estate no longer has, or that were retired before: in lock order. */
export function retiredZonesOf(lock: EstateLock | undefined, zoneNames: readonly string[]): LockedZone[] {
  const current = new Set(zoneNames.map(stackNameOf));
  return (lock?.zones ?? []).filter((z) => z.stack !== 'dmlz' && (z.retired || !current.has(z.stack)));
}

/** The lock entry of an item by its name, or else by its earliest earlier name that is locked (a declared rename). */
export function lockedItem(zone: LockedZone | undefined, item: ItemNames): [name: string, entry: LockedItem] | undefined {
  if (!zone) return undefined;
  for (const name of [item.name, ...[...(item.previousNames ?? [])].reverse()]) {
    const entry = zone.items[name];
    if (entry && !entry.retired) return [name, entry];
  }
  return undefined;
}

/** Items of a locked zone that none of `items` is (by name or earlier name): retired now or before. */
export function retiredItemsOf(zone: LockedZone | undefined, items: readonly ItemNames[]): string[] {
  if (!zone) return [];
  const current = new Set(items.flatMap((i) => [i.name, ...(i.previousNames ?? [])]));
  return Object.keys(zone.items).filter((name) => zone.items[name]!.retired || !current.has(name));
}

/**
 * Landing zones in deployment order: those in the lock in the order they joined, then new
 * ones in file order. "Earlier zone" (peering, grant placement, stack dependencies) means
 * earlier in this order, so inserting a zone at the top of the file or reordering zones
 * changes no deployed zone's stack.
 */
export function deploymentOrder<T extends { readonly name: string }>(zones: readonly T[], lock: EstateLock | undefined): T[] {
  if (!lock) return [...zones];
  const rank = new Map(lock.zones.filter((z) => !z.retired).map((z, i) => [z.stack, i]));
  const locked = zones.filter((z) => rank.has(stackNameOf(z.name))).sort((a, b) => rank.get(stackNameOf(a.name))! - rank.get(stackNameOf(b.name))!);
  return [...locked, ...zones.filter((z) => !rank.has(stackNameOf(z.name)))];
}
