import { createHash } from 'crypto';
import { KEY_SEP, valueRepr } from './read-tracking';

/**
 * A shortcut for replaying reads (read-replay.ts): a stack's reads are grouped by the part of the
 * estate they fall in (each landing zone, and each other field of the estate), and each part's
 * content is fingerprinted when the entry is stored. When a part's fingerprint is the same now,
 * every read inside it reads the same (its value is a function of that content), so only the
 * reads of changed parts, and those outside every part, are replayed. A part holding anything
 * but plain data (a class instance, an accessor, a symbol key) has no fingerprint: its reads are
 * always replayed.
 */

const SEP = '\x01';

/**
 * The part a read falls in, or undefined. A `g` or `k` read of the part itself is inside it; `h`
 * and `d` reads look at the parent, so only those below the part's root are.
 */
export function subtreeOf(read: string): string | undefined {
  const end = read.indexOf(SEP);
  if (end < 1) return undefined;
  const path = read.slice(1, end);
  const keys = path ? path.split(KEY_SEP) : [];
  const depth = keys[0] === '"landingZones"' ? 2 : 1;
  if (keys.length < depth || (keys.length === depth && (read[0] === 'h' || read[0] === 'd'))) return undefined;
  if (read[0] === 'e' || read[0] === 't' || read[0] === 'x') return undefined;
  return keys.slice(0, depth).join(KEY_SEP);
}

/** Reads grouped by part (`''`: outside every part). */
export function groupReads(reads: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const read of reads) {
    const part = subtreeOf(read) ?? '';
    let group = groups.get(part);
    if (!group) groups.set(part, (group = []));
    group.push(read);
  }
  return groups;
}

/** Fingerprints of an estate's parts, computed once each. */
export class Fingerprints {
  private readonly known = new Map<string, string | undefined>();

  constructor(private readonly estate: object) {}

  of(part: string): string | undefined {
    if (this.known.has(part)) return this.known.get(part);
    let value: unknown = this.estate;
    for (const key of part.split(KEY_SEP)) {
      const name = JSON.parse(key) as unknown;
      value = typeof value === 'object' && value !== null && typeof name === 'string' ? (value as Record<string, unknown>)[name] : undefined;
    }
    const out: string[] = [];
    const fingerprint = canonical(value, out) ? createHash('sha256').update(out.join('\0')).digest('hex').slice(0, 32) : undefined;
    this.known.set(part, fingerprint);
    return fingerprint;
  }
}

/** Appends a canonical text of plain data to `out` (key order, enumerability, holes, kinds); false for anything else. */
function canonical(value: unknown, out: string[]): boolean {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return false;
    out.push(typeof value === 'string' ? JSON.stringify(value) : valueRepr(value));
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  const array = Array.isArray(value);
  if (array ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) return false;
  out.push(array ? '[' : proto === null ? '{0' : '{');
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') return false;
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor)) return false;
    out.push(JSON.stringify(key), descriptor.enumerable ? 'E' : 'N');
    if (!canonical(descriptor.value, out)) return false;
  }
  out.push(array ? ']' : '}');
  return true;
}
