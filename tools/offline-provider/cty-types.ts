// cty types in their JSON wire form. Terraform schemas (`providers schema -json`),
// the `type` bytes of tfplugin6 Schema.Attribute and the type half of a msgpack
// "dynamic" value all use this same JSON encoding, so we keep types in exactly
// that shape instead of inventing a parallel model: no conversion on the hot path,
// and `JSON.stringify(type)` is the wire form.

export type PrimitiveTypeName = 'string' | 'number' | 'bool';

export type CtyType =
  | PrimitiveTypeName
  | 'dynamic'
  | ['list', CtyType]
  | ['set', CtyType]
  | ['map', CtyType]
  | ['object', Record<string, CtyType>]
  // cty's optional-attribute marker list; irrelevant to values on the wire.
  | ['object', Record<string, CtyType>, string[]]
  | ['tuple', CtyType[]];

export const listOf = (t: CtyType): CtyType => ['list', t];
export const setOf = (t: CtyType): CtyType => ['set', t];
export const mapOf = (t: CtyType): CtyType => ['map', t];
export const objectOf = (attrs: Record<string, CtyType>): CtyType => ['object', attrs];

export type CollectionKind = 'list' | 'set' | 'map';

export function collectionKind(t: CtyType): CollectionKind | undefined {
  if (typeof t === 'string') return undefined;
  return t[0] === 'list' || t[0] === 'set' || t[0] === 'map' ? t[0] : undefined;
}

/** Element type of a list, set or map type. */
export function elementType(t: CtyType): CtyType {
  if (typeof t !== 'string' && (t[0] === 'list' || t[0] === 'set' || t[0] === 'map')) return t[1];
  throw new Error(`not a collection type: ${typeToString(t)}`);
}

export function objectAttributes(t: CtyType): Record<string, CtyType> | undefined {
  return typeof t !== 'string' && t[0] === 'object' ? t[1] : undefined;
}

export function tupleElements(t: CtyType): CtyType[] | undefined {
  return typeof t !== 'string' && t[0] === 'tuple' ? t[1] : undefined;
}

/** True when `dynamic` occurs anywhere inside the type (cty's HasDynamicTypes). */
export function hasDynamic(t: CtyType): boolean {
  if (t === 'dynamic') return true;
  if (typeof t === 'string') return false;
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t[1]);
    case 'object':
      return Object.values(t[1]).some(hasDynamic);
    case 'tuple':
      return t[1].some(hasDynamic);
  }
}

/**
 * Validates an arbitrary JSON value as a cty type (used for the type bytes inside
 * msgpack dynamic values and for schema files, both external input).
 */
export function parseType(raw: unknown): CtyType {
  if (raw === 'string' || raw === 'number' || raw === 'bool' || raw === 'dynamic') return raw;
  if (Array.isArray(raw) && raw.length >= 2) {
    const [kind, arg] = raw as [unknown, unknown];
    switch (kind) {
      case 'list':
      case 'set':
      case 'map':
        return [kind, parseType(arg)];
      case 'tuple':
        if (!Array.isArray(arg)) break;
        return ['tuple', arg.map(parseType)];
      case 'object': {
        if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) break;
        const attrs: Record<string, CtyType> = {};
        for (const [name, at] of Object.entries(arg)) attrs[name] = parseType(at);
        const optional = raw[2];
        if (Array.isArray(optional)) return ['object', attrs, optional.map(String)];
        return ['object', attrs];
      }
    }
  }
  throw new Error(`invalid cty type: ${JSON.stringify(raw)}`);
}

export function typeFromJsonBytes(bytes: Uint8Array | string): CtyType {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return parseType(JSON.parse(text));
}

export function typeToJsonBytes(t: CtyType): Buffer {
  return Buffer.from(JSON.stringify(t), 'utf8');
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a[0] !== b[0]) return false;
  switch (a[0]) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a[1], b[1] as CtyType);
    case 'tuple': {
      const be = b[1] as CtyType[];
      return a[1].length === be.length && a[1].every((t, i) => typeEquals(t, be[i]!));
    }
    case 'object': {
      const ba = b[1] as Record<string, CtyType>;
      const names = Object.keys(a[1]);
      return names.length === Object.keys(ba).length && names.every((n) => n in ba && typeEquals(a[1][n]!, ba[n]!));
    }
  }
}

/** Short human form for error messages, e.g. `list(object({name=string}))`. */
export function typeToString(t: CtyType): string {
  if (typeof t === 'string') return t;
  switch (t[0]) {
    case 'list':
    case 'set':
    case 'map':
      return `${t[0]}(${typeToString(t[1])})`;
    case 'tuple':
      return `tuple([${t[1].map(typeToString).join(', ')}])`;
    case 'object':
      return `object({${Object.entries(t[1])
        .map(([n, at]) => `${n}=${typeToString(at)}`)
        .join(', ')}})`;
  }
}
