// cty's msgpack encoding (zclconf/go-cty cty/msgpack), the form of every
// DynamicValue Terraform exchanges with providers:
//   - null is msgpack nil; unknown is an extension value: type 0 (Terraform writes
//     fixext1 0xd4 0x00 0x00) or, when refined, type 12 whose payload is a msgpack
//     map of refinements. cty itself treats any extension of length <= 1 as unknown.
//   - numbers: integers as msgpack ints, other exact float64s as floats, anything
//     else as a decimal string (accepted on decode).
//   - objects are maps carrying every attribute (cty rejects a missing one);
//     lists, sets and tuples are arrays; maps are maps.
//   - a value whose static type is `dynamic` is a 2-element array
//     [JSON type as msgpack bin, value]; a dynamic null / wholly unknown dynamic is
//     encoded bare (nil / extension), without the wrapper.
//
// Implementation: @msgpack/msgpack decodes to a generic JS tree (extensions stay
// ExtData) which we then interpret against the type, and the reverse for encoding.
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { CtyType, collectionKind, elementType, objectAttributes, tupleElements, typeFromJsonBytes, typeToJsonBytes, typeToString } from './cty-types';
import { CtyObject, CtyValue, isObjectValue, newObject, Typed, Unknown, UNKNOWN } from './cty-value';

const EXT_UNKNOWN = 0;
const EXT_UNKNOWN_REFINED = 12;

export class CtyCodecError extends Error {}

export function decodeMsgpack(bytes: Uint8Array, type: CtyType): CtyValue {
  const raw = decode(bytes, { useBigInt64: true });
  return fromRaw(raw, type, '');
}

export function encodeMsgpack(value: CtyValue, type: CtyType): Buffer {
  const raw = toRaw(value, type, '');
  const out = encode(raw, { useBigInt64: true });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function fail(path: string, message: string): never {
  throw new CtyCodecError(`${path || '(root)'}: ${message}`);
}

function fromRaw(raw: unknown, type: CtyType, path: string): CtyValue {
  if (raw instanceof ExtData) {
    // The decoder always materializes extension payloads as bytes.
    const data = raw.data instanceof Uint8Array ? raw.data : new Uint8Array();
    if (data.length <= 1) return UNKNOWN;
    if (raw.type !== EXT_UNKNOWN_REFINED) fail(path, `unsupported msgpack extension type ${raw.type}`);
    // Refinements are meaningless for dynamic (cty drops them too).
    return type === 'dynamic' ? UNKNOWN : new Unknown(data.slice());
  }
  if (raw === null || raw === undefined) return null;
  if (type === 'dynamic') {
    if (!Array.isArray(raw) || raw.length !== 2) fail(path, 'dynamic value must be a [type, value] array');
    const [typeBytes, inner] = raw as [unknown, unknown];
    if (!(typeBytes instanceof Uint8Array) && typeof typeBytes !== 'string') fail(path, 'dynamic value type must be bytes');
    const actual = typeFromJsonBytes(typeBytes);
    return new Typed(actual, fromRaw(inner, actual, path));
  }
  switch (type) {
    case 'string':
      if (typeof raw !== 'string') fail(path, 'string required');
      return raw;
    case 'bool':
      if (typeof raw !== 'boolean') fail(path, 'bool required');
      return raw;
    case 'number':
      return decodeNumber(raw, path);
  }
  const kind = collectionKind(type);
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(raw)) fail(path, `${kind} required`);
    const et = elementType(type);
    return raw.map((e, i) => fromRaw(e, et, `${path}[${i}]`));
  }
  if (kind === 'map') {
    if (!isPlainMap(raw)) fail(path, 'map required');
    const et = elementType(type);
    const out = newObject();
    for (const [k, v] of Object.entries(raw)) out[k] = fromRaw(v, et, `${path}[${JSON.stringify(k)}]`);
    return out;
  }
  const elems = tupleElements(type);
  if (elems) {
    if (!Array.isArray(raw) || raw.length !== elems.length) fail(path, `tuple of ${elems.length} elements required`);
    return raw.map((e, i) => fromRaw(e, elems[i]!, `${path}[${i}]`));
  }
  const attrs = objectAttributes(type)!;
  if (!isPlainMap(raw)) fail(path, `object required for ${typeToString(type)}`);
  const out = newObject();
  for (const k of Object.keys(raw)) if (!(k in attrs)) fail(path, `unsupported attribute "${k}"`);
  for (const [name, at] of Object.entries(attrs)) {
    // cty requires every attribute; we accept a missing one as null, which only
    // makes us more lenient towards hand-written test input.
    out[name] = name in raw ? fromRaw(raw[name], at, path ? `${path}.${name}` : name) : null;
  }
  return out;
}

