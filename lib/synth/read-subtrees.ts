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
  private static readonly byEstate = new WeakMap<object, Fingerprints>();

  /**
   * The one instance for `estate` in this thread: the lookup and the store of the stacks built
   * after it fingerprint the same parts (a 100-zone estate resolves to 1.7 MB). The estate is
   * never changed once resolved (the read tracker refuses writes to it).
   */
  static forEstate(estate: object): Fingerprints {
    let fingerprints = Fingerprints.byEstate.get(estate);
    if (!fingerprints) Fingerprints.byEstate.set(estate, (fingerprints = new Fingerprints(estate)));
    return fingerprints;
  }

  private readonly known = new Map<string, string | undefined>();

  private constructor(private readonly estate: object) {}

  of(part: string): string | undefined {
    if (this.known.has(part)) return this.known.get(part);
    let value: unknown = this.estate;
    for (const key of part.split(KEY_SEP)) {
      const name = JSON.parse(key) as unknown;
      value = typeof value === 'object' && value !== null && typeof name === 'string' ? (value as Record<string, unknown>)[name] : undefined;
    }
    this.known.set(part, fingerprintOf(value));
    return this.known.get(part);
  }
}

function fingerprintOf(value: unknown): string | undefined {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  // Most parts are JSON data: checked, then written by JSON.stringify, in half the time of canonical
  // (a resolved 100-zone estate holds 1.7 MB: 45 ms, then 22). 'J' keeps the two texts apart ('[', '{', '"' or a valueRepr).
  const undefinedAt: string[] = [];
  if (jsonFaithful(value, undefinedAt, { objects: 0 })) return hash(`J${JSON.stringify(value)}\0${undefinedAt.join('\0')}`);
  const out: string[] = [];
  return canonical(value, out) ? hash(out.join('\0')) : undefined;
}

/**
 * Whether JSON.stringify writes `value` so that no other value has the same text: plain objects
 * and arrays (no holes, no accessors, every key an enumerable string), strings, booleans, finite
 * numbers but -0, and null. Properties set to undefined, which JSON.stringify leaves out, are
 * listed in `undefinedAt` instead, by object (in the order of the walk) and place among its keys.
 */
function jsonFaithful(value: unknown, undefinedAt: string[], walk: { objects: number }): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  const keys = Reflect.ownKeys(value);
  if (Array.isArray(value)) {
    // Its indices and length: no hole, nothing else.
    if (proto !== Array.prototype || keys.length !== value.length + 1) return false;
    for (let index = 0; index < value.length; index++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, index);
      if (!descriptor || !('value' in descriptor) || !descriptor.enumerable || descriptor.value === undefined) return false;
      if (!jsonFaithful(descriptor.value, undefinedAt, walk)) return false;
    }
    return true;
  }
  if (proto !== Object.prototype) return false;
  const object = walk.objects++;
  for (let place = 0; place < keys.length; place++) {
    const key = keys[place];
    if (typeof key !== 'string') return false;
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor) || !descriptor.enumerable) return false;
    if (descriptor.value === undefined) undefinedAt.push(`${object}:${place}:${JSON.stringify(key)}`);
    else if (!jsonFaithful(descriptor.value, undefinedAt, walk)) return false;
  }
  return true;
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
