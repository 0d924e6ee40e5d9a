/**
 * cdktf writes every stack with json-stable-stringify (sorted keys, `{ space: 2 }`), which goes
 * through call-bound array helpers for every key and value: 7% of a 100-zone synth. This is the
 * same algorithm, step for step (toJSON, undefined skipped in objects and `null` in arrays,
 * sorted keys, its own layout of empty containers, the cycle check), on plain JavaScript.
 * Other options than a space go to the original. Output is identical (property test).
 */
export type StableStringify = (obj: unknown, opts?: unknown) => string | undefined;

/** The options fastStableStringify handles itself: a space (number or string), nothing else. */
function spaceOf(opts: unknown): string | undefined {
  if (opts === undefined) return '';
  if (typeof opts !== 'object' || opts === null) return undefined;
  const keys = Object.keys(opts);
  if (keys.some((key) => key !== 'space')) return undefined;
  const space = (opts as { space?: unknown }).space;
  if (!space) return '';
  return typeof space === 'number' ? ' '.repeat(Math.max(0, space)) : typeof space === 'string' ? space : undefined;
}

/** json-stable-stringify with `original` for the options it does not handle. */
export function fastStableStringify(original: StableStringify): StableStringify {
  return (obj, opts) => {
    const space = spaceOf(opts);
    if (space === undefined) return original(obj, opts);
    return (/^ *$/.test(space) ? nativeWith(obj, space) : undefined) ?? stringifyWith(obj, space);
  };
}

/** sortedCopy's answer for data JSON.stringify would not write as json-stable-stringify does. */
const UNLIKE = Symbol('unlike');
/** Keys JavaScript orders first, as integers, whatever the order they were set in. */
const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * A copy of plain data with every object's keys set in sorted order, or UNLIKE where JSON.stringify
 * of the copy could differ from json-stable-stringify of the original: toJSON (called at other
 * times), functions, symbols and bigints, objects other than plain ones, keys JavaScript would
 * reorder (integer-like) or treat specially (`__proto__`), and cycles (the error to throw is the
 * original's).
 */
function sortedCopy(node: unknown, ancestors: Set<object>): unknown {
  if (typeof node !== 'object' || node === null) return typeof node === 'function' || typeof node === 'symbol' || typeof node === 'bigint' ? UNLIKE : node;
  if (typeof (node as { toJSON?: unknown }).toJSON === 'function' || ancestors.has(node)) return UNLIKE;
  ancestors.add(node);
  let copy: unknown[] | Record<string, unknown>;
  if (Array.isArray(node)) {
    copy = new Array<unknown>(node.length);
    for (let i = 0; i < node.length; i++) {
      const value = sortedCopy(node[i], ancestors);
      if (value === UNLIKE) return UNLIKE;
      copy[i] = value;
    }
  } else {
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) return UNLIKE;
    copy = {};
    for (const key of Object.keys(node).sort()) {
      if (key === '__proto__' || INTEGER_KEY.test(key)) return UNLIKE;
      const value = sortedCopy((node as Record<string, unknown>)[key], ancestors);
      if (value === UNLIKE) return UNLIKE;
      if (value !== undefined) copy[key] = value;
    }
  }
  ancestors.delete(node);
  return copy;
}

/** An empty container on a line of its own (after its key, if any) in JSON.stringify's indented output. */
const EMPTY_CONTAINER = /^( *)("(?:[^"\\\n]|\\.)*": )?(\{\}|\[\])(,?)$/gm;

/**
 * The same text from JavaScript's own JSON writer, several times faster than concatenating it
 * here: the data copied with sorted keys, written by JSON.stringify, and each empty container
 * laid out as json-stable-stringify lays it out (opened, then closed on a line of its own at its
 * indent). Undefined (stringifyWith writes it) when the data is not plain (sortedCopy).
 */
export function nativeWith(obj: unknown, space: string): string | undefined {
  const sorted = sortedCopy(obj, new Set());
  if (sorted === UNLIKE) return undefined;
  const text = JSON.stringify(sorted, null, space);
  if (!space || text === undefined) return text;
  return text.replace(
    EMPTY_CONTAINER,
    (_line, indent: string, key: string | undefined, pair: string, comma: string) => `${indent}${key ?? ''}${pair[0]}\n${indent}${pair[1]}${comma}`,
  );
}

/** The algorithm for one `space`; strings are built by concatenation, indents once per level. */
function stringifyWith(obj: unknown, space: string): string | undefined {
  const colon = space ? ': ' : ':';
  // indents[level]: the newline and indent a container at `level` closes with (`level + 1` for its items).
  const indents: string[] = [];
  const indentOf = (level: number) => (indents[level] ??= space ? `\n${space.repeat(level)}` : '');
  const seen: unknown[] = [];
  const write = (input: unknown, level: number): string | undefined => {
    let node = input;
    if (node && typeof (node as { toJSON?: unknown }).toJSON === 'function') node = (node as { toJSON(): unknown }).toJSON();
    if (node === undefined) return undefined;
    if (typeof node !== 'object' || node === null) return JSON.stringify(node);
    const indent = indentOf(level);
    const inner = indentOf(level + 1);
    if (Array.isArray(node)) {
      let out = '';
      for (let i = 0; i < node.length; i++) out += (i ? ',' : '') + inner + (write(node[i], level + 1) || 'null');
      return `[${out}${indent}]`;
    }
    if (seen.includes(node)) throw new TypeError('Converting circular structure to JSON');
    seen.push(node);
    let out = '';
    for (const key of Object.keys(node).sort()) {
      const value = write((node as Record<string, unknown>)[key], level + 1);
      if (value) out += (out ? ',' : '') + inner + JSON.stringify(key) + colon + value;
    }
    seen.splice(seen.indexOf(node), 1);
    return `{${out}${indent}}`;
  };
  return write(obj, 0);
}

/**
 * Makes cdktf load fastStableStringify wherever it requires json-stable-stringify. cdktf binds
 * the module when it loads, so this must run before cdktf is first required (main.ts does);
 * after that it changes nothing, and synth stays correct, only slower.
 */
export function preloadFastStableStringify(): void {
  const cdktf = require.resolve('cdktf');
  const file = require.resolve('json-stable-stringify', { paths: [cdktf] });
  const cache: Record<string, { exports: unknown } | undefined> = require.cache;
  if (cache[file] !== undefined) return;
  const original = require(file) as StableStringify;
  const loaded = cache[file] as { exports: unknown } | undefined;
  if (loaded) loaded.exports = fastStableStringify(original);
}
