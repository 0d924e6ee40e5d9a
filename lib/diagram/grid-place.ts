import { InputEdge, ItemBox, DiagramModel, RegionGroup, ZoneBox } from './layout-model';
import { Point, Rect } from './elk-layout';
import { Grid, GUTTER, placement } from './zone-grid';

/** What the layouts (grid-layout.ts, region-layout.ts) share: the positioned diagram, its spacing, and placing the zone grid. */

export interface PositionedDiagram {
  readonly model: DiagramModel;
  readonly width: number;
  readonly height: number;
  readonly title: Point;
  readonly management: Rect;
  /** The box around all landing zones: the peering mesh. Absent without landing zones. */
  readonly mesh?: Rect & { readonly headerHeight: number };
  /** The hub-spoke connector from the management zone down to the mesh. */
  readonly hubLink?: { readonly x: number; readonly y1: number; readonly y2: number };
  readonly zones: readonly (Rect & { readonly zone: ZoneBox; readonly row: number; readonly column: number })[];
  readonly items: readonly (Rect & { readonly item: ItemBox })[];
  readonly edges: readonly { readonly edge: InputEdge; readonly points: readonly Point[] }[];
  readonly legend: Point;
  readonly columns: number;
  /** The region groups, inside the mesh box, when the estate uses more than one region (region-layout.ts). */
  readonly regions?: readonly (Rect & { readonly group: RegionGroup })[];
}

export const MARGIN = 24;
export const TITLE_HEIGHT = 40;
export const HUB_LINK_HEIGHT = 64;
export const MESH_HEADER_HEIGHT = 30;
export const LEGEND_HEIGHT = 40;
/** Width over height the zone grid aims for. */
export const TARGET_ASPECT = 1.6;

/** The grid's zones, items and edges moved to where the grid's top left corner is (ox, oy); edges in the model's order. */
export function placeGrid(grid: Grid, ox: number, oy: number, modelEdges: readonly InputEdge[]) {
  const shift = (p: Point): Point => ({ x: p.x + ox, y: p.y + oy });
  const zones = grid.cells.map((c) => ({
    x: c.x + ox,
    y: c.y + oy,
    width: c.layout.width,
    height: c.layout.height,
    zone: c.layout.zone,
    row: c.row,
    column: c.column,
  }));
  const items: (Rect & { item: ItemBox })[] = [];
  const edges: { edge: InputEdge; points: Point[] }[] = [];
  for (const cell of grid.cells) {
    for (const i of cell.layout.items) items.push({ ...i, x: i.x + cell.x + ox, y: i.y + cell.y + oy });
    for (const e of cell.layout.edges) edges.push({ edge: e.edge, points: e.points.map((p) => shift({ x: p.x + cell.x, y: p.y + cell.y })) });
  }
  for (const route of grid.routes) edges.push({ edge: route.edge, points: route.points.map(shift) });
  const order = new Map(modelEdges.map((e, i) => [e.id, i]));
  edges.sort((a, b) => order.get(a.edge.id)! - order.get(b.edge.id)!);
  return { zones, items, edges };
}

/**
 * Zones per row so the whole picture (the grid plus what sits above and below it, `around`)
 * is about TARGET_ASPECT wide: tries every column count (linear per try; a few hundred
 * zones at most) and keeps the closest, fewer columns on ties. With `bandSizes`, the zones
 * are in bands (regions) of those sizes, each starting a row.
 */
export function chooseColumns(zones: readonly { width: number; height: number }[], around = { width: 0, height: 0 }, bandSizes?: readonly number[]): number {
  let best = 1;
  let bestScore = Infinity;
  for (let k = 1; k <= zones.length; k++) {
    const widths = new Array<number>(k).fill(0);
    const heights: number[] = [];
    const { place } = placement(bandSizes ?? [zones.length], k);
    zones.forEach((z, i) => {
      const { row, column } = place(i);
      widths[column] = Math.max(widths[column], z.width);
      heights[row] = Math.max(heights[row] ?? 0, z.height);
    });
    const width = Math.max(around.width, widths.reduce((a, b) => a + b, 0) + (k + 1) * GUTTER);
    const height = around.height + heights.reduce((a, b) => a + b, 0) + (heights.length + 1) * GUTTER;
    const score = Math.abs(Math.log(width / height / TARGET_ASPECT));
    if (score < bestScore - 1e-9) {
      best = k;
      bestScore = score;
    }
  }
  return best;
}
