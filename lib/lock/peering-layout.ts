import { Estate, LandingZone } from '../estate/model';
import { EstateLock, LockedZone } from '../estate/lock/estate-lock';

/** `peerings-<zone>`: never a zone's stack name (`dmlz`, `dlz-<zone>`), so never a zone's state key. */
export const peeringStackName = (zone: string) => `peerings-${zone}`;

/** Whether a stack is a peering stack (it holds peerings only: no data store, no private endpoint). */
export const isPeeringStackName = (stack: string) => stack.startsWith('peerings-');

/**
 * Where the sides of the landing zones' peerings live (topology peering, docs/topology.md).
 *
 * Each landing zone's stack creates its own side of its peerings with the hub and every
 * earlier zone (and the hub's side, through the management zone's provider). The other side
 * of a peering between two landing zones is in the earlier zone's network, so it belongs to
 * the earlier zone's **peering stack** `peerings-<zone>`, whose only provider is that zone's
 * subscription: no stack needs a provider per peer.
 *
 * Estates whose lock predates peering stacks had both sides in the later zone's stack,
 * through one aliased provider per earlier zone. Those sides move, without being destroyed:
 * the later zone's stack forgets its copy (`removed`, destroy = false; it keeps the aliased
 * provider Terraform needs for that) and the earlier zone's peering stack imports it. The
 * move stays pending, recorded in the lock, until `npm run synth -- --peerings-moved` says
 * every stack was applied since: the aliases and both kinds of blocks then go.
 */
export interface PeeringLayout {
  /** Landing zones (live and retired) with a peering stack, by name, each with the subscription it deploys to. */
  readonly peeringStacks: readonly PeeringStackSpec[];
  /** Landing zones whose stacks still hold the other side of their peerings with earlier zones (the move is pending). */
  readonly pendingMove: ReadonlySet<string>;
  /** The earlier zones whose side of the peering `zone`'s stack holds from before, and forgets now. */
  forgottenBy(zone: LandingZone): readonly LandingZone[];
  /** The later zones whose peering with `zone` its peering stack imports (from their stacks). */
  importedBy(zone: LandingZone): readonly LandingZone[];
}

export interface PeeringStackSpec {
  /** The landing zone's name. */
  readonly zone: string;
  readonly stack: string;
  readonly subscriptionId: string;
  /** The live landing zone; undefined once it retired or the estate left topology peering (the stack then tears its peerings down). */
  readonly landingZone?: LandingZone;
  /** The later landing zones its network peers with (its side of those peerings). */
  readonly laterZones: readonly LandingZone[];
}

export interface PeeringLayoutOptions {
  /** `--peerings-moved`: every stack was applied since the move began; drop what it needed. @default false */
  readonly peeringsMoved?: boolean;
}

/** What the lock decides about peering stacks, as plain data (it crosses to synth's worker threads). */
export interface PeeringPlan {
  /** Landing zones (names) whose stacks still hold the other side of their peerings with earlier zones. */
  readonly pendingMove: readonly string[];
  /** Zones no longer in the estate's peering mesh whose peering stack stays, empty, to tear their peerings down. */
  readonly keptStacks: readonly { readonly zone: string; readonly subscriptionId: string }[];
}

export const NO_PEERING_PLAN: PeeringPlan = { pendingMove: [], keptStacks: [] };

/** The plan of this synth, from the estate and what the lock says was synthesized before. */
export function planPeerings(lock: EstateLock | undefined, estate: Estate, options: PeeringLayoutOptions = {}): PeeringPlan {
  const peering = estate.network.topology === 'peering';
  const locked = new Map((lock?.zones ?? []).map((zone) => [zone.stack, zone]));
  const pendingMove =
    peering && !options.peeringsMoved ? estate.landingZones.filter((zone) => holdsFarSides(locked.get(zone.stackName))).map((z) => z.name) : [];
  const live = new Set(estate.landingZones.map((zone) => zone.stackName));
  // A zone that had a peering stack keeps it, empty, while its zone is retired or the estate
  // peers through avnm: applying it tears its side of the peerings down (its state is never orphaned).
  const keptStacks = (lock?.zones ?? [])
    .filter((zone) => zone.peeringStack && !(peering && live.has(zone.stack)))
    .map((zone) => ({ zone: zone.stack.replace(/^dlz-/, ''), subscriptionId: zone.subscriptionId }));
  return { pendingMove, keptStacks };
}

/** The stacks and moves a plan makes of the estate. */
export function peeringLayout(estate: Estate, plan: PeeringPlan): PeeringLayout {
  const pendingMove = new Set(plan.pendingMove);
  const peeringStacks: PeeringStackSpec[] =
    estate.network.topology === 'peering'
      ? estate.landingZones.map((zone, index) => ({
          zone: zone.name,
          stack: peeringStackName(zone.name),
          subscriptionId: zone.subscriptionId,
          landingZone: zone,
          // Read when the peering stack is built: the later zones are that stack's input, not the
          // layout's (the stack cache records each read against the stack that makes it).
          get laterZones() {
            return estate.landingZones.slice(index + 1);
          },
        }))
      : [];
  for (const kept of plan.keptStacks) peeringStacks.push({ ...kept, stack: peeringStackName(kept.zone), laterZones: [] });
  const earlierPending = (zone: LandingZone) => estate.landingZones.slice(0, zone.index).filter((earlier) => pendingMove.has(earlier.name));
  const laterPending = (zone: LandingZone) => estate.landingZones.slice(zone.index + 1).filter((later) => pendingMove.has(later.name));
  return {
    peeringStacks,
    pendingMove,
    forgottenBy: (zone) => (pendingMove.has(zone.name) ? earlierPending(zone) : []),
    importedBy: (zone) => (pendingMove.has(zone.name) ? laterPending(zone) : []),
  };
}

/**
 * A landing zone synthesized with both sides of its peerings in its own stack: one the lock
 * knew before peering stacks (no `peeringStack`), or one whose move is still pending.
 */
function holdsFarSides(zone: LockedZone | undefined): boolean {
  return zone !== undefined && !zone.retired && (zone.peeringStack === undefined || zone.farSidesPending === true);
}
