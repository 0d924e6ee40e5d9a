import { Estate } from '../estate/model';
import { textWidth } from './text-metrics';

/**
 * The region groups of an estate whose zones live in more than one region: one per region, in
 * the estate's order (its location first, where the management zone lives, then the other
 * regions in deployment order), each with its landing zones in deployment order.
 */

export interface RegionGroup {
  readonly region: string;
  /** The estate's location: the group holds the management zone as well. */
  readonly management: boolean;
  /** Its landing zones' names, in deployment order. */
  readonly zones: readonly string[];
  /** What follows the region's name in the label: "management zone, 2 landing zones". */
  readonly detail: string;
  /** The label's width: the name in bold, a gap, then the detail. */
  readonly labelWidth: number;
}

export const REGION_LABEL = { size: 13, detailSize: 11.5, gap: 8, height: 30, indent: 12 } as const;

/**
 * The groups, or none for a single-region estate (drawn without groups, as before regions
 * existed). Linear in the zones: one pass, one map lookup per zone.
 */
export function regionGroups(estate: Estate): RegionGroup[] {
  // Estate.regions gives the order. The estate's location comes first whatever it says: the
  // management zone's group must be the top one (region-layout.ts). A zone outside it (a
  // hand-built model) still gets a group.
  const order = [...new Set([estate.location, ...(estate.regions ?? [])])];
  const zones = new Map<string, string[]>(order.map((region) => [region, []]));
  for (const zone of estate.landingZones) {
    const region = zone.location ?? estate.location;
    if (!zones.has(region)) {
      zones.set(region, []);
      order.push(region);
    }
    zones.get(region)!.push(zone.name);
  }
  if (order.length < 2) return [];
  return order.map((region) => {
    const names = zones.get(region)!;
    const management = region === estate.location;
    const count = `${names.length} landing zone${names.length === 1 ? '' : 's'}`;
    const detail = management ? `estate region · management zone, ${count}` : count;
    return { region, management, zones: names, detail, labelWidth: regionLabelWidth(region, detail) };
  });
}

export function regionLabelWidth(region: string, detail: string): number {
  return Math.ceil(textWidth(region, REGION_LABEL.size, true) + REGION_LABEL.gap + textWidth(detail, REGION_LABEL.detailSize));
}
