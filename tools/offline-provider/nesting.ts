// Walking the elements of nested blocks and nested attributes by nesting mode,
// shared by validation and planning.
import { CtyValue, isObjectValue, newObject, Unknown } from './cty-value';

export type PathStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

/**
 * Visits the element objects of a nested block/attribute value. Set elements have
 * no path step in the protocol (sets are not indexable), so errors inside them
 * point at the set itself.
 */
export function forEachElement(nesting: string, v: CtyValue, path: PathStep[], fn: (ev: CtyValue, ep: PathStep[]) => void): void {
  if (v === null || v instanceof Unknown) return;
  switch (nesting) {
    case 'single':
    case 'group':
      fn(v, path);
      return;
    case 'list':
      if (Array.isArray(v)) v.forEach((e, i) => fn(e, [...path, { element_key_int: i }]));
      return;
    case 'set':
      if (Array.isArray(v)) v.forEach((e) => fn(e, path));
      return;
    case 'map':
      if (isObjectValue(v)) for (const [k, e] of Object.entries(v)) fn(e, [...path, { element_key_string: k }]);
      return;
  }
}

/** Maps the element objects of a nested value, keeping its shape. */
export function mapElements(nesting: string, v: CtyValue, fn: (ev: CtyValue, index: number | string) => CtyValue): CtyValue {
  if (v === null || v instanceof Unknown) return v;
  switch (nesting) {
    case 'single':
    case 'group':
      return fn(v, 0);
    case 'list':
    case 'set':
      return Array.isArray(v) ? v.map((e, i) => fn(e, i)) : v;
    case 'map': {
      if (!isObjectValue(v)) return v;
      const out = newObject();
      for (const [k, e] of Object.entries(v)) out[k] = fn(e, k);
      return out;
    }
  }
  return v;
}

/**
 * The prior/config counterpart of a nested element. Set elements cannot be paired
 * by position, so they get none (planned like a create, which is safe: Terraform
 * accepts unknowns for computed values).
 */
export function elementAt(nesting: string, v: CtyValue, key: number | string): CtyValue {
  if (v === null || v instanceof Unknown) return null;
  switch (nesting) {
    case 'single':
    case 'group':
      return v;
    case 'list':
      return Array.isArray(v) && typeof key === 'number' ? (v[key] ?? null) : null;
    case 'map':
      return isObjectValue(v) && typeof key === 'string' ? (v[key] ?? null) : null;
    default:
      return null;
  }
}
