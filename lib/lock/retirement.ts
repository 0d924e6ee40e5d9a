import { Estate } from '../estate/model';
import { EstateLock, LockedZone } from '../estate/lock/estate-lock';
import { lockedLandingZone, retiredItemsOf, retiredZonesOf } from '../estate/lock/locked-zones';

/**
 * What leaves Terraform's hands this synth (docs/retirement.md). An integration, product or
 * landing zone that is no longer in the estate file is retired: its data stores and the
 * resource groups holding them get Terraform `removed` blocks with `destroy = false`, so
 * Terraform forgets them and the data stays in Azure; everything else of it is torn down.
 * With `--allow-data-loss` no `removed` block is written, and Terraform destroys the data too.
 */
export interface Retirements {
  /** False with --allow-data-loss: retired data stores are destroyed instead of forgotten. */
  readonly keepData: boolean;
  /** Per stack, the addresses its `removed` blocks forget. */
  readonly forgotten: ReadonlyMap<string, readonly string[]>;
  /** Items retired in zones that remain, by stack: each with its data stores' addresses. */
  readonly items: readonly RetiredItem[];
  /** Zones retired: each keeps a stack of its own that tears it down and forgets its data. */
  readonly zones: readonly LockedZone[];
}

export interface RetiredItem {
  readonly stack: string;
  readonly item: string;
  readonly kind: 'integration' | 'product';
  readonly addresses: readonly string[];
}

export const NO_RETIREMENTS: Retirements = { keepData: true, forgotten: new Map(), items: [], zones: [] };

export function planRetirements(lock: EstateLock | undefined, estate: Estate, options: { readonly allowDataLoss?: boolean } = {}): Retirements {
  if (!lock) return NO_RETIREMENTS;
  const keepData = !options.allowDataLoss;
  const forgotten = new Map<string, string[]>();
  const forget = (stack: string, addresses: readonly string[]) => {
    if (keepData && addresses.length) forgotten.set(stack, [...(forgotten.get(stack) ?? []), ...addresses].sort());
  };
  const items: RetiredItem[] = [];
  for (const zone of estate.landingZones) {
    const locked = lockedLandingZone(lock, zone.name);
    if (!locked) continue;
    const current = [...zone.dataIntegrations, ...zone.dataProducts];
    for (const item of retiredItemsOf(locked, current)) {
      const addresses = Object.keys(locked.dataStores)
        .filter((address) => locked.dataStores[address]!.owner === item)
        .sort();
      items.push({ stack: zone.stackName, item, kind: locked.items[item]!.kind, addresses });
      forget(zone.stackName, addresses);
    }
  }
  const zones = retiredZonesOf(
    lock,
    estate.landingZones.map((z) => z.name),
  );
  for (const zone of zones) forget(zone.stack, Object.keys(zone.dataStores));
  return { keepData, forgotten, items, zones };
}
