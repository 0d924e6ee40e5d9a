import { App } from 'cdktf';
import { inputPlan } from '../lib/estate/input-plan';
import { Estate } from '../lib/estate/model';
import { OutputLocation } from './backend';
import { LandingZoneStack } from './landing-zone-stack';
import { ManagementZoneStack } from './management-zone-stack';
import { RetiredZoneStack } from './retired-zone-stack';
import { NO_RETIREMENTS, Retirements } from '../lib/lock/retirement';

export interface EstateStacks {
  readonly managementZone: ManagementZoneStack;
  readonly landingZones: readonly LandingZoneStack[];
  /** Stacks of retired landing zones (estate lock): they tear the zone down and forget its data stores. */
  readonly retiredZones: readonly RetiredZoneStack[];
}

/**
 * Adds one stack per zone to `app`, with the deployment order of spec section 3:
 * every landing zone after the management zone, after the zone before it in deployment
 * order (topology peering only: the mesh), and after any earlier zone it reads inputs from.
 * Retired landing zones (estate lock) get a stack each that tears them down.
 */
export interface EstateStacksOptions {
  /** What leaves Terraform's hands (lib/lock/retirement.ts). @default nothing retired */
  readonly retirements?: Retirements;
  /** Told after each landing zone stack is built, for progress on a terminal. @default none */
  readonly onZone?: (built: number, total: number) => void;
}

export function addEstateStacks(app: App, estate: Estate, location: OutputLocation, options: EstateStacksOptions = {}): EstateStacks {
  const retirements = options.retirements ?? NO_RETIREMENTS;
  const managementZone = new ManagementZoneStack(app, estate, location);
  const landingZones: LandingZoneStack[] = [];
  const byName = new Map<string, LandingZoneStack>();
  for (const zone of estate.landingZones) {
    const stack = new LandingZoneStack(app, estate, zone, location);
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
  for (const input of inputPlan(estate)) {
    if (!input.reads) continue;
    const [earlier, later] = [byName.get(input.reads)!, byName.get(input.placedIn)!];
    if (!later.dependencies.includes(earlier)) later.addDependency(earlier);
  }
  serializePolicyPublishers(estate, byName);
  for (const stack of [managementZone, ...landingZones]) stack.forgotten.forget(retirements.forgotten.get(stack.node.id) ?? []);
  const retiredZones = retirements.zones.map((zone) => {
    const stack = new RetiredZoneStack(app, estate, zone, location, retirements.forgotten.get(zone.stack) ?? []);
    // Torn down last: the zones that remain first drop their peerings with it and their grants
    // on its data (and stop reading its state); its hub-side peering needs the hub still there.
    stack.addDependency(managementZone);
    for (const remaining of landingZones) stack.addDependency(remaining);
    return stack;
  });
  return { managementZone, landingZones, retiredZones };
}

/**
 * Azure Firewall Policy takes one rule collection group update at a time (a concurrent one
 * fails with AnotherOperationInProgress: docs/apply-time.md), so the zones that publish serving
 * endpoints in the hub policy deploy one after another, in deployment order, whatever the topology.
 */
function serializePolicyPublishers(estate: Estate, byName: ReadonlyMap<string, LandingZoneStack>): void {
  let previous: LandingZoneStack | undefined;
  for (const zone of estate.landingZones) {
    if (!zone.dataProducts.some((product) => product.servingIngress)) continue;
    const stack = byName.get(zone.name)!;
    if (previous && !stack.dependencies.includes(previous)) stack.addDependency(previous);
    previous = stack;
  }
}
