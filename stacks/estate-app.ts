import { App, TerraformStack } from 'cdktf';
import { crossZoneReads } from '../lib/estate/input-plan';
import { policyPublishers } from '../lib/estate/policy-publishers';
import { Estate } from '../lib/estate/model';
import { MANAGEMENT_ZONE_KEY } from '../lib/naming/zone-names';
import { OutputLocation } from './backend';
import { LandingZoneStack } from './landing-zone-stack';
import { ManagementZoneStack } from './management-zone-stack';
import { RetiredZoneStack } from './retired-zone-stack';
import { NO_RETIREMENTS, Retirements } from '../lib/lock/retirement';
import { ZoneStack } from './zone-stack';
import { PeeringStack } from './peering-stack';
import { NO_PEERING_PLAN, PeeringPlan, peeringLayout } from '../lib/lock/peering-layout';

export interface EstateStacks {
  readonly managementZone: ManagementZoneStack;
  readonly landingZones: readonly LandingZoneStack[];
  /** Topology peering: each landing zone's side of its peerings with later zones (lib/lock/peering-layout.ts). */
  readonly peeringStacks: readonly PeeringStack[];
  /** Stacks of retired landing zones (estate lock): they tear the zone down and forget its data stores. */
  readonly retiredZones: readonly RetiredZoneStack[];
}

/**
 * Adds one stack per zone to `app`, with the deployment order of spec section 3:
 * every landing zone after the management zone, after the zone before it in deployment
 * order (topology peering only: the mesh), and after any earlier zone it reads inputs from.
 * Topology peering adds each landing zone's peering stack (its side of its peerings with later
 * zones), after every landing zone. Retired landing zones (estate lock) get a stack each that
 * tears them down, last.
 */
export interface EstateStacksOptions {
  /** What leaves Terraform's hands (lib/lock/retirement.ts). @default nothing retired */
  readonly retirements?: Retirements;
  /**
   * What the lock says of peering stacks: the moves into them from a lock that predates them,
   * and the stacks kept to tear peerings down (lib/lock/peering-layout.ts). @default nothing to move or keep
   */
  readonly peerings?: PeeringPlan;
  /** Told after each landing zone stack is built, for progress on a terminal. @default none */
  readonly onZone?: (built: number, total: number) => void;
  /**
   * Builds only the stacks whose names pass; every other stack is a StackStandIn with the same
   * name, place and dependencies, so the manifest and the deployment order stay whole. Parallel
   * synth builds a share of the stacks per thread (lib/synth/parallel-synth.ts). @default every stack
   */
  readonly build?: (stackName: string) => boolean;
}

export function addEstateStacks(app: App, estate: Estate, location: OutputLocation, options: EstateStacksOptions = {}): EstateStacks {
  const retirements = options.retirements ?? NO_RETIREMENTS;
  const peerings = peeringLayout(estate, options.peerings ?? NO_PEERING_PLAN);
  const make = standIns(app, options.build);
  const managementZone = make(MANAGEMENT_ZONE_KEY, () => new ManagementZoneStack(app, estate, location));
  const landingZones: LandingZoneStack[] = [];
  const byName = new Map<string, LandingZoneStack>();
  for (const zone of estate.landingZones) {
    const stack = make(zone.stackName, () => new LandingZoneStack(app, estate, zone, location, peerings.forgottenBy(zone)));
    stack.addDependency(managementZone);
    // The peering mesh: each zone peers with every earlier one, so zones deploy in file order.
    // With avnm a zone only joins the management zone's network group: zones deploy in parallel.
    const previous = landingZones[landingZones.length - 1];
    if (previous && estate.network.topology === 'peering') stack.addDependency(previous);
    landingZones.push(stack);
    byName.set(zone.name, stack);
    options.onZone?.(landingZones.length, estate.landingZones.length);
  }
  // A cross-zone input is wired in the later of the two zones, which reads the earlier one (lib/estate/input-plan.ts).
  for (const input of crossZoneReads(estate)) {
    const [earlier, later] = [byName.get(input.reads)!, byName.get(input.placedIn)!];
    if (!later.dependencies.includes(earlier)) later.addDependency(earlier);
  }
  serializePolicyPublishers(estate, byName);
  for (const stack of [managementZone, ...landingZones]) stack.forgotten.forget(retirements.forgotten.get(stack.node.id) ?? []);
  // After every landing zone (the last one depends on all the others, through the mesh's chain):
  // each peers its zone's network with later zones' networks, which must exist.
  const lastZone = landingZones[landingZones.length - 1];
  const peeringStacks = peerings.peeringStacks.map((spec) => {
    const stack = make(spec.stack, () => new PeeringStack(app, estate, spec, location, spec.landingZone ? peerings.importedBy(spec.landingZone) : []));
    stack.addDependency(lastZone ?? managementZone);
    return stack;
  });
  const retiredZones = retirements.zones.map((zone) => {
    const stack = make(zone.stack, () => new RetiredZoneStack(app, estate, zone, location, retirements.forgotten.get(zone.stack) ?? []));
    // Torn down last: the zones that remain first drop their peerings with it and their grants
    // on its data (and stop reading its state); its hub-side peering needs the hub still there.
    stack.addDependency(managementZone);
    for (const remaining of [...landingZones, ...peeringStacks]) stack.addDependency(remaining);
    return stack;
  });
  return { managementZone, landingZones, peeringStacks, retiredZones };
}

/**
 * Azure Firewall Policy takes one rule collection group update at a time (a concurrent one
 * fails with AnotherOperationInProgress: docs/apply-time.md), so the zones that publish serving
 * endpoints in the hub policy deploy one after another, in deployment order, whatever the topology.
 */
function serializePolicyPublishers(estate: Estate, byName: ReadonlyMap<string, LandingZoneStack>): void {
  let previous: LandingZoneStack | undefined;
  for (const zone of policyPublishers(estate)) {
    const stack = byName.get(zone)!;
    if (previous && !stack.dependencies.includes(previous)) stack.addDependency(previous);
    previous = stack;
  }
}

/**
 * An empty stand-in for a stack that another thread builds (EstateStacksOptions.build): it only
 * has the stack's name and dependencies, and writes nothing, even under `app.synth()`.
 */
export class StackStandIn extends TerraformStack {
  /** Nothing to forget here: the thread that builds the stack does. */
  readonly forgotten = { forget: (_addresses: readonly string[]): void => undefined };

  constructor(scope: App, id: string) {
    super(scope, id);
    this.synthesizer = { synthesize: () => undefined };
  }

  override prepareStack(): void {}

  /** ZoneStack's linear walk (cdktf's own is exponential in the number of zones). */
  override dependsOn(stack: TerraformStack): boolean {
    return ZoneStack.prototype.dependsOn.call(this, stack);
  }
}

/** Builds a stack, or, when `build` rejects its name, a StackStandIn typed as it (only its name and dependencies are used). */
function standIns(app: App, build: ((stackName: string) => boolean) | undefined) {
  return <T extends TerraformStack>(name: string, create: () => T): T => (!build || build(name) ? create() : (new StackStandIn(app, name) as unknown as T));
}
