/**
 * What each stack reads (issue 19, the stack cache: stack-cache.ts). The resolved estate reaches
 * the stacks through a recording Proxy: every read made while a stack is built or written is
 * recorded against that stack, as (path, value) for a leaf, the key list for `Object.keys`, and
 * so on; what is read outside any stack's window is recorded as unattributed, which the cache
 * makes part of every stack's key. Environment variables and today's date are recorded too.
 * Replaying the reads against another estate (replayReads) tells whether the stack would read
 * exactly the same; if so it writes the same.
 *
 * A read is a string `<kind><path>\x01<payload>`: the kind is one letter, the path the JSON of each
 * key, joined by \x02 (JSON escapes control characters, so the first \x01 ends it); kinds: `g`
 * get (payload: the value's kind and, for a primitive, the value), `k` own keys, `h` `in`, `d` own
 * property (exists and enumerable), `e` an environment variable (path: its name), `t` today,
 * `x` a derived read (lib/util/derived-reads.ts; path: the JSON of its name and arguments,
 * payload: the JSON of its value).
 * Anything the proxy cannot vouch for (a write to the model, a Map or class instance in it)
 * poisons the window: its stack is not cached.
 */

const SEP = '\x01';
/** Between the keys of a path. */
export const KEY_SEP = '\x02';
/** Stack name under which what no stack's window covers is recorded. */
export const UNATTRIBUTED = '';
/** More paths than this to one object, and its reads are not worth tracking: poison. */
const MAX_PATHS = 16;

interface Node {
  readonly target: object;
  readonly paths: string[];
}

/** A value as a read records it: its kind, and a primitive's value. */
export function valueRepr(value: unknown): string {
  if (value === null) return 'z';
  switch (typeof value) {
    case 'undefined':
      return 'u';
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'function':
      return 'f';
    case 'object':
      return Array.isArray(value) ? 'A' : plainObject(value) ? 'O' : 'X';
    default:
      return `?${typeof value}`;
  }
}

function plainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function trackable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? Object.getPrototypeOf(value) === Array.prototype : plainObject(value));
}

/** Today (UTC) as the date read records it. */
export function utcDay(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

export class ReadTracker {
  /** Reads per stack name; UNATTRIBUTED for those outside every window. */
  readonly reads = new Map<string, Set<string>>();
  /** Stacks whose reads cannot be trusted (UNATTRIBUTED: none of this tracker's stacks). */
  readonly poisoned = new Map<string, string>();
  private current = UNATTRIBUTED;
  private paused = 0;
  private readonly proxies = new WeakMap<object, object>();
  private readonly nodes = new WeakMap<object, Node>();
  private readonly raw = new WeakMap<object, object>();

  /** The estate (or any plain data) as its stacks see it: every read recorded. */
  root<T extends object>(value: T): T {
    return this.proxyOf(value, '') as T;
  }

  /** Reads from now on are `stack`'s (UNATTRIBUTED: no stack's). */
  enter(stack: string): void {
    this.current = stack;
  }

  /** Runs `run` in `stack`'s window, then returns to the window before. */
  within<T>(stack: string, run: () => T): T {
    const before = this.current;
    this.current = stack;
    try {
      return run();
    } finally {
      this.current = before;
    }
  }

  /** Runs `run` recording nothing (to copy results out of the model). */
  unrecorded<T>(run: () => T): T {
    this.paused++;
    try {
      return run();
    } finally {
      this.paused--;
    }
  }

  readsOf(stack: string): string[] {
    return [...(this.reads.get(stack) ?? [])];
  }

  record(kind: string, path: string, payload: string): void {
    if (this.paused) return;
    let set = this.reads.get(this.current);
    if (!set) this.reads.set(this.current, (set = new Set()));
    set.add(`${kind}${path}${SEP}${payload}`);
  }

  /** A derived read (lib/util/derived-reads.ts) in the current window. */
  derived(name: string, args: readonly string[], value: unknown): void {
    this.record('x', JSON.stringify([name, ...args]), derivedPayload(value));
  }

  poison(reason: string): void {
    if (this.paused) return;
    if (!this.poisoned.has(this.current)) this.poisoned.set(this.current, reason);
  }

  /** The model object behind a proxy (or the value itself). */
  unwrap<T>(value: T): T {
    return (typeof value === 'object' && value !== null ? (this.raw.get(value) ?? value) : value) as T;
  }

  private proxyOf(target: object, path: string): object {
    let proxy = this.proxies.get(target);
    if (!proxy) {
      const node: Node = { target, paths: [path] };
      proxy = new Proxy(target, this.handler(node));
      this.proxies.set(target, proxy);
      this.nodes.set(target, node);
      this.raw.set(proxy, target);
    } else {
      const node = this.nodes.get(target)!;
      if (!node.paths.includes(path)) {
        node.paths.push(path);
        if (node.paths.length > MAX_PATHS) this.poison(`an object reached through more than ${MAX_PATHS} paths`);
      }
    }
    return proxy;
  }

  private each(node: Node, kind: string, key: string | undefined, payload: string): void {
    const suffix = key === undefined ? '' : JSON.stringify(key);
    for (const path of node.paths) this.record(kind, key === undefined ? path : path ? `${path}${KEY_SEP}${suffix}` : suffix, payload);
  }

  private handler(node: Node): ProxyHandler<object> {
    // A write changes what every later reader sees, whatever its window: nothing of this tracker is cached.
    const write = (what: string) => (
      this.poison(`${what} on the estate model`),
      this.within(UNATTRIBUTED, () => this.poison(`${what} on the estate model`)),
      true
    );
    return {
      get: (target, key) => {
        const value = (target as Record<PropertyKey, unknown>)[key];
        if (typeof key === 'symbol') return value;
        this.each(node, 'g', key, valueRepr(value));
        if (typeof value === 'object' && value !== null && !trackable(value))
          this.poison(`a ${(value as object).constructor?.name ?? 'non-plain'} object in the estate model`);
        if (!trackable(value) || this.paused) return value;
        return this.descend(node, key, value);
      },
      ownKeys: (target) => {
        const keys = Reflect.ownKeys(target);
        this.each(node, 'k', undefined, keys.filter((k) => typeof k === 'string').join(SEP));
        return keys;
      },
      has: (target, key) => {
        const has = Reflect.has(target, key);
        if (typeof key === 'string') this.each(node, 'h', key, has ? 'T' : 'F');
        return has;
      },
      getOwnPropertyDescriptor: (target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        if (typeof key === 'string') this.each(node, 'd', key, descriptorRepr(descriptor));
        return descriptor;
      },
      set: (target, key, value) => (Reflect.set(target, key, value), write('a write')),
      defineProperty: (target, key, descriptor) => (Reflect.defineProperty(target, key, descriptor), write('a property definition')),
      deleteProperty: (target, key) => (Reflect.deleteProperty(target, key), write('a delete')),
      setPrototypeOf: (target, proto) => (Reflect.setPrototypeOf(target, proto), write('a prototype change')),
      preventExtensions: (target) => (this.poison('preventExtensions on the estate model'), Reflect.preventExtensions(target)),
    };
  }

  private descend(node: Node, key: string, value: object): object {
    let result: object | undefined;
    for (const path of node.paths) result = this.proxyOf(value, path ? `${path}${KEY_SEP}${JSON.stringify(key)}` : JSON.stringify(key));
    return result!;
  }
}

/** A derived read's value as recorded. */
export function derivedPayload(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function descriptorRepr(descriptor: PropertyDescriptor | undefined): string {
  return descriptor ? (descriptor.enumerable ? 'E' : 'N') : 'u';
}
