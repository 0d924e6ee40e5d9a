/**
 * Values the stacks derive from the whole estate (which zone holds which input grant, which
 * zones publish serving endpoints), as the stack cache sees them (lib/synth/read-tracking.ts).
 * Computing one reads every zone, so recording those reads would tie each stack to every zone:
 * an edit anywhere would rebuild all of them. Through `derivedRead`, a stack's record holds the
 * value it was given instead, and the cache compares that value, computed again from the new
 * estate, with the one recorded.
 *
 * Every function that derives from the whole estate and remembers its result per estate (a memo:
 * the first stack to ask would be the only one to record the reads) must be a derived read.
 * Its value must be plain JSON data, the same for the same estate.
 */

/** What the stack cache installs while it records reads. */
export interface DerivedReadObserver {
  /** Runs `compute` without recording the estate reads it makes. */
  unrecorded<T>(compute: () => T): T;
  /** Records that the current stack was given `value` by `name(estate, ...args)`. */
  record(name: string, args: readonly string[], value: unknown): void;
}

type Derivation = (estate: object, ...args: string[]) => unknown;

const registry = new Map<string, Derivation>();
let observer: DerivedReadObserver | undefined;

/** `compute`, registered under `name` (unique), and recorded as one read whenever a stack calls it. */
export function derivedRead<E extends object, A extends string[], R>(name: string, compute: (estate: E, ...args: A) => R): (estate: E, ...args: A) => R {
  if (registry.has(name)) throw new Error(`derived read "${name}" is defined twice`);
  registry.set(name, compute as unknown as Derivation);
  return (estate, ...args) => {
    const watching = observer;
    if (!watching) return compute(estate, ...args);
    const value = watching.unrecorded(() => compute(estate, ...args));
    watching.record(name, args, value);
    return value;
  };
}

/** Installs (or with undefined removes) the observer; returns the one it replaces. */
export function observeDerivedReads(next: DerivedReadObserver | undefined): DerivedReadObserver | undefined {
  const previous = observer;
  observer = next;
  return previous;
}

/** `name(estate, ...args)` computed afresh, as its recorded value is compared; undefined for an unknown name. */
export function deriveAgain(name: string, estate: object, args: readonly string[]): { readonly value: unknown } | undefined {
  const compute = registry.get(name);
  return compute ? { value: compute(estate, ...args) } : undefined;
}
