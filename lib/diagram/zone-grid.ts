import { Point, ZoneLayout } from './elk-layout';
import { InputEdge } from './layout-model';

/**
 * The zone grid of the diagram (grid-layout.ts): zones in rows and columns with gutters
 * between them, and each cross-zone input routed through the gutters on a track of its own.
 */

/** Free space between zones, and between a track and the next. */
export const GUTTER = 28;
export const TRACK = 8;

interface Cell {
  readonly layout: ZoneLayout;
  readonly row: number;
  readonly column: number;
  readonly x: number;
  readonly y: number;
}

export interface Grid {
  readonly width: number;
  readonly height: number;
  readonly cells: readonly Cell[];
  readonly routes: readonly { edge: InputEdge; points: Point[] }[];
  /** With bands: where each band's box starts, where its header ends, and where its box ends (grid coordinates). */
  readonly bands?: readonly { readonly top: number; readonly headerEnd: number; readonly bottom: number }[];
}

interface Place {
  readonly row: number;
  readonly column: number;
}

/**
 * Zones in bands (a region's zones): the zones are in band order, each band starts on a row
 * of its own, and the gutter above its first row first holds its header (a label, or a label
 * and the management zone), then its lanes. The columns are the same in every band, so a
 * cross-zone input between bands is routed like any other, through the gutters.
 */
export interface Bands {
  /** How many zones each band holds; they add up to the number of zones. */
  readonly sizes: readonly number[];
  /** The height of each band's header. */
  readonly headers: readonly number[];
  /** Room inside a band below its last row. */
  readonly bottom: number;
  /** Room between a band and the next. */
  readonly gap: number;
}

/** Where each zone goes: band by band, row by row, `columns` to a row; one band is the plain grid. */
export function placement(sizes: readonly number[], columns: number): { rows: number; firstRows: number[]; place: (i: number) => Place } {
  const places: Place[] = [];
  const firstRows: number[] = [];
  let rows = 0;
  for (const size of sizes) {
    firstRows.push(rows);
    for (let j = 0; j < size; j++) places.push({ row: rows + Math.floor(j / columns), column: j % columns });
    rows += Math.ceil(size / columns);
  }
  return { rows, firstRows, place: (i) => places[i] };
}

/** Which gutters a cross-zone input travels through: vertical gutter k is left of column k, horizontal gutter r above row r. */
function gutterPlan(from: Place, to: Place): { v1: number; h?: number; v2?: number } {
  if (to.column === from.column + 1) return { v1: to.column };
  return { v1: from.column + 1, h: to.row, v2: to.column };
}

/** A cross-zone input with its gutters and its lane in each. */
interface PlannedRoute {
  readonly edge: InputEdge;
  readonly fromZone: string;
  readonly toZone: string;
  readonly plan: ReturnType<typeof gutterPlan>;
  readonly lanes: { readonly v1: number; readonly h?: number; readonly v2?: number };
}

/** Tracks: each cross-zone input gets its own lane in every gutter it uses. */
function planTracks(layouts: readonly ZoneLayout[], columns: number, rows: number, place: (i: number) => Place, modelEdges: readonly InputEdge[]) {
  const indexOfZone = new Map(layouts.map((l, i) => [l.zone.id, i]));
  const zoneOfItem = new Map(layouts.flatMap((l) => l.zone.items.map((item) => [item.id, l.zone.id] as const)));
  const vTracks = new Array<number>(columns + 1).fill(0);
  const hTracks = new Array<number>(rows + 1).fill(0);
  const planned: PlannedRoute[] = modelEdges
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
  return { planned, vTracks, hTracks };
}

/** Gutters and the columns (or rows) between them along one axis. */
interface Axis {
  /** Where each column (row) starts. */
  readonly at: readonly number[];
  /** Where each gutter starts. */
  readonly start: readonly number[];
  readonly total: number;
  /** Where lane `index` of gutter `k` runs. */
  readonly lane: (k: number, index: number) => number;
}

/**
 * Lays out gutter, span, gutter, ..., span, gutter; a gutter is wide enough for its tracks,
 * after the room `reserve` keeps at its start (for a band's header), which no lane enters.
 */
