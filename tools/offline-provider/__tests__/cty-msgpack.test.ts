import { decode } from '@msgpack/msgpack';
import { valueFromJson } from '../cty-json';
import { CtyCodecError, decodeMsgpack, encodeMsgpack } from '../cty-msgpack';
import { CtyType, parseType, typeEquals, typeToString } from '../cty-types';
import { conformanceError, CtyValue, isWhollyKnown, newObject, Typed, Unknown, UNKNOWN } from '../cty-value';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');
const roundTrip = (v: CtyValue, t: CtyType) => decodeMsgpack(encodeMsgpack(v, t), t);
const obj = (o: Record<string, CtyValue>) => Object.assign(newObject(), o);

describe('cty msgpack: byte-exact agreement with go-cty', () => {
  // Expected bytes are what zclconf/go-cty's msgpack.Marshal produces.
  it.each<[string, CtyValue, CtyType, string]>([
    ['string', 'x', 'string', 'a1 78'],
    ['small int', 1, 'number', '01'],
    ['negative int', -200, 'number', 'd1 ff 38'],
    ['float', 1.5, 'number', 'cb 3f f8 00 00 00 00 00 00'],
    ['bool', true, 'bool', 'c3'],
    ['null', null, 'string', 'c0'],
    ['unknown', UNKNOWN, 'string', 'd4 00 00'],
    [
      'object, attributes sorted, all present',
      obj({ b: 1, a: 'x', c: null }),
      ['object', { a: 'string', b: 'number', c: 'bool' }],
      '83 a1 61 a1 78 a1 62 01 a1 63 c0',
    ],
    ['list', ['a', 'b'], ['list', 'string'], '92 a1 61 a1 62'],
    ['map', obj({ k: true }), ['map', 'bool'], '81 a1 6b c3'],
    ['dynamic string', new Typed('string', 'x'), 'dynamic', '92 c4 08 22 73 74 72 69 6e 67 22 a1 78'],
    ['dynamic null is bare', null, 'dynamic', 'c0'],
    ['dynamic unknown is bare', UNKNOWN, 'dynamic', 'd4 00 00'],
  ])('%s', (_name, value, type, expected) => {
    expect(hex(encodeMsgpack(value, type))).toBe(expected.replace(/\s+/g, ''));
    expect(decodeMsgpack(bytes(expected), type)).toEqual(value);
  });
});

describe('cty msgpack: round trips', () => {
  it('nested objects inside sets and lists, with unknowns and nulls', () => {
    const t: CtyType = [
      'object',
      {
        id: 'string',
        subnet: ['set', ['object', { name: 'string', address_prefixes: ['list', 'string'], delegation: ['list', ['object', { name: 'string' }]] }]],
        tags: ['map', 'string'],
        count: 'number',
      },
    ];
    const v = obj({
      id: UNKNOWN,
      subnet: [
        obj({ name: 'a', address_prefixes: ['10.0.0.0/24'], delegation: [obj({ name: 'd' })] }),
        obj({ name: UNKNOWN, address_prefixes: UNKNOWN, delegation: [] }),
      ],
      tags: obj({ env: 'dev', __proto__: 'kept as data' }),
      count: null,
    });
    const back = roundTrip(v, t);
    expect(back).toEqual(v);
    expect((back as Record<string, CtyValue>).id).toBeInstanceOf(Unknown);
    expect(isWhollyKnown(back)).toBe(false);
    expect(conformanceError(back, t)).toBeUndefined();
  });

  it('tuples and dynamic values holding collections', () => {
    const t: CtyType = ['object', { pair: ['tuple', ['string', 'number']], any: 'dynamic' }];
    const v = obj({ pair: ['a', 2], any: new Typed(['list', 'number'], [1, 2.5, UNKNOWN]) });
    expect(roundTrip(v, t)).toEqual(v);
  });

  it('numbers: int64 beyond 2^53 as bigint, decimal strings accepted on decode', () => {
    expect(roundTrip(2n ** 60n, 'number')).toBe(2n ** 60n);
    expect(roundTrip(-(2n ** 62n), 'number')).toBe(-(2n ** 62n));
    expect(roundTrip(2 ** 40, 'number')).toBe(2 ** 40);
    // go-cty writes numbers that are neither int64 nor exact float64 as strings.
    expect(decodeMsgpack(encodeStr('123456789012345678901234567890'), 'number')).toBe(123456789012345678901234567890n);
    expect(decodeMsgpack(encodeStr('0.1'), 'number')).toBe(0.1);
    expect(decodeMsgpack(encodeStr('42'), 'number')).toBe(42);
    // and bigints outside int64/uint64 are written that way
    expect(decode(encodeMsgpack(2n ** 70n, 'number'))).toBe((2n ** 70n).toString());
    expect(roundTrip(2n ** 70n, 'number')).toBe(2n ** 70n);
  });

  it('keeps refined unknowns byte-for-byte (ext type 12)', () => {
    // UnknownVal(String).RefineNotNull(): ext8, len 3, type 12, payload {1: false}
    const refined = bytes('c7 03 0c 81 01 c2');
    const v = decodeMsgpack(refined, 'string');
    expect(v).toBeInstanceOf(Unknown);
    expect(hex((v as Unknown).refinements!)).toBe('8101c2');
    expect(hex(encodeMsgpack(v, 'string'))).toBe('c7030c8101c2');
  });

  it('treats any extension of length <= 1 as unknown, like go-cty', () => {
    expect(decodeMsgpack(bytes('d4 05 00'), 'string')).toBeInstanceOf(Unknown);
  });
});

describe('cty msgpack: errors', () => {
  it('rejects values of the wrong shape', () => {
    expect(() => encodeMsgpack(1, 'string')).toThrow(CtyCodecError);
    expect(() => encodeMsgpack(obj({ nope: 1 }), ['object', { a: 'number' }])).toThrow(/unsupported attribute "nope"/);
    expect(() => encodeMsgpack('x', 'dynamic')).toThrow(/concrete type/);
    expect(() => decodeMsgpack(bytes('a1 78'), 'number')).toThrow(/number required/);
    expect(() => decodeMsgpack(bytes('81 a1 7a 01'), ['object', { a: 'number' }])).toThrow(/unsupported attribute "z"/);
    expect(() => decodeMsgpack(bytes('c7 03 07 81 01 c2'), 'string')).toThrow(/extension type 7/);
  });
});

describe('cty types and JSON values', () => {
  it('parses and compares wire types', () => {
    const t = parseType(['object', { a: ['list', 'string'], b: ['tuple', ['bool']] }, ['b']]);
    expect(typeEquals(t, ['object', { b: ['tuple', ['bool']], a: ['list', 'string'] }])).toBe(true);
    expect(typeToString(t)).toBe('object({a=list(string), b=tuple([bool])})');
    expect(() => parseType(['list'])).toThrow(/invalid cty type/);
    expect(() => parseType('float')).toThrow(/invalid cty type/);
  });

  it('decodes state JSON leniently: missing attributes null, removed ones dropped', () => {
    const t: CtyType = ['object', { name: 'string', size: 'number', tags: ['map', 'string'], any: 'dynamic' }];
    const v = valueFromJson({ name: 'n', size: '3', gone: true, any: { value: [1], type: ['list', 'number'] } }, t);
    expect(v).toEqual(obj({ name: 'n', size: 3, tags: null, any: new Typed(['list', 'number'], [1]) }));
  });
});

function encodeStr(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([0xd9, b.length]), b]);
}