function isPlainMap(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array) && !(raw instanceof ExtData);
}

function decodeNumber(raw: unknown, path: string): number | bigint {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
  if (typeof raw === 'string') {
    // cty falls back to a decimal string for numbers that are neither int64 nor exact float64.
    const s = raw.trim();
    if (/^-?\d+$/.test(s)) {
      const b = BigInt(s);
      return Number.isSafeInteger(Number(b)) ? Number(b) : b;
    }
    const n = Number(s);
    if (s !== '' && !Number.isNaN(n)) return n;
  }
  fail(path, 'number required');
}

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function toRaw(value: CtyValue, type: CtyType, path: string): unknown {
  if (value instanceof Unknown) {
    if (value.refinements && value.refinements.length > 1) return new ExtData(EXT_UNKNOWN_REFINED, value.refinements);
    return new ExtData(EXT_UNKNOWN, Uint8Array.of(0));
  }
  if (value === null) return null;
  if (type === 'dynamic') {
    if (!(value instanceof Typed)) fail(path, 'a value of dynamic type needs its concrete type (Typed)');
    // cty encodes an unknown/null of a known type inside the wrapper; only a dynamic
    // null/unknown is bare, handled above.
    return [typeToJsonBytes(value.type), toRaw(value.value, value.type, path)];
  }
  if (value instanceof Typed) fail(path, `Typed value where ${typeToString(type)} is required`);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') fail(path, 'string required');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') fail(path, 'bool required');
      return value;
    case 'number':
      if (typeof value === 'bigint') {
        // int64/uint64 when they fit, cty's decimal-string form otherwise.
        return value >= INT64_MIN && value <= UINT64_MAX ? value : value.toString();
      }
      if (typeof value !== 'number' || Number.isNaN(value)) fail(path, 'number required');
      return value;
  }
  const kind = collectionKind(type);
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) fail(path, `${kind} required`);
    const et = elementType(type);
    return value.map((e, i) => toRaw(e, et, `${path}[${i}]`));
  }
  if (kind === 'map') {
    if (!isObjectValue(value)) fail(path, 'map required');
    const et = elementType(type);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      Object.defineProperty(out, k, { value: toRaw(value[k]!, et, `${path}[${JSON.stringify(k)}]`), enumerable: true });
    }
    return out;
  }
  const elems = tupleElements(type);
  if (elems) {
    if (!Array.isArray(value) || value.length !== elems.length) fail(path, `tuple of ${elems.length} elements required`);
    return value.map((e, i) => toRaw(e, elems[i]!, `${path}[${i}]`));
  }
  const attrs = objectAttributes(type)!;
  if (!isObjectValue(value)) fail(path, `object required for ${typeToString(type)}`);
  for (const k of Object.keys(value)) if (!(k in attrs)) fail(path, `unsupported attribute "${k}"`);
  const out: Record<string, unknown> = {};
  // cty writes attributes sorted by name; every attribute is present.
  for (const name of Object.keys(attrs).sort()) {
    out[name] = toRaw((value as CtyObject)[name] ?? null, attrs[name]!, path ? `${path}.${name}` : name);
  }
  return out;
}
