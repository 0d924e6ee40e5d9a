import fc from 'fast-check';
import { App, Fn, Lazy, ref, TerraformStack, Token, Tokenization } from 'cdktf';
import { fastResolver, isPlainString, keysToSnakeCase, referenceKinds, rememberingReferences } from '../lib/synth/fast-resolve';

/**
 * lib/synth/fast-resolve.ts: the fast path in front of cdktf's resolve must give exactly what
 * cdktf gives, for plain data and for data holding every kind of token.
 */
type Resolve = (obj: unknown, options: Record<string, unknown>) => unknown;
// cdktf's own resolve, as the module exports it (the fast path may be installed in front of it by other suites in this worker).
const module_ = require('cdktf/lib/tokens/private/resolve') as { resolve: Resolve };
const { DefaultTokenResolver, StringConcat } = require('cdktf/lib/tokens/resolvable') as {
  DefaultTokenResolver: new (concat: unknown) => unknown;
  StringConcat: new () => unknown;
};

const slow: Resolve = module_.resolve;
const fast = fastResolver(slow as never) as Resolve;
const stack = new TerraformStack(new App({ stackTraces: false }), 'stack');
const options = () => ({ scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()), prefix: [] });

/** Tokens of every encoding cdktf uses: strings, numbers, lists, maps, IResolvables. */
const tokens: fc.Arbitrary<unknown> = fc.constantFrom(
  Token.asString(Lazy.stringValue({ produce: () => 'lazy-string' })),
  `prefix-${Token.asString(Lazy.stringValue({ produce: () => 'inner' }))}-suffix`,
  Token.asNumber(Lazy.numberValue({ produce: () => 42 })),
  `port ${Token.asNumber(Lazy.numberValue({ produce: () => 8 }))}`,
  Token.asList(Lazy.listValue({ produce: () => ['a', 'b'] })),
  Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) })),
  Fn.lookup(Token.asAny({ a: 'b' }), 'a'),
  Lazy.anyValue({ produce: () => ({ nested: [1, 'two', { three: true }] }) }),
  '${azurerm_resource_group.rg.name}',
  '$${escaped}',
  'name-e2e 1e+5 e+ TfToken',
);
const plainValues = fc.oneof(
  fc.string(),
  fc.constantFrom('1e+5', 'x-e2e', '-1.5e+300', 'TfToken[', ''),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, plainValues, tokens, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('tags', 'e+1', 'ok_key')), tie('value'), { maxKeys: 5 }),
})).value;

describe('the fast resolve path', () => {
  it('gives what cdktf gives, for random values holding plain data and tokens of every kind (fixed seed)', () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(JSON.stringify(fast(value, options()))).toBe(JSON.stringify(slow(value, options())));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it('leaves to cdktf what it refuses (map token values in scalar context), so it throws as before', () => {
    for (const bad of ['String Map Token Value', -123456789]) expect(() => fast({ key: bad }, options())).toThrow();
  });

  it('treats a string as plain only without token markers and stringified token numbers', () => {
    expect(isPlainString('rg-relecloud-prd-dmlz')).toBe(true);
    expect(isPlainString(Token.asString(Lazy.stringValue({ produce: () => 'x' })))).toBe(false);
    expect(isPlainString(String(Token.asNumber(Lazy.numberValue({ produce: () => 1 }))))).toBe(false);
  });
});

describe('references remembered while a stack writes its Terraform', () => {
  const kinds = referenceKinds();
  /** The fast path with the memo, counting the strings it hands to cdktf. */
  function counting(): { resolve: Resolve; slowStrings: () => number } {
    let count = 0;
    const resolve = fastResolver(
      ((obj: unknown, o: Record<string, unknown>) => {
        if (typeof obj === 'string') count++;
        return slow(obj, o);
      }) as never,
      kinds,
    ) as Resolve;
    return { resolve, slowStrings: () => count };
  }

  it('recognizes cdktf 0.21 (a later cdktf whose references resolve otherwise turns the memo off, and fails here)', () => {
    expect(kinds).toBeDefined();
  });

  it('gives what cdktf gives, for random values holding references and tokens of every kind, resolved again and again (fixed seed)', () => {
    const { resolve } = counting();
    const reference = Token.asString(ref('azurerm_resource_group.rg.name', stack));
    const withReferences = fc.oneof(values, fc.constant(reference), fc.array(fc.oneof(values, fc.constant(reference)), { maxLength: 4 }));
    rememberingReferences(() =>
      fc.assert(
        fc.property(withReferences, (value) => {
          expect(JSON.stringify(resolve(value, options()))).toBe(JSON.stringify(slow(value, options())));
          expect(JSON.stringify(resolve(value, options()))).toBe(JSON.stringify(slow(value, options())));
        }),
        { numRuns: 300, seed: 20261207 },
      ),
    );
  });

  it('resolves a reference once per stack while it writes, and every other token each time', () => {
    const { resolve, slowStrings } = counting();
    const reference = Token.asString(ref('azurerm_resource_group.rg.name', stack));
    let produced = 0;
    const lazy = Token.asString(Lazy.stringValue({ produce: () => `lazy-${++produced}` }));
    const other = new TerraformStack(new App({ stackTraces: false }), 'other');
    rememberingReferences(() => {
      expect(resolve({ a: reference, b: [reference], c: lazy }, options())).toEqual({
        a: '${azurerm_resource_group.rg.name}',
        b: ['${azurerm_resource_group.rg.name}'],
        c: 'lazy-1',
      });
      expect(resolve({ a: reference, c: lazy }, options())).toEqual({ a: '${azurerm_resource_group.rg.name}', c: 'lazy-2' });
      // The reference once, the lazy value twice.
      expect(slowStrings()).toBe(3);
      // Another stack resolves it afresh; so does cdktf's prepare pass, and an enclosing token's context.
      resolve(reference, { ...options(), scope: other });
      resolve(reference, { ...options(), preparing: true });
      expect(slowStrings()).toBe(5);
    });
    // Outside a stack's writing nothing is remembered.
    resolve(reference, options());
    resolve(reference, options());
    expect(slowStrings()).toBe(7);
  });
});

describe('the memoized keysToSnakeCase', () => {
  const util = require('cdktf/lib/util') as { keysToSnakeCase: (object: unknown) => unknown };
  const isResolvable = (value: unknown) => Tokenization.isResolvable(value);
  /** The JSON of what `convert` returns, or the error it throws: both must behave alike. */
  const outcome = (convert: () => unknown) => {
    try {
      return JSON.stringify(convert());
    } catch (error) {
      return `throws ${(error as Error).constructor.name}`;
    }
  };
  const keys = fc.oneof(
    fc.string(),
    fc.constantFrom('tags', 'environment', 'resourceGroupName', 'privateDnsZoneIds', 'dependsOn', '__x', 'ABC', 'a1B2', '_lead', 'trail_'),
  );
  const snakeValues = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, plainValues, tokens, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
  })).object;

  it('converts keys exactly as cdktf does, on random nested objects (fixed seed)', () => {
    fc.assert(
      fc.property(snakeValues, (value) => {
        expect(outcome(() => keysToSnakeCase(value, isResolvable))).toBe(outcome(() => util.keysToSnakeCase(value)));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
