import type { ElkExtendedEdge, ElkNode, ElkPoint, LayoutOptions } from 'elkjs/lib/elk-api';
import { DiagramModel, InputEdge, ItemBox, SIZES, ZoneBox } from './layout-model';

/**
 * The inside of every landing zone, laid out by ELK's layered algorithm (elkjs), synchronously,
 * in one call for all zones: integrations and products flow left to right, same-zone inputs
 * are routed orthogonally, and every cross-zone input gets a port on the zone's border (in on
 * the west side, out on the east side) with its route inside the zone. Where the zones go and
 * how cross-zone inputs travel between them is grid-layout.ts.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One zone's content, relative to the zone's top-left corner. */
export interface ZoneLayout {
  readonly zone: ZoneBox;
  readonly width: number;
  readonly height: number;
  readonly items: readonly (Rect & { readonly item: ItemBox })[];
  /** Same-zone inputs. */
  readonly edges: readonly { readonly edge: InputEdge; readonly points: readonly Point[] }[];
  /** Cross-zone inputs this zone produces: from the item to the east border. */
  readonly exits: ReadonlyMap<string, readonly Point[]>;
  /** Cross-zone inputs this zone consumes: from the west border to the item. */
  readonly entries: ReadonlyMap<string, readonly Point[]>;
}

const ZONE_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.portConstraints': 'FIXED_SIDE',
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.contentAlignment': 'V_TOP H_LEFT',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.spacing.nodeNode': '18',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.edgeNode': '12',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
  'elk.spacing.portPort': '10',
};

const ROOT_OPTIONS: LayoutOptions = {
  // The zones' positions at the root are not used (grid-layout.ts places them).
  'elk.algorithm': 'fixed',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

/** Zones with more integrations and products than this are laid out with less effort. */
export const BIG_ZONE_ITEMS = 16;

const exitPort = (edgeId: string) => `out:${edgeId}`;
const entryPort = (edgeId: string) => `in:${edgeId}`;

/** The ELK input: one compound node per landing zone that has integrations or products. */
export function elkGraph(model: DiagramModel): ElkNode {
  const exits = new Map<string, InputEdge[]>();
  const entries = new Map<string, InputEdge[]>();
  const sameZone = new Map<string, InputEdge[]>();
  const zoneOfItem = new Map<string, string>();
  for (const zone of model.zones) for (const item of zone.items) zoneOfItem.set(item.id, zone.id);
  const push = (map: Map<string, InputEdge[]>, key: string, edge: InputEdge) => map.set(key, [...(map.get(key) ?? []), edge]);
  for (const edge of model.edges) {
    const from = zoneOfItem.get(edge.source)!;
    const to = zoneOfItem.get(edge.target)!;
    if (from === to) push(sameZone, from, edge);
    else {
      push(exits, from, edge);
      push(entries, to, edge);
    }
  }
  const pad = SIZES.padding * 1.5;
  return {
    id: 'estate',
    layoutOptions: ROOT_OPTIONS,
    children: model.zones
      .filter((zone) => zone.items.length)
      .map((zone) => {
        const out = exits.get(zone.id) ?? [];
        const inn = entries.get(zone.id) ?? [];
        const edges: ElkExtendedEdge[] = [
          ...(sameZone.get(zone.id) ?? []).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
          ...out.map((e) => ({ id: exitPort(e.id), sources: [e.source], targets: [exitPort(e.id)] })),
          ...inn.map((e) => ({ id: entryPort(e.id), sources: [entryPort(e.id)], targets: [e.target] })),
        ];
        return {
          id: zone.id,
          layoutOptions: {
            ...ZONE_OPTIONS,
            'elk.padding': `[top=${zone.headerHeight},left=${pad},bottom=${pad},right=${pad}]`,
            'elk.nodeSize.minimum': `(${zone.minWidth}, ${zone.headerHeight + pad})`,
            // Crossing minimization is most of ELK's time and grows faster than the zone; big zones get one pass.
            ...(zone.items.length > BIG_ZONE_ITEMS ? { 'elk.layered.thoroughness': '1' } : {}),
          },
          ports: [
            ...inn.map((e) => ({ id: entryPort(e.id), width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } })),
            ...out.map((e) => ({ id: exitPort(e.id), width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } })),
          ],
          children: zone.items.map((item) => ({ id: item.id, width: item.width, height: item.height })),
          edges,
        };
      }),
  };
}

/**
 * Every zone's content, from ELK's result for `elkGraph(model)` (laid out here unless given);
 * zones without integrations or products are just their header.
 */
