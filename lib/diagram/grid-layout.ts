import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutZones, Point, Rect } from './elk-layout';
import { DiagramModel, InputEdge, ItemBox, MESH_LABEL_SIZE, minimumDiagramWidth, ZoneBox } from './layout-model';
import { textWidth } from './text-metrics';
import { Grid, GUTTER, gridOf } from './zone-grid';

export { GUTTER, simplify, TRACK } from './zone-grid';

/**
 * Places everything: title, the management zone, the hub-spoke connector, and the landing
 * zones in a grid (file order, row by row) inside the peering-mesh box, with cross-zone
 * inputs routed through the gutters between zones.
 *
 * A grid rather than a graph layout for the zones: zones that read from each other would
 * otherwise be put in different layers, so a row of zones would no longer be a row, and the
 * order would no longer be the file's. Gutters never hold a zone, each cross-zone input gets
 * its own track in every gutter it uses, so no route runs along another or through a zone.
 */

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
}

export const MARGIN = 24;
export const TITLE_HEIGHT = 40;
export const HUB_LINK_HEIGHT = 64;
export const MESH_HEADER_HEIGHT = 30;
export const LEGEND_HEIGHT = 40;
/** Width over height the zone grid aims for. */
export const TARGET_ASPECT = 1.6;

/** `laidOutGraph`: ELK's result for `elkGraph(model)`, when it was laid out elsewhere (elk-thread.ts). */
export function layoutDiagram(model: DiagramModel, laidOutGraph?: ElkNode): PositionedDiagram {
  const mgmt = model.management;
  const title = { x: MARGIN, y: MARGIN };
  const minWidth = minimumDiagramWidth(model);
  const managementY = title.y + TITLE_HEIGHT;
  if (!model.zones.length) return withoutZones(model, managementY, minWidth);

  const zoneLayouts = layoutZones(model, laidOutGraph);
  const columns = chooseColumns(zoneLayouts, {
    width: Math.max(mgmt.width, minWidth),
    height: TITLE_HEIGHT + mgmt.height + HUB_LINK_HEIGHT + MESH_HEADER_HEIGHT + LEGEND_HEIGHT,
  });
  const grid = gridOf(zoneLayouts, columns, model.edges);

  const meshWidth = Math.ceil(Math.max(grid.width, textWidth(model.peering.meshLabel, MESH_LABEL_SIZE, true) + 2 * GUTTER));
  const contentWidth = Math.max(meshWidth, mgmt.width, minWidth);
  const management = { x: MARGIN + (contentWidth - mgmt.width) / 2, y: managementY, width: mgmt.width, height: mgmt.height };
  const mesh = {
    x: MARGIN + (contentWidth - meshWidth) / 2,
    y: managementY + mgmt.height + HUB_LINK_HEIGHT,
    width: meshWidth,
    height: MESH_HEADER_HEIGHT + grid.height,
    headerHeight: MESH_HEADER_HEIGHT,
  };
  const ox = mesh.x + (meshWidth - grid.width) / 2;
  const oy = mesh.y + MESH_HEADER_HEIGHT;
  const { zones, items, edges } = placeGrid(grid, ox, oy, model.edges);

  const legendY = mesh.y + mesh.height + MARGIN;
  return {
    model,
    width: Math.ceil(contentWidth + 2 * MARGIN),
    height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
    title,
    management,
    mesh,
    hubLink: { x: management.x + management.width / 2, y1: management.y + management.height, y2: mesh.y },
    zones,
    items,
    edges,
    legend: { x: MARGIN, y: legendY },
    columns,
  };
}

/** The picture of an estate without landing zones: the title, the management zone and the legend. */
function withoutZones(model: DiagramModel, managementY: number, minWidth: number): PositionedDiagram {
  const mgmt = model.management;
  const legendY = managementY + mgmt.height + MARGIN;
  return {
    model,
    width: Math.ceil(Math.max(mgmt.width, minWidth) + 2 * MARGIN),
    height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
    title: { x: MARGIN, y: MARGIN },
    management: { x: MARGIN, y: managementY, width: mgmt.width, height: mgmt.height },
    zones: [],
    items: [],
    edges: [],
    legend: { x: MARGIN, y: legendY },
    columns: 0,
  };
}

/** The grid's zones, items and edges moved to where the grid's top left corner is (ox, oy); edges in the model's order. */
function placeGrid(grid: Grid, ox: number, oy: number, modelEdges: readonly InputEdge[]) {
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
 * zones at most) and keeps the closest, fewer columns on ties.
 */
export function chooseColumns(zones: readonly { width: number; height: number }[], around = { width: 0, height: 0 }): number {
  let best = 1;
  let bestScore = Infinity;
  for (let k = 1; k <= zones.length; k++) {
    const widths = new Array<number>(k).fill(0);
    const heights: number[] = [];
    zones.forEach((z, i) => {
      widths[i % k] = Math.max(widths[i % k], z.width);
      const row = Math.floor(i / k);
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
