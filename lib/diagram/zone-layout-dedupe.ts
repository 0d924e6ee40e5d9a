import type { ElkNode } from 'elkjs/lib/elk-api';

/**
 * Zones that pose ELK the same layout problem are laid out once. ELK lays each zone of
 * elkGraph out on its own (zone-layout-cache.ts), and zones built from one pattern (business
 * units with the same integrations and products, the same label widths) differ only in their
 * ids. A zone's canonical form replaces every id it holds (the zone's, its items', ports' and
 * edges', and the ids edges name as sources and targets) by its index in order of appearance;
 * zones with the same canonical form share one layout, and each gets it back with its own ids,
 * including the ids ELK derives from them (an edge section is `<edge id>_s0`). Only ELK's own
 * bookkeeping ids (`$H`) are then shared, and nothing reads them.
 */

export interface DedupedZoneLayouts {
  /** The graph with one zone per distinct canonical form (the first zone of each, in graph order). */
  readonly unique: ElkNode;
  /** The laid-out graph with every zone of the input, in its order, from ELK's result for `unique`. */
  expand(laidOutUnique: ElkNode): ElkNode;
}

/** Marks a canonical id: a control character no id in elkGraph holds, so nothing else is taken for one. */
const MARK = '\u0001';
/** A canonical id as ELK gets it: `<zone's place among the unique zones>:<id's index>`, so ids stay unique across zones. */
const CANONICAL = /\u0001\d+:(\d+)\u0001/g;

interface Canonical {
  /** The zone with canonical ids, as JSON: equal for zones with the same layout problem. */
  readonly key: string;
  /** Original ids by canonical index. */
  readonly ids: readonly string[];
}

/** `zone` with canonical ids, each prefixed by `prefix` (none for the key). */
function canonicalize(zone: ElkNode, prefix = ''): Canonical & { readonly node: ElkNode } {
  const ids: string[] = [];
  const index = new Map<string, string>();
  const canonical = (id: string): string => {
    let mark = index.get(id);
    if (mark === undefined) {
      mark = `${MARK}${prefix}${ids.length}${MARK}`;
      index.set(id, mark);
      ids.push(id);
    }
    return mark;
  };
  // Ids are declared before edges name them; an edge naming an id declared nowhere still maps consistently.
  const node: ElkNode = {
    ...zone,
    id: canonical(zone.id),
    ...(zone.ports ? { ports: zone.ports.map((port) => ({ ...port, id: canonical(port.id) })) } : {}),
    ...(zone.children ? { children: zone.children.map((child) => ({ ...child, id: canonical(child.id) })) } : {}),
    ...(zone.edges
      ? {
          edges: zone.edges.map((edge) => ({
            ...edge,
            id: canonical(edge.id),
            sources: edge.sources.map(canonical),
            targets: edge.targets.map(canonical),
          })),
        }
      : {}),
  };
  return { node, key: JSON.stringify(node), ids };
}

/** A deep copy of `value` with every canonical id, alone or inside a string, put back from `ids`. */
function withIds(value: unknown, ids: readonly string[]): unknown {
  if (typeof value === 'string') return value.includes(MARK) ? value.replace(CANONICAL, (_m, i: string) => ids[Number(i)]!) : value;
  if (Array.isArray(value)) return value.map((item) => withIds(item, ids));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = withIds((value as Record<string, unknown>)[key], ids);
    return out;
  }
  return value;
}

export function dedupedZoneLayouts(graph: ElkNode): DedupedZoneLayouts {
  const zones = (graph.children ?? []).map((original) => ({ ...canonicalize(original), original }));
  const first = new Map<string, number>();
  zones.forEach((zone, i) => {
    if (!first.has(zone.key)) first.set(zone.key, i);
  });
  // What ELK gets: each unique zone's ids prefixed by the zone's place, unique across zones as ELK needs.
  const sent = new Map([...first.keys()].map((key, u) => [key, canonicalize(zones[first.get(key)!]!.original, `${u}:`).node]));
  return {
    unique: { ...graph, children: [...sent.values()] },
    expand(laidOutUnique) {
      const byId = new Map((laidOutUnique.children ?? []).map((child) => [child.id, child]));
      const laidOut = new Map([...sent].map(([key, node]) => [key, byId.get(node.id)]));
      return {
        ...laidOutUnique,
        children: zones.map((zone) => {
          const child = laidOut.get(zone.key);
          if (!child) throw new Error(`the estate diagram's layout lacks a zone ELK was given (${zone.ids[0]})`);
          return withIds(child, zone.ids) as ElkNode;
        }),
      };
    },
  };
}
