/**
 * cdktf resolves every value of every resource through one generic recursion that builds two
 * closures and a context object per key and runs four regular expressions per string, tokens
 * or not; at 100 landing zones that is most of synth. Almost all of a stack is plain data
 * (names, flags, numbers), which resolves to itself. `installFastResolve` puts a fast path in
 * front of cdktf's resolve: plain strings, numbers, booleans, arrays and objects are copied as
 * cdktf would copy them (undefined values and array elements dropped), and anything that is or
 * may hold a token (an encoded token string or number, a map-token key, an IResolvable, any
 * object that is not a plain object) goes to cdktf's own resolve, with the same options and
 * path. The output is byte-identical (tested on random values and whole estates).
 */

/** cdktf's resolve options, as far as the fast path reads them. */
interface ResolveOptions {
  readonly prefix?: readonly string[];
  readonly preparing?: boolean;
  readonly previousContext?: unknown;
  readonly scope?: unknown;
  readonly resolver?: unknown;
  readonly [key: string]: unknown;
}
type Resolve = (obj: unknown, options: ResolveOptions) => unknown;

/** Values cdktf refuses in a scalar context: they take its path, which throws as before. */
const MAP_TOKEN_STRINGS = new Set(['String Map Token Value', 'Any Map Token Value']);
const NUMBER_MAP_TOKEN = -123456789;
/** Encoded token numbers are doubles below -2^960 (about -1e288); every real number is above this. */
const TOKEN_NUMBER_BELOW = -1e280;

/**
 * A string cdktf returns unchanged: no token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) and
 * no stringified token number (those print as `-9.7...e+288`, so they hold `e+`).
 */
export function isPlainString(value: string): boolean {
  return !value.includes('TfToken[') && !value.includes('e+') && !MAP_TOKEN_STRINGS.has(value);
}

function isPlainNumber(value: number): boolean {
  return (value > TOKEN_NUMBER_BELOW || Number.isNaN(value)) && value !== NUMBER_MAP_TOKEN;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { resolve?: unknown }).resolve !== 'function';
}

/**
 * Objects known to be cdktf's resolve output, during `resolvingResolved` only: resolve gives such
 * an object back as it is (resolving resolved data changes nothing), instead of copying it again.
 */
let resolvedTrees: WeakSet<object> | undefined;

/** Runs `resolve` with `trees` (resolve's own, untouched, output) taken as resolved (lib/synth/fast-stack.ts). */
export function resolvingResolved<T>(trees: WeakSet<object>, resolve: () => T): T {
  resolvedTrees = trees;
  try {
    return resolve();
  } finally {
    resolvedTrees = undefined;
  }
}

/** A string that is one string token and nothing else; group 1 is the token's key in cdktf's token map. */
const SINGLE_TOKEN = /^\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}$/;

/**
 * What the fast path needs to remember references: cdktf's token map lookup, the class of a
 * plain reference (`${azurerm_x.y.name}`, what nearly every token string in a stack is) and the
 * resolver class whose resolution of it is a pure function of the reference and the stack.
 */
export interface ReferenceKinds {
  lookupToken(key: string): unknown;
  readonly Reference: abstract new (...args: never[]) => unknown;
  readonly DefaultTokenResolver: abstract new (...args: never[]) => unknown;
}

/** Per scope, the reference texts remembered while a stack writes its Terraform (rememberingReferences). */
let remembered: Map<object, Map<string, string>> | undefined;

/**
 * Runs `write` (a stack's toTerraform, lib/synth/fast-stack.ts) with reference strings remembered
 * (referenceMemo). By then cdktf's prepare pass, the only step that changes what a reference
 * resolves to (its cross-stack identifiers), is over; what is remembered is dropped at the end.
 */
export function rememberingReferences<T>(write: () => T): T {
  const outer = remembered;
  remembered = new Map();
  try {
    return write();
  } finally {
    remembered = outer;
  }
}

