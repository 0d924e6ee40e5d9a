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
}

interface Place {
  readonly row: number;
  readonly column: number;
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
  readonly total: number;
  /** Where lane `index` of gutter `k` runs. */
  readonly lane: (k: number, index: number) => number;
}

/** Lays out gutter, span, gutter, ..., span, gutter; a gutter is wide enough for its tracks. */
function axisOf(tracks: readonly number[], spans: readonly number[]): Axis {
  const size = tracks.map((count) => Math.max(GUTTER, (count + 1) * TRACK + 8));
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
  const lane = (k: number, index: number) => start[k] + size[k] / 2 + (index - (tracks[k] - 1) / 2) * TRACK;
  return { at, total: x, lane };
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

/** The zones in `columns` columns (file order, row by row), with the routes of the cross-zone inputs. */
export function gridOf(layouts: readonly ZoneLayout[], columns: number, modelEdges: readonly InputEdge[]): Grid {
  const rows = Math.ceil(layouts.length / columns);
  const place = (i: number) => ({ row: Math.floor(i / columns), column: i % columns });
  const colWidth = new Array<number>(columns).fill(0);
  const rowHeight = new Array<number>(rows).fill(0);
  layouts.forEach((l, i) => {
    const { row, column } = place(i);
    colWidth[column] = Math.max(colWidth[column], l.width);
    rowHeight[row] = Math.max(rowHeight[row], l.height);
  });
  const { planned, vTracks, hTracks } = planTracks(layouts, columns, rows, place, modelEdges);
  const v = axisOf(vTracks, colWidth);
  const h = axisOf(hTracks, rowHeight);
  const cells = layouts.map((layout, i) => {
    const { row, column } = place(i);
    return { layout, row, column, x: v.at[column], y: h.at[row] };
  });
  const cellOf = new Map(cells.map((c) => [c.layout.zone.id, c]));
  const routes = planned.map((route) => routeOf(route, cellOf, v, h));
  return { width: v.total, height: h.total, cells, routes };
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
