import { EstateProblem } from '../util/problems';
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
  /** Its address space in the estate lock, if it was deployed before: it never moves. */
  readonly locked?: string;
}

export interface AddressPlanInput {
  readonly pool: string;
  /** True when the estate file set network.addressPool (only changes the wording of problems). */
  readonly poolExplicit: boolean;
  /** The management zone first, then landing zones in file order. */
  readonly zones: readonly AddressPlanZone[];
  /** Address spaces of retired zones (estate lock): taken, so no new zone is placed there. @default none */
  readonly reserved?: readonly { readonly cidr: string; readonly owner: string }[];
}

export interface PlannedSpace {
  readonly cidr: Cidr;
  readonly auto: boolean;
  /** Set when an explicit addressSpace contradicts the lock: the locked space, which the data-loss guard judges. */
  readonly lockedSpace?: string;
}

export interface AddressPlan {
  /** Same order as the input zones; undefined where the zone could not be placed. */
  readonly spaces: readonly (PlannedSpace | undefined)[];
  readonly problems: readonly EstateProblem[];
}

/**
 * Places every zone's address space. Zones in the estate lock keep their locked space
 * (an explicit addressSpace that differs wins, flagged for the data-loss guard); then the
 * others, in file order, get their explicit space or the next free /16 of the pool not
 * used by any zone, locked or retired. So inserting or reordering zones never moves a
 * deployed one, and without a lock appending a zone never moves an existing one either.
 */
export function planAddresses(input: AddressPlanInput): AddressPlan {
  const planner = new Planner(input);
  // Retired zones' spaces stay taken: their networks may not be torn down yet.
  for (const r of input.reserved ?? [])
    planner.placed.push({ cidr: parseCidr(r.cidr), path: r.owner, auto: false, label: `${r.cidr} of retired ${r.owner} (estate lock)` });
  // Deployed zones first, each where the lock has it.
  input.zones.forEach((zone, index) => {
    if (zone.locked !== undefined) planner.placeLocked(index, zone.locked);
  });
  input.zones.forEach((zone, index) => {
    if (zone.locked !== undefined) return;
    if (zone.addressSpace !== undefined) planner.placeExplicit(index, zone.addressSpace);
    else planner.placeNextFree(index);
  });
  return { spaces: planner.spaces, problems: planner.problems };
}

interface PlacedSpace {
  readonly cidr: Cidr;
  readonly path: string;
  readonly auto: boolean;
  readonly label?: string;
}

/** The state of one planAddresses run: what is placed so far, and the problems found. */
class Planner {
  readonly problems: EstateProblem[] = [];
  readonly placed: PlacedSpace[] = [];
  readonly spaces: (PlannedSpace | undefined)[];
  private readonly pool: Cidr;
  /** Next candidate /16 index in the pool. */
  private cursor = 0;

  constructor(private readonly input: AddressPlanInput) {
    this.pool = parseCidr(input.pool);
    this.spaces = new Array(input.zones.length).fill(undefined);
  }

  /** A deployed zone, where the lock has it; an explicit addressSpace that differs wins, flagged for the data-loss guard. */
  placeLocked(index: number, locked: string): void {
    const zone = this.input.zones[index]!;
    const field = `${zone.path}.addressSpace`;
    const explicit = zone.addressSpace !== undefined && format(parseCidr(zone.addressSpace)) !== format(parseCidr(locked));
    const cidr = parseCidr(explicit ? zone.addressSpace! : locked);
    if (!contains(this.pool, cidr)) this.outsidePool(field, format(cidr), explicit ? '' : ' (deployed, estate lock)');
    const clash = this.clashWith(cidr);
    if (clash) {
      this.problems.push({
        path: field,
        message: `${format(cidr)}${explicit ? '' : ' (deployed, estate lock)'} overlaps ${describe(clash)}; choose a range that overlaps no other zone`,
      });
      return;
    }
    this.place(index, cidr, !explicit && zone.addressSpace === undefined, explicit ? locked : undefined);
  }

  placeExplicit(index: number, addressSpace: string): void {
    const field = `${this.input.zones[index]!.path}.addressSpace`;
    const cidr = parseCidr(addressSpace);
    // The hub firewall lets the pool through (not each zone, so appending a zone never changes the hub).
    if (!contains(this.pool, cidr)) this.outsidePool(field, addressSpace);
    const clash = this.clashWith(cidr);
    if (clash) {
      this.problems.push({ path: field, message: `${addressSpace} overlaps ${describe(clash)}; choose a range that overlaps no other zone` });
      return;
    }
    this.place(index, cidr, false);
  }

  /** The next /16 of the pool that no zone uses, locked or retired. */
  placeNextFree(index: number): void {
    const field = `${this.input.zones[index]!.path}.addressSpace`;
    const { pool } = this;
    const count = blockCount(pool, AUTO_ZONE_PREFIX);
    if (count === 0) {
      this.problems.push({
        path: field,
        message: `not set, and network.addressPool ${this.input.pool} is smaller than the /${AUTO_ZONE_PREFIX} a zone is given; set addressSpace or use a larger pool`,
      });
      return;
    }
    while (this.cursor < count && this.clashWith(subBlock(pool, AUTO_ZONE_PREFIX, this.cursor))) this.cursor++;
    if (this.cursor >= count) {
      this.problems.push({
        path: field,
        message: `not set, and network.addressPool ${this.input.pool} has no free /${AUTO_ZONE_PREFIX} left; set addressSpace or use a larger pool`,
      });
      return;
    }
    this.place(index, subBlock(pool, AUTO_ZONE_PREFIX, this.cursor++), true);
  }

  private place(index: number, cidr: Cidr, auto: boolean, lockedSpace?: string): void {
    const zone = this.input.zones[index]!;
    const available = blockCount(cidr, SUBNET_PREFIX);
    if (available < zone.slotsNeeded) {
      this.problems.push({
        path: `${zone.path}.addressSpace`,
        message: `${format(cidr)} holds ${available} /${SUBNET_PREFIX} subnets (${size(cidr)} addresses) but the zone needs ${zone.slotsNeeded}; use a larger block (e.g. a /${prefixFor(zone.slotsNeeded)}) or fewer data integrations and products`,
      });
    }
    this.placed.push({ cidr, path: zone.path, auto });
    this.spaces[index] = { cidr, auto, ...(lockedSpace ? { lockedSpace } : {}) };
  }

  private clashWith(cidr: Cidr): PlacedSpace | undefined {
    return this.placed.find((p) => overlaps(p.cidr, cidr));
  }

  private outsidePool(field: string, value: string, why = ''): void {
    const { input } = this;
    this.problems.push({
      path: field,
      message: input.poolExplicit
        ? `${value}${why} lies outside network.addressPool ${input.pool}; the hub firewall only passes traffic from the pool: choose a block inside it or widen the pool`
        : `${value}${why} lies outside network.addressPool ${input.pool} (the default); the hub firewall only passes traffic from the pool: set network.addressPool to a range holding every zone`,
    });
  }
}

function describe(p: PlacedSpace): string {
  return p.label ?? `${p.path}.addressSpace ${format(p.cidr)}${p.auto ? ' (allocated from the pool because that zone sets none)' : ''}`;
}

export function managementZoneSlotsNeeded(): number {
  return MANAGEMENT_ZONE_SLOTS;
}

export { landingZoneSlotsNeeded };

function prefixFor(slots: number): number {
  return SUBNET_PREFIX - Math.ceil(Math.log2(Math.max(slots, 1)));
}
