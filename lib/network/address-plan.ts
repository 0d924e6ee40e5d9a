import { EstateProblem } from '../estate/problems';
import { blockCount, Cidr, contains, format, overlaps, parseCidr, size, subBlock } from './cidr';
import { landingZoneSlotsNeeded, MANAGEMENT_ZONE_SLOTS, SUBNET_PREFIX } from './subnet-layout';

/** Block size handed to zones that do not set addressSpace. */
export const AUTO_ZONE_PREFIX = 16;

export interface AddressPlanZone {
  /** Path of the zone in the estate file, e.g. `landingZones[1]`. */
  readonly path: string;
  /** Explicit address space, already syntax-checked; undefined to allocate. */
  readonly addressSpace?: string;
  /** /24 subnets the zone needs. */
  readonly slotsNeeded: number;
}

export interface AddressPlanInput {
  readonly pool: string;
  /** True when the estate file set network.addressPool (only changes the wording of problems). */
  readonly poolExplicit: boolean;
  /** The management zone first, then landing zones in file order. */
  readonly zones: readonly AddressPlanZone[];
}

export interface PlannedSpace {
  readonly cidr: Cidr;
  readonly auto: boolean;
}

export interface AddressPlan {
  /** Same order as the input zones; undefined where the zone could not be placed. */
  readonly spaces: readonly (PlannedSpace | undefined)[];
  readonly problems: readonly EstateProblem[];
}

/**
 * Places every zone's address space in file order. A zone without addressSpace gets
 * the next free /16 of the pool not used by an earlier zone. Only earlier zones count,
 * so appending a zone never moves an existing one; an appended explicit space that
 * collides with an earlier zone is reported instead.
 */
export function planAddresses(input: AddressPlanInput): AddressPlan {
  const problems: EstateProblem[] = [];
  const pool = parseCidr(input.pool);
  const placed: { cidr: Cidr; path: string; auto: boolean }[] = [];
  const spaces: (PlannedSpace | undefined)[] = [];
  let cursor = 0; // next candidate /16 index in the pool

  for (const zone of input.zones) {
    const field = `${zone.path}.addressSpace`;
    let cidr: Cidr | undefined;
    let auto = false;
    if (zone.addressSpace !== undefined) {
      cidr = parseCidr(zone.addressSpace);
      if (!contains(pool, cidr)) {
        // The hub firewall lets the pool through (not each zone, so appending a zone never changes the hub).
        problems.push({
          path: field,
          message: input.poolExplicit
            ? `${zone.addressSpace} lies outside network.addressPool ${input.pool}; the hub firewall only passes traffic from the pool: choose a block inside it or widen the pool`
            : `${zone.addressSpace} lies outside network.addressPool ${input.pool} (the default); the hub firewall only passes traffic from the pool: set network.addressPool to a range holding every zone`,
        });
      }
      const clash = placed.find((p) => overlaps(p.cidr, cidr!));
      if (clash) {
        problems.push({
          path: field,
          message: `${zone.addressSpace} overlaps ${clash.path}.addressSpace ${format(clash.cidr)}${clash.auto ? ' (allocated from the pool because that zone sets none)' : ''}; choose a range that overlaps no other zone`,
        });
        cidr = undefined;
      }
    } else {
      const count = blockCount(pool, AUTO_ZONE_PREFIX);
      if (count === 0) {
        problems.push({ path: field, message: `not set, and network.addressPool ${input.pool} is smaller than the /${AUTO_ZONE_PREFIX} a zone is given; set addressSpace or use a larger pool` });
      } else {
        while (cursor < count && placed.some((p) => overlaps(p.cidr, subBlock(pool, AUTO_ZONE_PREFIX, cursor)))) cursor++;
        if (cursor >= count) {
          problems.push({ path: field, message: `not set, and network.addressPool ${input.pool} has no free /${AUTO_ZONE_PREFIX} left; set addressSpace or use a larger pool` });
        } else {
          cidr = subBlock(pool, AUTO_ZONE_PREFIX, cursor++);
          auto = true;
        }
      }
    }
    if (cidr) {
      const available = blockCount(cidr, SUBNET_PREFIX);
      if (available < zone.slotsNeeded) {
        problems.push({
          path: field,
          message: `${format(cidr)} holds ${available} /${SUBNET_PREFIX} subnets (${size(cidr)} addresses) but the zone needs ${zone.slotsNeeded}; use a larger block (e.g. a /${prefixFor(zone.slotsNeeded)}) or fewer data integrations and products`,
        });
      }
      placed.push({ cidr, path: zone.path, auto });
      spaces.push({ cidr, auto });
    } else {
      spaces.push(undefined);
    }
  }
  return { spaces, problems };
}

export function managementZoneSlotsNeeded(): number {
  return MANAGEMENT_ZONE_SLOTS;
}

export { landingZoneSlotsNeeded };

function prefixFor(slots: number): number {
  return SUBNET_PREFIX - Math.ceil(Math.log2(Math.max(slots, 1)));
}
