import { createHash } from 'crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { ElkNode } from 'elkjs/lib/elk-api';

/**
 * Each landing zone's ELK layout, kept between synths (issue 19: editing one zone of a large
 * estate lays out that zone alone). ELK lays each zone of elkGraph out on its own (the root's
 * algorithm is `fixed`), so a zone's result depends only on its own input: entries are keyed by
 * the SHA-256 of that input and the code's version (which pins elkjs), never by file times. A
 * missing, unreadable or damaged entry is laid out again; times only choose what to prune.
 * Only ELK's own bookkeeping ids (`$H`) differ from a layout of all zones at once, and nothing
 * reads them (elk-layout.ts layoutZones).
 */

export interface ZoneLayoutCacheOptions {
  readonly dir: string;
  /** The code's version (scripts/run-synth.cjs: a content hash of the sources and package-lock.json). */
  readonly version: string;
}

/** The zones ELK still has to lay out, and how to put the whole result back together. */
export interface CachedZoneLayouts {
  /** elkGraph's root with only the zones the cache lacks. */
  readonly missing: ElkNode;
  /** The laid-out root: cached zones and those of `laidOutMissing`, in elkGraph's order; stores the new ones. */
  merge(laidOutMissing: ElkNode): ElkNode;
}

const FORMAT = 1;
/** Entries kept beyond the current estate's zones (other estates, earlier edits). */
const KEPT_SPARE = 2000;

export function cachedZoneLayouts(graph: ElkNode, options: ZoneLayoutCacheOptions): CachedZoneLayouts {
  const children = graph.children ?? [];
  const keys = children.map((child) =>
    createHash('sha256')
      .update(`${FORMAT}\n${options.version}\n${JSON.stringify(child)}`)
      .digest('hex')
      .slice(0, 32),
  );
  const found = children.map((child, i) => readEntry(path.join(options.dir, `${keys[i]}.json`), child.id));
  return {
    missing: { ...graph, children: children.filter((_, i) => !found[i]) },
    merge(laidOutMissing) {
      const fresh = new Map((laidOutMissing.children ?? []).map((child) => [child.id, child]));
      const laidOut = children.map((child, i) => found[i] ?? fresh.get(child.id) ?? child);
      storeEntries(
        options.dir,
        children.flatMap((child, i) => (found[i] || !fresh.has(child.id) ? [] : [{ key: keys[i], child: fresh.get(child.id)! }])),
      );
      prune(options.dir, children.length + KEPT_SPARE);
      return { ...laidOutMissing, children: laidOut };
    },
  };
}

function readEntry(file: string, id: string): ElkNode | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; child?: ElkNode };
    if (entry.format !== FORMAT || typeof entry.child !== 'object' || entry.child?.id !== id) return undefined;
    const now = new Date();
    utimesSync(file, now, now);
    return entry.child;
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed into place: a reader never sees half an entry. A failure only loses the entry. */
function storeEntries(dir: string, entries: readonly { key: string; child: ElkNode }[]): void {
  if (!entries.length) return;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  for (const { key, child } of entries) {
    const file = path.join(dir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, child }));
      renameSync(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

/** Keeps the `kept` most recently used entries. */
function prune(dir: string, kept: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  if (names.length <= kept) return;
  const byAge = names
    .map((name) => {
      try {
        return { name, time: statSync(path.join(dir, name)).mtimeMs };
      } catch {
        return { name, time: 0 };
      }
    })
    .sort((a, b) => b.time - a.time);
  for (const old of byAge.slice(kept)) rmSync(path.join(dir, old.name), { force: true });
}
