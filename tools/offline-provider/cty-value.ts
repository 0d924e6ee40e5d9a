// In-memory form of cty values. Values are always interpreted against a CtyType
// (we never need to infer a type from a JS value), so plain JS shapes suffice:
//
//   null                      -> null of any type
//   Unknown                   -> unknown of any type (optionally with cty refinements)
//   string / boolean          -> string / bool
//   number | bigint           -> number (bigint only when a msgpack int64 exceeds 2^53)
//   CtyValue[]                -> list, set or tuple
//   Record<string, CtyValue>  -> map or object (objects carry every attribute)
//   Typed                     -> a value whose static type is `dynamic`: carries its real type
import { CtyType, collectionKind, elementType, objectAttributes, tupleElements } from './cty-types';

export class Unknown {
  /**
   * Raw msgpack payload of cty's "unknown with refinements" extension (type 12),
   * e.g. "definitely not null" or a string prefix. Kept opaque so a value Terraform
   * sent us can be sent back unchanged; undefined means a plain unknown.
   */
  constructor(readonly refinements?: Uint8Array) {}
}

export const UNKNOWN = new Unknown();

export class Typed {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export type CtyObject = { [name: string]: CtyValue };
export type CtyValue = null | Unknown | string | number | bigint | boolean | CtyValue[] | CtyObject | Typed;

export const isUnknown = (v: CtyValue): v is Unknown => v instanceof Unknown;

export function isObjectValue(v: CtyValue): v is CtyObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Typed);
}

/** A fresh object usable as a map: no prototype, so keys like "__proto__" stay data. */
export function newObject(): CtyObject {
  return Object.create(null) as CtyObject;
}

/** True when no unknown occurs anywhere inside `v`. */
export function isWhollyKnown(v: CtyValue): boolean {
  if (v instanceof Unknown) return false;
  if (v instanceof Typed) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isObjectValue(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}

/**
 * Structural check that `v` conforms to `t` (used by tests and as a guard before
 * encoding). Returns a description of the first mismatch, or undefined.
 */
export function conformanceError(v: CtyValue, t: CtyType, path = ''): string | undefined {
  const at = path || '(root)';
  if (v === null || v instanceof Unknown) return undefined;
  if (t === 'dynamic') return v instanceof Typed ? conformanceError(v.value, v.type, path) : `${at}: dynamic value lacks its type`;
  if (v instanceof Typed) return `${at}: typed wrapper where ${JSON.stringify(t)} expected`;
  switch (t) {
    case 'string':
      return typeof v === 'string' ? undefined : `${at}: string required`;
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint' ? undefined : `${at}: number required`;
    case 'bool':
      return typeof v === 'boolean' ? undefined : `${at}: bool required`;
  }
  const kind = collectionKind(t);
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(v)) return `${at}: ${kind} required`;
    for (let i = 0; i < v.length; i++) {
      const e = conformanceError(v[i]!, elementType(t), `${path}[${i}]`);
      if (e) return e;
    }
    return undefined;
  }
  if (kind === 'map') {
    if (!isObjectValue(v)) return `${at}: map required`;
    for (const [k, ev] of Object.entries(v)) {
      const e = conformanceError(ev, elementType(t), `${path}[${JSON.stringify(k)}]`);
      if (e) return e;
    }
    return undefined;
  }
  const elems = tupleElements(t);
  if (elems) {
    if (!Array.isArray(v) || v.length !== elems.length) return `${at}: tuple of ${elems.length} required`;
    for (let i = 0; i < elems.length; i++) {
      const e = conformanceError(v[i]!, elems[i]!, `${path}[${i}]`);
      if (e) return e;
    }
    return undefined;
  }
  const attrs = objectAttributes(t)!;
  if (!isObjectValue(v)) return `${at}: object required`;
  for (const k of Object.keys(v)) if (!(k in attrs)) return `${at}: unexpected attribute "${k}"`;
  for (const [k, at2] of Object.entries(attrs)) {
    const e = conformanceError(k in v ? v[k]! : null, at2, path ? `${path}.${k}` : k);
    if (e) return e;
  }
  return undefined;
}
