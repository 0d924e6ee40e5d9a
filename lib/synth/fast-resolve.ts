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

/** The fast path over `slow` (cdktf's resolve); `path` is the key path so far, for the options cdktf gets. */
export function fastResolver(slow: Resolve): Resolve {
  const resolveAt = (obj: unknown, options: ResolveOptions, path: string[]): unknown => {
    switch (typeof obj) {
      case 'string':
        return isPlainString(obj) ? obj : slow(obj, { ...options, prefix: path.slice() });
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

let installed = false;

/** Puts the fast path in front of cdktf's resolve, for every later synth in this process (idempotent). */
export function installFastResolve(): void {
  if (installed) return;
  installed = true;
  // Callers read `resolve` from this module's exports at call time (compiled `(0, resolve_1.resolve)(...)`).
  const tokens = require('cdktf/lib/tokens/private/resolve') as { resolve: Resolve };
  tokens.resolve = fastResolver(tokens.resolve);
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
