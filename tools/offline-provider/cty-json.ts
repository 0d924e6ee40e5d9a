// cty's JSON value encoding, needed for exactly one thing: UpgradeResourceState
// hands the provider the resource state as stored in the state file (JSON), and the
// provider must answer with msgpack typed by the current schema.
//
// Like a real provider's upgrade step we are lenient: attributes missing from the
// stored JSON become null and attributes the schema no longer has are dropped.
// A dynamic value is stored as {"value": ..., "type": ...}.
import { CtyType, collectionKind, elementType, objectAttributes, parseType, tupleElements } from './cty-types';
import { CtyValue, newObject, Typed } from './cty-value';

export function valueFromJson(raw: unknown, type: CtyType, path = ''): CtyValue {
  const at = path || '(root)';
  if (raw === null || raw === undefined) return null;
  if (type === 'dynamic') {
    if (typeof raw !== 'object' || Array.isArray(raw) || !('type' in raw)) throw new Error(`${at}: dynamic value needs {"value","type"}`);
    const t = parseType((raw as { type: unknown }).type);
    return new Typed(t, valueFromJson((raw as { value?: unknown }).value, t, path));
  }
  switch (type) {
    case 'string':
      // Terraform's legacy SDK stored some numbers/bools as strings and vice versa; be forgiving.
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      throw new Error(`${at}: string required`);
    case 'number':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
      throw new Error(`${at}: number required`);
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw new Error(`${at}: bool required`);
  }
  const kind = collectionKind(type);
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) throw new Error(`${at}: ${kind} required`);
    return raw.map((e, i) => valueFromJson(e, elementType(type), `${path}[${i}]`));
  }
  if (kind === 'map') {
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${at}: map required`);
    const out = newObject();
    for (const [k, v] of Object.entries(raw)) out[k] = valueFromJson(v, elementType(type), `${path}[${JSON.stringify(k)}]`);
    return out;
  }
  const elems = tupleElements(type);
  if (elems) {
    if (!Array.isArray(raw) || raw.length !== elems.length) throw new Error(`${at}: tuple of ${elems.length} required`);
    return raw.map((e, i) => valueFromJson(e, elems[i]!, `${path}[${i}]`));
  }
  const attrs = objectAttributes(type)!;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${at}: object required`);
  const src = raw as Record<string, unknown>;
  const out = newObject();
  for (const [name, t] of Object.entries(attrs)) out[name] = valueFromJson(src[name], t, path ? `${path}.${name}` : name);
  return out;
}
