import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutZones, Point, Rect, ZoneLayout } from './elk-layout';
import { DiagramModel, InputEdge, ItemBox, MESH_LABEL_SIZE, minimumDiagramWidth, ZoneBox } from './layout-model';
import { textWidth } from './text-metrics';

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
/** Free space between zones, and between a track and the next. */
export const GUTTER = 28;
export const TRACK = 8;
/** Width over height the zone grid aims for. */
export const TARGET_ASPECT = 1.6;

/** `laidOutGraph`: ELK's result for `elkGraph(model)`, when it was laid out elsewhere (elk-thread.ts). */
export function layoutDiagram(model: DiagramModel, laidOutGraph?: ElkNode): PositionedDiagram {
  const mgmt = model.management;
  const title = { x: MARGIN, y: MARGIN };
  const minWidth = minimumDiagramWidth(model);
  const managementY = title.y + TITLE_HEIGHT;
  if (!model.zones.length) {
    const legendY = managementY + mgmt.height + MARGIN;
    return {
      model,
      width: Math.ceil(Math.max(mgmt.width, minWidth) + 2 * MARGIN),
      height: Math.ceil(legendY + LEGEND_HEIGHT + MARGIN),
      title,
      management: { x: MARGIN, y: managementY, width: mgmt.width, height: mgmt.height },
      zones: [],
      items: [],
      edges: [],
      legend: { x: MARGIN, y: legendY },
      columns: 0,
    };
  }

  const zoneLayouts = layoutZones(model, laidOutGraph);
  const columns = chooseColumns(zoneLayouts, { width: Math.max(mgmt.width, minWidth), height: TITLE_HEIGHT + mgmt.height + HUB_LINK_HEIGHT + MESH_HEADER_HEIGHT + LEGEND_HEIGHT });
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
  const shift = (p: Point): Point => ({ x: p.x + ox, y: p.y + oy });

  const zones = grid.cells.map((c) => ({ x: c.x + ox, y: c.y + oy, width: c.layout.width, height: c.layout.height, zone: c.layout.zone, row: c.row, column: c.column }));
  const items: (Rect & { item: ItemBox })[] = [];
  const edges: { edge: InputEdge; points: Point[] }[] = [];
  for (const cell of grid.cells) {
    for (const i of cell.layout.items) items.push({ ...i, x: i.x + cell.x + ox, y: i.y + cell.y + oy });
    for (const e of cell.layout.edges) edges.push({ edge: e.edge, points: e.points.map((p) => shift({ x: p.x + cell.x, y: p.y + cell.y })) });
  }
  for (const route of grid.routes) edges.push({ edge: route.edge, points: route.points.map(shift) });
  const order = new Map(model.edges.map((e, i) => [e.id, i]));
  edges.sort((a, b) => order.get(a.edge.id)! - order.get(b.edge.id)!);

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

interface Cell {
  readonly layout: ZoneLayout;
  readonly row: number;
  readonly column: number;
  readonly x: number;
  readonly y: number;
}

interface Grid {
  readonly width: number;
  readonly height: number;
  readonly cells: readonly Cell[];
  readonly routes: readonly { edge: InputEdge; points: Point[] }[];
}

/** Which gutters a cross-zone input travels through: vertical gutter k is left of column k, horizontal gutter r above row r. */
function gutterPlan(from: { row: number; column: number }, to: { row: number; column: number }): { v1: number; h?: number; v2?: number } {
  if (to.column === from.column + 1) return { v1: to.column };
  return { v1: from.column + 1, h: to.row, v2: to.column };
}

function gridOf(layouts: readonly ZoneLayout[], columns: number, modelEdges: readonly InputEdge[]): Grid {
  const rows = Math.ceil(layouts.length / columns);
  const place = (i: number) => ({ row: Math.floor(i / columns), column: i % columns });
  const colWidth = new Array<number>(columns).fill(0);
  const rowHeight = new Array<number>(rows).fill(0);
  layouts.forEach((l, i) => {
    const { row, column } = place(i);
    colWidth[column] = Math.max(colWidth[column], l.width);
    rowHeight[row] = Math.max(rowHeight[row], l.height);
  });

  // Tracks: each cross-zone input gets its own lane in every gutter it uses.
  const indexOfZone = new Map(layouts.map((l, i) => [l.zone.id, i]));
  const layoutOfZone = new Map(layouts.map((l) => [l.zone.id, l]));
  const zoneOfItem = new Map(layouts.flatMap((l) => l.zone.items.map((item) => [item.id, l.zone.id] as const)));
  const vTracks = new Array<number>(columns + 1).fill(0);
  const hTracks = new Array<number>(rows + 1).fill(0);
  const planned = modelEdges
    .filter((e) => e.crossZone)
    .map((edge) => {
      const fromZone = zoneOfItem.get(edge.source)!;
      const toZone = zoneOfItem.get(edge.target)!;
      const plan = gutterPlan(place(indexOfZone.get(fromZone)!), place(indexOfZone.get(toZone)!));
      const lanes = {
        v1: vTracks[plan.v1]++,
        h: plan.h === undefined ? undefined : hTracks[plan.h]++,
        v2: plan.v2 === undefined ? undefined : vTracks[plan.v2]++,
      };
      return { edge, fromZone, toZone, plan, lanes };
    });
  const gutterSize = (tracks: number) => Math.max(GUTTER, (tracks + 1) * TRACK + 8);
  const vSize = vTracks.map(gutterSize);
  const hSize = hTracks.map(gutterSize);

  const vStart: number[] = [];
  const colX: number[] = [];
  let x = 0;
  for (let c = 0; c <= columns; c++) {
    vStart[c] = x;
    x += vSize[c];
    if (c < columns) {
      colX[c] = x;
      x += colWidth[c];
    }
  }
  const hStart: number[] = [];
  const rowY: number[] = [];
  let y = 0;
  for (let r = 0; r <= rows; r++) {
    hStart[r] = y;
    y += hSize[r];
    if (r < rows) {
      rowY[r] = y;
      y += rowHeight[r];
    }
  }
  const lane = (start: number, size: number, count: number, index: number) => start + size / 2 + (index - (count - 1) / 2) * TRACK;
  const vLane = (k: number, index: number) => lane(vStart[k], vSize[k], vTracks[k], index);
  const hLane = (r: number, index: number) => lane(hStart[r], hSize[r], hTracks[r], index);

  const cells = layouts.map((layout, i) => {
    const { row, column } = place(i);
    return { layout, row, column, x: colX[column], y: rowY[row] };
  });
  const cellOf = new Map(cells.map((c) => [c.layout.zone.id, c]));
  const routes = planned.map(({ edge, fromZone, toZone, plan, lanes }) => {
    const from = cellOf.get(fromZone)!;
    const to = cellOf.get(toZone)!;
    const exit = (layoutOfZone.get(fromZone)!.exits.get(edge.id) ?? []).map((p) => ({ x: p.x + from.x, y: p.y + from.y }));
    const entry = (layoutOfZone.get(toZone)!.entries.get(edge.id) ?? []).map((p) => ({ x: p.x + to.x, y: p.y + to.y }));
    const p = exit[exit.length - 1] ?? { x: from.x + from.layout.width, y: from.y + from.layout.height / 2 };
    const q = entry[0] ?? { x: to.x, y: to.y + to.layout.height / 2 };
    const x1 = vLane(plan.v1, lanes.v1);
    const middle: Point[] =
      plan.h === undefined
        ? [{ x: x1, y: p.y }, { x: x1, y: q.y }]
        : [
            { x: x1, y: p.y },
            { x: x1, y: hLane(plan.h, lanes.h!) },
            { x: vLane(plan.v2!, lanes.v2!), y: hLane(plan.h, lanes.h!) },
            { x: vLane(plan.v2!, lanes.v2!), y: q.y },
          ];
    return { edge, points: simplify([...exit, ...middle, ...entry]) };
  });
  return { width: x, height: y, cells, routes };
}

/** Drops repeated points and the middle one of three on a line. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (last && before && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}
