import fc from 'fast-check';
import { anyCodePoint } from './helpers/arbitraries';
import { parseJsonEstate } from '../lib/estate/json-estate';
import { parseEstate } from '../lib/estate/load';
import { parseYaml } from '../lib/estate/yaml-document';
import { MAX_YAML_NESTING } from '../lib/estate/yaml-nesting';
import { EstateValidationError } from '../lib/util/problems';
import { loadShippedEstate } from './helpers/synth';

/**
 * Estates written as JSON are read with JSON.parse (lib/estate/json-estate.ts): the same value
 * the YAML parser gives the same text, and everything JSON.parse would get wrong or cannot judge
 * (duplicate keys, depth) left to the YAML parser, which reports it.
 */

/** What the YAML parser makes of a text, with the options the estate loader uses. */
function viaYaml(text: string): unknown {
  const doc = parseYaml(text, { uniqueKeys: true, merge: false, strict: true, stringKeys: true }).compose();
  expect(doc.errors).toEqual([]);
  return doc.toJS({ maxAliasCount: 100 });
}

const key = fc.oneof(fc.string({ unit: anyCodePoint, maxLength: 6 }), fc.constantFrom('__proto__', '<<', 'constructor', '"', '\\', '', 'a'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.jsonValue({ maxDepth: 1 }), tie('object'), fc.array(tie('node'), { maxLength: 4 })),
  object: fc.dictionary(key, tie('node'), { maxKeys: 5, noNullPrototype: true }),
})) as unknown as { object: fc.Arbitrary<Record<string, unknown>> };
const layout = fc.constantFrom<[number | string | undefined, string]>([undefined, ''], [2, ''], ['\t', ''], [1, '\n  '], [0, ' \r\n']);

describe('parseJsonEstate', () => {
  it('gives the value the YAML parser gives, for any JSON object text (property)', () => {
    fc.assert(
      fc.property(value.object, layout, (object, [indent, lead]) => {
        const text = lead + JSON.stringify(object, null, indent);
        const read = parseJsonEstate(text, MAX_YAML_NESTING);
        expect(read).toBeDefined();
        expect(read!.value).toEqual(viaYaml(text));
        expect(read!.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('reads the shipped estates as JSON as their YAML reads', () => {
    for (const name of ['relecloud', 'adatum', 'fabrikam'] as const) {
      const estate = loadShippedEstate(name);
      expect(parseJsonEstate(JSON.stringify(estate, null, 2), MAX_YAML_NESTING)!.value).toEqual(estate);
    }
  });

  it('keeps "__proto__" an own key, as YAML does', () => {
    const read = parseJsonEstate('{"__proto__": {"polluted": true}, "a": 1}', MAX_YAML_NESTING)!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves a duplicate key at any depth to the YAML parser, spelled the same or escaped, and the estate names it', () => {
    const texts = [
      '{"estate": "a", "estate": "b"}',
      '{"landingZones": [{"name": "x", "tags": {"k": 1, "\\u006b": 2}}]}',
      '{"a": {"b\\"c": 1, "b\\u0022c": 2}}',
    ];
    for (const text of texts) {
      expect(parseJsonEstate(text, MAX_YAML_NESTING)).toBeUndefined();
      expect(() => parseEstate(text, 'estate.json')).toThrow(EstateValidationError);
      expect(() => parseEstate(text, 'estate.json')).toThrow(/Map keys must be unique/);
    }
    // The same keys in different objects, or as values, are no duplicates.
    expect(parseJsonEstate('{"a": {"k": 1}, "b": {"k": "k", "a": ["a", "a"]}}', MAX_YAML_NESTING)!.value).toEqual({
      a: { k: 1 },
      b: { k: 'k', a: ['a', 'a'] },
    });
  });

  it('leaves a document nested deeper than the limit to the YAML parser, and the estate names it', () => {
    const nested = (depth: number) => `${'{"a": ['.repeat(depth / 2)}1${']}'.repeat(depth / 2)}`;
    expect(parseJsonEstate(nested(MAX_YAML_NESTING), MAX_YAML_NESTING)).toBeDefined();
    expect(parseJsonEstate(nested(MAX_YAML_NESTING + 2), MAX_YAML_NESTING)).toBeUndefined();
    expect(() => parseEstate(nested(MAX_YAML_NESTING + 2), 'estate.json')).toThrow(/nests lists and mappings more than 32 levels deep at line 1/);
  });

  it('leaves YAML, broken JSON and JSON that is not an object to the YAML parser', () => {
    for (const text of ['estate: a', '{"a": 1,}', '{"a": 1} x', '\ufeff{"a": 1}', '["a"]', '"a"', '', '{a: 1}', '# c\n{"a": 1}'])
      expect(parseJsonEstate(text, MAX_YAML_NESTING)).toBeUndefined();
  });
});