/**
 * A stack resolves the same few hundred reference strings thousands of times (every resource's
 * resource group, location, subnet). Once cdktf's prepare pass is over, a reference resolves to a
 * text fixed by its identifier and the stack, so while a stack writes its Terraform the first
 * resolution is kept, for a string holding exactly that token and nothing else, resolved from
 * the top (no enclosing token's context) by cdktf's default resolver. Every other token (lazy
 * values, function calls, property access) resolves each time.
 */
function referenceMemo(kinds: ReferenceKinds | undefined, slow: Resolve): ((str: string, options: ResolveOptions, path: string[]) => unknown) | undefined {
  if (!kinds) return undefined;
  /** The scope's remembered texts, when `options` resolve from the top, outside prepare, with the default resolver. */
  const textsFor = (options: ResolveOptions): Map<string, string> | undefined => {
    const { scope, resolver } = options;
    const perScope = remembered;
    if (!perScope || options.preparing || options.previousContext !== undefined || typeof scope !== 'object' || scope === null) return undefined;
    if (typeof resolver !== 'object' || resolver === null || Object.getPrototypeOf(resolver) !== kinds.DefaultTokenResolver.prototype) return undefined;
    let texts = perScope.get(scope);
    if (!texts) perScope.set(scope, (texts = new Map()));
    return texts;
  };
  const isReference = (str: string): boolean => {
    const key = SINGLE_TOKEN.exec(str)?.[1];
    const token = key === undefined ? undefined : kinds.lookupToken(key);
    return typeof token === 'object' && token !== null && Object.getPrototypeOf(token) === kinds.Reference.prototype;
  };
  return (str, options, path) => {
    const texts = textsFor(options);
    const known = texts?.get(str);
    if (known !== undefined) return known;
    const resolved = slow(str, { ...options, prefix: path.slice() });
    if (texts && typeof resolved === 'string' && isReference(str)) texts.set(str, resolved);
    return resolved;
  };
}

/**
 * The fast path over `slow` (cdktf's resolve); `path` is the key path so far, for the options
 * cdktf gets. With `kinds`, reference strings are remembered per stack (referenceMemo).
 */
