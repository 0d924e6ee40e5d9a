import { derivedRead } from '../util/derived-reads';
import type { Estate, LandingZone } from './model';

/**
 * One product input: who reads (a product) what (an integration or product), across zones or
 * not. The construct layer has the same shape (DataInputGrants' grants); this one is the model's.
 */
export interface InputEdge {
  /** `previousNames`: the product's earlier names, oldest first (they were its grants' construct ids). */
  readonly consumer: Readonly<{ zone: string; product: string; previousNames: readonly string[] }>;
  readonly producer: Readonly<{ zone: string; item: string; kind: 'integration' | 'product'; previousNames: readonly string[] }>;
}

/**
 * One product input with its place in the estate: which stack holds its read grant, and
 * which other zone (if any) that stack reads through remote state.
 */
export interface PlannedInput extends InputEdge {
  /**
   * The zone whose stack holds the grant (spec section 3): the zone itself for an input
   * within one zone; across zones whichever of the two comes later in deployment order, so
   * no stack ever depends on a later zone and appending a zone changes no existing stack.
   */
  readonly placedIn: string;
  /** Across zones: the earlier zone of the pair, whose outputs the grant reads (and whose stack deploys first). */
  readonly reads?: string;
}

const plans = new WeakMap<Estate, readonly PlannedInput[]>();

/**
 * Every product input of the estate, each once (an input listed twice, `telemetry` and
 * `operations/telemetry` in operations, is one grant), in file order of the consuming
 * zone, product and input. Resolved once per estate: grants, outputs, stack order and
 * governance all read this one plan.
 */
export function inputPlan(estate: Estate): readonly PlannedInput[] {
  let plan = plans.get(estate);
  if (!plan) {
    plan = planInputs(estate.landingZones);
    plans.set(estate, plan);
  }
  return plan;
}

/** The inputs whose read grant belongs in `zoneName`'s stack (a derived read: the stack cache compares this, not the whole plan). */
export const inputsPlacedIn = derivedRead('inputsPlacedIn', (estate: Estate, zoneName: string): PlannedInput[] =>
  inputPlan(estate).filter((input) => input.placedIn === zoneName),
);

/**
 * Each pair of zones a cross-zone input links, once, in plan order: `placedIn` reads `reads`
 * (the stack dependencies it makes). A derived read, which an input within one zone leaves alone.
 */
export const crossZoneReads = derivedRead('crossZoneReads', (estate: Estate): { placedIn: string; reads: string }[] => {
  const seen = new Set<string>();
  const pairs: { placedIn: string; reads: string }[] = [];
  for (const { placedIn, reads } of inputPlan(estate)) {
    // Zone names are unique and hold no newline (estate validation).
    if (reads === undefined || seen.has(`${placedIn}\n${reads}`)) continue;
    seen.add(`${placedIn}\n${reads}`);
    pairs.push({ placedIn, reads });
  }
  return pairs;
});

function planInputs(landingZones: readonly LandingZone[]): PlannedInput[] {
  const index = new Map(landingZones.map((zone) => [zone.name, zone.index]));
  const previousNames = new Map(
    landingZones.flatMap((zone) => [...zone.dataIntegrations, ...zone.dataProducts].map((item) => [`${zone.name}/${item.name}`, item.previousNames] as const)),
  );
  const seen = new Set<string>();
  const planned: PlannedInput[] = [];
  for (const zone of landingZones) {
    for (const product of zone.dataProducts) {
      for (const input of product.inputs) {
        const key = `${zone.name}/${product.name}/${input.zone}/${input.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [earlier, later] = index.get(input.zone)! > zone.index ? [zone.name, input.zone] : [input.zone, zone.name];
        planned.push({
          consumer: { zone: zone.name, product: product.name, previousNames: product.previousNames },
          producer: { zone: input.zone, item: input.name, kind: input.kind, previousNames: previousNames.get(`${input.zone}/${input.name}`) ?? [] },
          placedIn: later,
          ...(earlier === later ? {} : { reads: earlier }),
        });
      }
    }
  }
  return planned;
}
