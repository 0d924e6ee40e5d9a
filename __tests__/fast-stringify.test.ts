import fc from 'fast-check';
import * as path from 'path';
import { fastStableStringify } from '../lib/synth/fast-stringify';
import { ORIGINAL_STABLE_STRINGIFY } from './helpers/original-stable-stringify';

/** lib/synth/fast-stringify.ts writes exactly what json-stable-stringify (cdktf's stack writer) writes. */
type StableStringify = (obj: unknown, opts?: unknown) => string | undefined;
// By its directory: jest maps the name itself, even in require.resolve, to the fast writer (__tests__/helpers/stable-stringify.ts).
const original = require(ORIGINAL_STABLE_STRINGIFY) as StableStringify;
const fast = fastStableStringify(original);

it('compares with the original json-stable-stringify, not the fast writer jest gives cdktf', () => {
  expect(original).not.toBe(require('json-stable-stringify'));
  expect(String(original)).toBe(String(require(path.join(ORIGINAL_STABLE_STRINGIFY, 'index.js'))));
  expect(String(original)).not.toContain('spaceOf');
});

const leaves = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.constantFrom('', '\u2028', '"quoted"', 'é', '${x}'),
);
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaves, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('b', 'a', 'B', '10', '9', '_', 'ä')), tie('value'), { maxKeys: 5 }),
})).value;

describe('the fast stable JSON writer', () => {
  it.each([[{ space: 2 }], [{ space: '\t' }], [undefined], [{ space: 0 }]])('writes what json-stable-stringify writes with options %j (fixed seed)', (opts) => {
    fc.assert(
      fc.property(values, (value) => {
        expect(fast(value, opts)).toBe(original(value, opts));
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });

  it('lays out empty containers and nested levels as json-stable-stringify does (not as JSON.stringify)', () => {
    const value = { z: [], a: {}, m: [{}, [], { k: undefined, j: [undefined] }] };
    expect(fast(value, { space: 2 })).toBe(original(value, { space: 2 }));
    expect(fast(value, { space: 2 })).not.toBe(JSON.stringify(value, null, 2));
  });

  it('refuses a cycle as json-stable-stringify does, and leaves other options to it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => fast(cyclic, { space: 2 })).toThrow('Converting circular structure to JSON');
    const cmp = (a: { key: string }, b: { key: string }) => (a.key < b.key ? 1 : -1);
    expect(fast({ a: 1, b: 2 }, { cmp })).toBe(original({ a: 1, b: 2 }, { cmp }));
  });
});
