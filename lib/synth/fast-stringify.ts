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
    return stringifyWith(obj, space);
  };
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

/** Defined (true) only in the compiled app's bundle, where json-stable-stringify is aliased to stable-stringify-bundled.ts (scripts/run-synth.cjs). */
declare const CSA_STABLE_STRINGIFY_BUNDLED: boolean | undefined;

/**
 * Makes cdktf load fastStableStringify wherever it requires json-stable-stringify. cdktf binds
 * the module when it loads, so this must run before cdktf is first required (main.ts does);
 * after that it changes nothing, and synth stays correct, only slower.
 */
export function preloadFastStableStringify(): void {
  // The compiled app's bundle gives cdktf the fast version already (stable-stringify-bundled.ts);
  // resolving and loading the original from node_modules here would only cost it about 20 ms.
  if (typeof CSA_STABLE_STRINGIFY_BUNDLED === 'boolean') return;
  const cdktf = require.resolve('cdktf');
  const file = require.resolve('json-stable-stringify', { paths: [cdktf] });
  const cache: Record<string, { exports: unknown } | undefined> = require.cache;
  if (cache[file] !== undefined) return;
  const original = require(file) as StableStringify;
  const loaded = cache[file] as { exports: unknown } | undefined;
  if (loaded) loaded.exports = fastStableStringify(original);
}
