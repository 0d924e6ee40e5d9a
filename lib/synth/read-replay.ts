import { deriveAgain, observeDerivedReads } from '../util/derived-reads';
import { derivedPayload, KEY_SEP, ReadTracker, utcDay, valueRepr } from './read-tracking';

/**
 * The other half of read-tracking.ts: what a synth reads besides the estate (environment
 * variables, today's date) recorded while a tracker is installed, and replaying recorded reads
 * against a new estate, environment and date.
 */

const SEP = '\x01';

/** What recorded reads are replayed against. */
export interface ReplayWorld {
  readonly estate: object;
  readonly env: NodeJS.ProcessEnv;
  /** `YYYY-MM-DD` (UTC). */
  readonly today: string;
}

/** Replays reads; tells whether every one reads the same now. Paths walked are remembered per world. */
export class ReadReplay {
  private readonly values = new Map<string, unknown>();
  /** Each read replayed so far (stacks share many: the estate's own fields, other zones' networks). */
  private readonly answers = new Map<string, boolean>();
  private readonly cuts = new Map<string, { parent: string; key: string } | undefined>();

  constructor(private readonly world: ReplayWorld) {
    this.values.set('', world.estate);
  }

  matches(reads: Iterable<string>): boolean {
    for (const read of reads) {
      let answer = this.answers.get(read);
      if (answer === undefined) this.answers.set(read, (answer = this.matchesOne(read)));
      if (!answer) return false;
    }
    return true;
  }

  private matchesOne(read: string): boolean {
    const end = read.indexOf(SEP);
    if (end < 1) return false;
    const [kind, path, payload] = [read[0], read.slice(1, end), read.slice(end + 1)];
    if (kind === 'e') {
      const name = parseKey(path);
      return typeof name === 'string' && valueRepr(this.world.env[name]) === payload;
    }
    if (kind === 't') return this.world.today === payload;
    if (kind === 'x') return this.derivedMatches(path, payload);
    if (kind === 'k') {
      const at = this.valueAt(path);
      return (
        typeof at === 'object' &&
        at !== null &&
        Reflect.ownKeys(at)
          .filter((k) => typeof k === 'string')
          .join(SEP) === payload
      );
    }
    const cut = this.cut(path);
    if (!cut) return false;
    const parent = this.valueAt(cut.parent);
    if (typeof parent !== 'object' || parent === null) return false;
    if (kind === 'g') return valueRepr(this.valueAt(path)) === payload;
    if (kind === 'h') return (cut.key in parent ? 'T' : 'F') === payload;
    if (kind === 'd') {
      const descriptor = Object.getOwnPropertyDescriptor(parent, cut.key);
      return (descriptor ? (descriptor.enumerable ? 'E' : 'N') : 'u') === payload;
    }
    return false;
  }

  /** A derived read: the same value, computed from the new estate. */
  private derivedMatches(path: string, payload: string): boolean {
    const call = parseKey(path);
    if (!Array.isArray(call) || !call.length || !call.every((part) => typeof part === 'string')) return false;
    const [name, ...args] = call as string[];
    const again = deriveAgain(name, this.world.estate, args);
    return again !== undefined && derivedPayload(again.value) === payload;
  }

  private valueAt(path: string): unknown {
    if (this.values.has(path)) return this.values.get(path);
    const cut = this.cut(path);
    let value: unknown;
    if (cut) {
      const parent = this.valueAt(cut.parent);
      value = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[cut.key] : undefined;
    }
    this.values.set(path, value);
    return value;
  }

  /** A path's parent path and last key. */
  private cut(path: string): { parent: string; key: string } | undefined {
    if (this.cuts.has(path)) return this.cuts.get(path);
    const at = path.lastIndexOf(KEY_SEP);
    const key = path ? parseKey(path.slice(at + 1)) : undefined;
    const cut = typeof key === 'string' ? { parent: at < 0 ? '' : path.slice(0, at), key } : undefined;
    this.cuts.set(path, cut);
    return cut;
  }
}

/** One key of a path (its JSON). */
function parseKey(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Records, in `tracker`, every environment variable read and every look at the clock until the
 * returned function restores them: `process.env` becomes a recording proxy, and `Date.now()` and
 * `new Date()` record today (UTC day: the stacks know days, exemption expiry, not times).
 */
export function trackEnvironment(tracker: ReadTracker): () => void {
  const env = process.env;
  const RealDate = Date;
  const today = () => tracker.record('t', '', utcDay(RealDate.now()));
  process.env = new Proxy(env, {
    get: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof key === 'string') tracker.record('e', JSON.stringify(key), valueRepr(value));
      return value;
    },
    has: (target, key) => {
      const value = Reflect.get(target, key) as unknown;
      if (typeof key === 'string') tracker.record('e', JSON.stringify(key), valueRepr(value));
      return Reflect.has(target, key);
    },
    ownKeys: (target) => (tracker.poison('environment variables listed'), Reflect.ownKeys(target)),
  });
  const TrackedDate: DateConstructor = new Proxy(RealDate, {
    construct: (target, args, newTarget): object => {
      if (!args.length) today();
      return Reflect.construct(target, args, newTarget === TrackedDate ? target : newTarget) as object;
    },
    apply: (target) => (today(), target()),
    get: (target, key) => (key === 'now' ? () => (today(), target.now()) : (Reflect.get(target, key) as unknown)),
  });
  globalThis.Date = TrackedDate;
  const observer = observeDerivedReads({
    unrecorded: (compute) => tracker.unrecorded(compute),
    record: (name, args, value) => tracker.derived(name, args, value),
  });
  return () => {
    process.env = env;
    globalThis.Date = RealDate;
    observeDerivedReads(observer);
  };
}