export function fastResolver(slow: Resolve, kinds?: ReferenceKinds): Resolve {
  const tokenString = referenceMemo(kinds, slow) ?? ((str: string, options: ResolveOptions, path: string[]) => slow(str, { ...options, prefix: path.slice() }));
  const resolveAt = (obj: unknown, options: ResolveOptions, path: string[]): unknown => {
    switch (typeof obj) {
      case 'string':
        return isPlainString(obj) ? obj : tokenString(obj, options, path);
      case 'number':
        return isPlainNumber(obj) ? obj : slow(obj, { ...options, prefix: path.slice() });
      case 'boolean':
      case 'undefined':
      case 'bigint':
      case 'symbol':
        return obj;
      case 'object':
        if (obj === null) return null;
        return Array.isArray(obj) ? resolveArray(obj, options, path) : resolveObject(obj, options, path);
      default:
        return slow(obj, { ...options, prefix: path.slice() });
    }
  };
  const resolveArray = (array: unknown[], options: ResolveOptions, path: string[]): unknown => {
    // A list token element (`#{TfToken[...]}` or a list token number) makes cdktf resolve the list as one.
    if (array.some((x) => (typeof x === 'string' && x.includes('TfToken[')) || (typeof x === 'number' && !isPlainNumber(x))))
      return slow(array, { ...options, prefix: path.slice() });
    const out: unknown[] = [];
    for (let i = 0; i < array.length; i++) {
      path.push(`${i}`);
      const value = resolveAt(array[i], options, path);
      path.pop();
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const resolveObject = (obj: object, options: ResolveOptions, path: string[]): unknown => {
    if (resolvedTrees?.has(obj)) return obj;
    if (!isPlainObject(obj) || Object.keys(obj).some((key) => !isPlainString(key))) return slow(obj, { ...options, prefix: path.slice() });
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      path.push(key);
      const value = resolveAt(obj[key], options, path);
      path.pop();
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  return (obj, options) => resolveAt(obj, options, [...(options.prefix ?? [])]);
}

/**
 * cdktf's classes for referenceMemo; undefined (no memo) if they are not what it expects, as a
 * later cdktf might make them: the reference class is not exported, so it is read off `ref()`.
 */
export function referenceKinds(): ReferenceKinds | undefined {
  const { ref } = require('cdktf/lib/tfExpression') as { ref?: (identifier: string) => object };
  const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap?: { instance(): { lookupToken(key: string): unknown } } };
  const { DefaultTokenResolver } = require('cdktf/lib/tokens/resolvable') as { DefaultTokenResolver?: ReferenceKinds['DefaultTokenResolver'] };
  if (typeof ref !== 'function' || typeof TokenMap?.instance !== 'function' || typeof DefaultTokenResolver !== 'function') return undefined;
  const Reference = Object.getPrototypeOf(ref('memo_probe')).constructor as ReferenceKinds['Reference'];
  const source = String(Reference.prototype && (Reference.prototype as { resolve?: unknown }).resolve);
  // The resolution this memo relies on: cross-stack identifiers set while preparing only, and the text from the identifier.
  if (!/if \(context\.preparing\)/.test(source) || !/suppressBraces \? this\.identifier : `\\\$\{\$\{this\.identifier\}\}`/.test(source)) return undefined;
  const tokenMap = TokenMap.instance();
  return { lookupToken: (key) => tokenMap.lookupToken(key), Reference, DefaultTokenResolver };
}

let installed = false;

/** Puts the fast path in front of cdktf's resolve, for every later synth in this process (idempotent). */
export function installFastResolve(): void {
  if (installed) return;
  installed = true;
  // Callers read `resolve` from this module's exports at call time (compiled `(0, resolve_1.resolve)(...)`).
  const tokens = require('cdktf/lib/tokens/private/resolve') as { resolve: Resolve };
  tokens.resolve = fastResolver(tokens.resolve, referenceKinds());
}

/** cdktf's snake_case of an attribute name (lib/util.js `snakeCase`), memoized: a stack repeats a few hundred names thousands of times. */
const snakeCases = new Map<string, string>();
function snakeCase(key: string): string {
  let snake = snakeCases.get(key);
  if (snake === undefined) {
    snake = key
      ? String(key)
          .replace(/^[^A-Za-z0-9]*|[^A-Za-z0-9]*$/g, '')
          .replace(/([a-z0-9])([A-Z])/g, (_m, a: string, b: string) => a + '_' + b.toLowerCase())
          .replace(/[^A-Za-z0-9]+|_+/g, '_')
          .toLowerCase()
      : '';
    snakeCases.set(key, snake);
  }
  return snake;
}

/** cdktf's `keysToSnakeCase` (lib/util.js), step for step, with the memoized snake_case. */
export function keysToSnakeCase(object: unknown, isResolvable: (value: unknown) => boolean): unknown {
  if (isResolvable(object)) return object;
  const convert = (e: unknown) => (typeof e === 'object' ? keysToSnakeCase(e, isResolvable) : e);
  if (Array.isArray(object)) return object.map(convert);
  const source = object as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === 'tags' || key === 'environment') {
      out[key] = source[key];
      continue;
    }
    let value = source[key];
    if (typeof value === 'object') value = keysToSnakeCase(value, isResolvable);
    if (Array.isArray(value)) value = value.map(convert);
    out[snakeCase(key)] = value;
  }
  return out;
}

let snakeCaseInstalled = false;

/** Puts the memoized `keysToSnakeCase` in place of cdktf's (its callers read it from the module's exports at call time). */
export function installFastSnakeCase(): void {
  if (snakeCaseInstalled) return;
  snakeCaseInstalled = true;
  const util = require('cdktf/lib/util') as { keysToSnakeCase: (object: unknown) => unknown };
  const { Tokenization } = require('cdktf') as { Tokenization: { isResolvable(value: unknown): boolean } };
  util.keysToSnakeCase = (object) => keysToSnakeCase(object, (value) => Tokenization.isResolvable(value));
}