function axisOf(tracks: readonly number[], spans: readonly number[], reserve?: readonly number[]): Axis {
  const free = tracks.map((count) => Math.max(GUTTER, (count + 1) * TRACK + 8));
  const size = reserve ? free.map((s, k) => reserve[k] + s) : free;
  const start: number[] = [];
  const at: number[] = [];
  let x = 0;
  for (let c = 0; c <= spans.length; c++) {
    start[c] = x;
    x += size[c];
    if (c < spans.length) {
      at[c] = x;
      x += spans[c];
    }
  }
  const lane = reserve
    ? (k: number, index: number) => start[k] + reserve[k] + free[k] / 2 + (index - (tracks[k] - 1) / 2) * TRACK
    : (k: number, index: number) => start[k] + size[k] / 2 + (index - (tracks[k] - 1) / 2) * TRACK;
  return { at, start, total: x, lane };
}

/** The points of a cross-zone input: out of its zone, along its gutter lanes, into the target zone. */
function routeOf(route: PlannedRoute, cellOf: ReadonlyMap<string, Cell>, v: Axis, h: Axis): { edge: InputEdge; points: Point[] } {
  const { edge, plan, lanes } = route;
  const from = cellOf.get(route.fromZone)!;
  const to = cellOf.get(route.toZone)!;
  const exit = (from.layout.exits.get(edge.id) ?? []).map((p) => ({ x: p.x + from.x, y: p.y + from.y }));
  const entry = (to.layout.entries.get(edge.id) ?? []).map((p) => ({ x: p.x + to.x, y: p.y + to.y }));
  const p = exit[exit.length - 1] ?? { x: from.x + from.layout.width, y: from.y + from.layout.height / 2 };
  const q = entry[0] ?? { x: to.x, y: to.y + to.layout.height / 2 };
  const x1 = v.lane(plan.v1, lanes.v1);
  const middle: Point[] =
    plan.h === undefined
      ? [
          { x: x1, y: p.y },
          { x: x1, y: q.y },
        ]
      : [
          { x: x1, y: p.y },
          { x: x1, y: h.lane(plan.h, lanes.h!) },
          { x: v.lane(plan.v2!, lanes.v2!), y: h.lane(plan.h, lanes.h!) },
          { x: v.lane(plan.v2!, lanes.v2!), y: q.y },
        ];
  return { edge, points: simplify([...exit, ...middle, ...entry]) };
}

/**
 * The zones in `columns` columns (file order, row by row), with the routes of the cross-zone
 * inputs; with `bands`, each band starts a row and gets its header above it.
 */
export function gridOf(layouts: readonly ZoneLayout[], columns: number, modelEdges: readonly InputEdge[], bands?: Bands): Grid {
  const { rows, firstRows, place } = placement(bands?.sizes ?? [layouts.length], columns);
  const colWidth = new Array<number>(columns).fill(0);
  const rowHeight = new Array<number>(rows).fill(0);
  layouts.forEach((l, i) => {
    const { row, column } = place(i);
    colWidth[column] = Math.max(colWidth[column], l.width);
    rowHeight[row] = Math.max(rowHeight[row], l.height);
  });
  const { planned, vTracks, hTracks } = planTracks(layouts, columns, rows, place, modelEdges);
  const v = axisOf(vTracks, colWidth);
  const h = axisOf(hTracks, rowHeight, bands && bandReserve(bands, firstRows, rows));
  const cells = layouts.map((layout, i) => {
    const { row, column } = place(i);
    return { layout, row, column, x: v.at[column], y: h.at[row] };
  });
  const cellOf = new Map(cells.map((c) => [c.layout.zone.id, c]));
  const routes = planned.map((route) => routeOf(route, cellOf, v, h));
  return { width: v.total, height: h.total, cells, routes, ...(bands ? { bands: bandExtents(bands, firstRows, h) } : {}) };
}

/** Room each horizontal gutter keeps for band headers: the end of the band above, the gap, the next band's header. */
function bandReserve(bands: Bands, firstRows: readonly number[], rows: number): number[] {
  const reserve = new Array<number>(rows + 1).fill(0);
  bands.headers.forEach((header, b) => (reserve[firstRows[b]] += (b ? bands.bottom + bands.gap : 0) + header));
  return reserve;
}

/** Each band's box, the same walk as bandReserve: a band without zones is just its header. */
function bandExtents(bands: Bands, firstRows: readonly number[], h: Axis) {
  let cursor = 0;
  return bands.headers.map((header, b) => {
    const first = firstRows[b];
    const rowCount = (firstRows[b + 1] ?? h.at.length) - first;
    cursor = b && firstRows[b - 1] === first ? cursor + bands.bottom + bands.gap : h.start[first] + (b ? bands.bottom + bands.gap : 0);
    const top = cursor;
    cursor += header;
    return { top, headerEnd: cursor, bottom: rowCount ? h.start[first + rowCount] + bands.bottom : cursor };
  });
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
