import { generatedEstate } from '../../scripts/estate-generator';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface P {
  readonly x: number;
  readonly y: number;
}

/** Interiors intersect (touching borders do not count). */
export function overlaps(a: Box, b: Box, tolerance = 0.5): boolean {
  return a.x + tolerance < b.x + b.width && b.x + tolerance < a.x + a.width && a.y + tolerance < b.y + b.height && b.y + tolerance < a.y + a.height;
}

export function contains(outer: Box, inner: Box, tolerance = 0.5): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  );
}

/** Whether the axis-parallel segment a-b runs through the interior of `box` (shrunk by `inset`). */
export function segmentCrosses(a: P, b: P, box: Box, inset = 1): boolean {
  const left = box.x + inset;
  const right = box.x + box.width - inset;
  const top = box.y + inset;
  const bottom = box.y + box.height - inset;
  if (a.y === b.y) return a.y > top && a.y < bottom && Math.max(a.x, b.x) > left && Math.min(a.x, b.x) < right;
  return a.x > left && a.x < right && Math.max(a.y, b.y) > top && Math.min(a.y, b.y) < bottom;
}

/** Whether `p` lies on the border of `box`. */
export function onBorder(p: P, box: Box, tolerance = 1): boolean {
  const withinX = p.x >= box.x - tolerance && p.x <= box.x + box.width + tolerance;
  const withinY = p.y >= box.y - tolerance && p.y <= box.y + box.height + tolerance;
  const nearX = Math.abs(p.x - box.x) <= tolerance || Math.abs(p.x - box.x - box.width) <= tolerance;
  const nearY = Math.abs(p.y - box.y) <= tolerance || Math.abs(p.y - box.y - box.height) <= tolerance;
  return (nearX && withinY) || (nearY && withinX);
}

/**
 * A generated estate with cross-zone inputs in every direction: every third zone's product
 * also reads the report of the zone two before it, and every fourth zone's product reads
 * the integration of the zone after it.
 */
export function crossZoneEstate(count: number): Record<string, any> {
  const estate = generatedEstate(count, { estate: 'mesh' });
  const zones = estate.landingZones as { name: string; dataProducts: { inputs: string[] }[] }[];
  zones.forEach((zone, i) => {
    if (i >= 2 && i % 3 === 0) zone.dataProducts[0].inputs.push(`${zones[i - 2].name}/report`);
    if (i + 1 < zones.length && i % 4 === 1) zone.dataProducts[0].inputs.push(`${zones[i + 1].name}/ingest`);
  });
  return estate;
}