export function layoutZones(model: DiagramModel, laidOutGraph?: ElkNode): ZoneLayout[] {
  const laidOut = laidOutGraph ?? layoutSync(elkGraph(model));
  const byId = new Map((laidOut.children ?? []).map((n) => [n.id, n]));
  const itemById = new Map(model.zones.flatMap((z) => z.items).map((i) => [i.id, i]));
  const edgeById = new Map(model.edges.map((e) => [e.id, e]));
  return model.zones.map((zone) => {
    const node = byId.get(zone.id);
    if (!node) {
      return { zone, width: zone.minWidth, height: zone.headerHeight + SIZES.padding, items: [], edges: [], exits: new Map(), entries: new Map() };
    }
    const ox = node.x ?? 0;
    const oy = node.y ?? 0;
    const rel = (p: ElkPoint): Point => ({ x: p.x - ox, y: p.y - oy });
    const items = (node.children ?? []).map((c) => ({
      x: (c.x ?? 0) - ox,
      y: (c.y ?? 0) - oy,
      width: c.width ?? 0,
      height: c.height ?? 0,
      item: itemById.get(c.id)!,
    }));
    const edges: { edge: InputEdge; points: Point[] }[] = [];
    const exits = new Map<string, Point[]>();
    const entries = new Map<string, Point[]>();
    for (const e of node.edges ?? []) {
      const points = edgePoints(e).map(rel);
      if (e.id.startsWith('out:')) exits.set(e.id.slice(4), points);
      else if (e.id.startsWith('in:')) entries.set(e.id.slice(3), points);
      else edges.push({ edge: edgeById.get(e.id)!, points });
    }
    const order = new Map(model.edges.map((e, i) => [e.id, i]));
    edges.sort((a, b) => order.get(a.edge.id)! - order.get(b.edge.id)!);
    return { zone, width: node.width ?? zone.minWidth, height: node.height ?? zone.headerHeight, items, edges, exits, entries };
  });
}

/** An edge's route as one polyline, without repeated points. */
export function edgePoints(edge: ElkExtendedEdge): ElkPoint[] {
  const points: ElkPoint[] = [];
  for (const s of edge.sections ?? []) {
    for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
      const last = points[points.length - 1];
      if (!last || last.x !== p.x || last.y !== p.y) points.push({ x: p.x, y: p.y });
    }
  }
  return points;
}

interface FakeElkWorker {
  onmessage: (event: { data: { id: number; data?: unknown; error?: unknown } }) => void;
  dispatcher?: { saveDispatch(event: { data: Record<string, unknown> }): void };
}

let worker: FakeElkWorker | undefined;

/**
 * Runs ELK in this thread and returns the laid-out graph. elkjs' API is a Promise around a
 * web worker (a fake one in Node); synth is synchronous, so this talks to that worker's
 * dispatcher directly, which lays out before it returns. elkjs is pinned; its shape is
 * checked so an upgrade that changes it fails loudly instead of drawing nothing.
 */
export function layoutSync(graph: ElkNode): ElkNode {
  if (!graph.children?.length) return graph;
  const w = elkWorker();
  let reply: { data?: unknown; error?: unknown } | undefined;
  w.onmessage = (event) => {
    reply = event.data;
  };
  w.dispatcher!.saveDispatch({ data: { id: 1, cmd: 'layout', graph, layoutOptions: {}, options: {} } });
  if (!reply) throw new Error('elkjs did not lay out synchronously (has its worker changed?)');
  if (reply.error) throw new Error(`elkjs layout failed: ${errorMessage(reply.error)}`);
  return reply.data as ElkNode;
}

function elkWorker(): FakeElkWorker {
  if (worker) return worker;
  const { Worker } = require('elkjs/lib/elk-worker.min.js') as { Worker: new () => FakeElkWorker };
  const w = new Worker();
  if (typeof w.dispatcher?.saveDispatch !== 'function') throw new Error('elkjs: unexpected worker shape; the estate diagram needs elkjs 0.12');
  let registered = false;
  w.onmessage = (event) => {
    registered = !event.data.error;
  };
  w.dispatcher.saveDispatch({ data: { id: 0, cmd: 'register', algorithms: ['layered', 'fixed'] } });
  if (!registered) throw new Error('elkjs: registering the layout algorithms failed');
  worker = w;
  return w;
}

function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown })?.message ?? error;
  return String(message).split('\n')[0].slice(0, 500);
}
