import { AddressPlanInput, AddressPlanZone, landingZoneSlotsNeeded, managementZoneSlotsNeeded } from '../../network/address-plan';
import { LockedSubnets } from '../../network/subnet-layout';
import { EstateLock } from './estate-lock';
import { ItemNames, lockedItem, lockedLandingZone, lockedManagementZone, retiredItemsOf, retiredZonesOf } from './locked-zones';

/** A zone as the address plan needs it, from the validated file or from the lenient view. */
export interface PlannedZoneSource {
  /** Its path in the estate file, e.g. `landingZones[1]`. */
  readonly path: string;
  /** Landing zones only; the management zone has none. */
  readonly name?: string;
  /** Explicit address space, syntax-checked; undefined to allocate. */
  readonly addressSpace?: string;
  /** Landing zones: data integrations then data products. */
  readonly items?: readonly ItemNames[];
}

/**
 * The address plan's input with what the lock holds: each deployed zone's space, the
 * spaces of retired zones (taken), and per zone the slots its retired items still hold.
 * Zones are in file order; without a lock this is the plan of file order alone.
 */
export function addressPlanInput(
  source: {
    readonly pool: string;
    readonly poolExplicit: boolean;
    readonly managementZone?: PlannedZoneSource;
    readonly landingZones: readonly PlannedZoneSource[];
  },
  lock: EstateLock | undefined,
): AddressPlanInput {
  const management = source.managementZone;
  const zones: AddressPlanZone[] = [
    // Left out only by validation, when its addressSpace is invalid (reported already).
    ...(management
      ? [
          {
            path: management.path,
            addressSpace: management.addressSpace,
            slotsNeeded: managementZoneSlotsNeeded(),
            ...lockedSpace(lockedManagementZone(lock)?.addressSpace),
          },
        ]
      : []),
    ...source.landingZones.map((zone): AddressPlanZone => {
      const locked = zone.name === undefined ? undefined : lockedLandingZone(lock, zone.name);
      const items = zone.items ?? [];
      return {
        path: zone.path,
        addressSpace: zone.addressSpace,
        // Retired items' subnets stay reserved, so they count against the zone's room.
        slotsNeeded: landingZoneSlotsNeeded(items.length + retiredItemsOf(locked, items).length, 0),
        ...lockedSpace(locked?.addressSpace),
      };
    }),
  ];
  const names = source.landingZones.flatMap((z) => (z.name === undefined ? [] : [z.name]));
  const reserved = retiredZonesOf(lock, names).map((z) => ({ cidr: z.addressSpace, owner: `landing zone ${z.stack.replace(/^dlz-/, '')}` }));
  return { pool: source.pool, poolExplicit: source.poolExplicit, zones, reserved };
}

const lockedSpace = (cidr: string | undefined) => (cidr === undefined ? {} : { locked: cidr });

/** A landing zone's deployed item subnets (by item name now) and its retired items' subnets. */
export function lockedSubnets(lock: EstateLock | undefined, zoneName: string, items: readonly ItemNames[]): LockedSubnets | undefined {
  const zone = lockedLandingZone(lock, zoneName);
  if (!zone) return undefined;
  const byOwner: Record<string, string> = {};
  for (const item of items) {
    const found = lockedItem(zone, item);
    if (found) byOwner[item.name] = found[1].subnet;
  }
  return { byOwner, reserved: retiredItemsOf(zone, items).map((name) => zone.items[name]!.subnet) };
}
