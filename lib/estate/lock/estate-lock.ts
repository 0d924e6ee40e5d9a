import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'fs';
import * as path from 'path';
import { z } from 'zod';

/**
 * The estate lock (spec section 5): what must never change once deployed, kept beside the
 * estate file and committed with it, so every run (a fresh clone, CI) sees the same
 * allocations and the same data stores. It records, per zone in deployment order, its
 * address space, its items' subnets and every data store's Terraform address and Azure
 * identity (name, location, resource group, parent). Zones and items that left the estate
 * stay, marked retired: their data is kept in Azure, so their names and addresses stay taken.
 */
export interface EstateLock {
  readonly lockVersion: typeof LOCK_VERSION;
  readonly estate: string;
  readonly environment: string;
  /** The management zone first, then landing zones in the order they joined the estate. */
  readonly zones: readonly LockedZone[];
}

export interface LockedZone {
  /** `dmlz` or `dlz-<name>`: the stack and its state key. */
  readonly stack: string;
  readonly subscriptionId: string;
  readonly addressSpace: string;
  /** Set once the zone left the estate: its stack forgets its data stores (docs/retirement.md). */
  readonly retired?: true;
  /**
   * The management zone only, when it joined an enterprise hub (`connectivity.mode`); absent
   * for its own hub. Switching modes is a change the data-loss guard judges.
   */
  readonly connectivity?: 'existing-hub';
  /**
   * Landing zones with a peering stack (`peerings-<zone>`, topology peering): it holds the
   * zone's side of its peerings with later zones, and stays (empty, to tear them down) when
   * the zone retires or the estate leaves topology peering (lib/lock/peering-layout.ts).
   */
  readonly peeringStack?: true;
  /**
   * Its stack still holds, from before peering stacks, the other side of its peerings with
   * earlier zones: it forgets them, their peering stacks import them, until synth runs with
   * `--peerings-moved` (docs/topology.md).
   */
  readonly farSidesPending?: true;
  /** The stack's aliased azurerm providers (alias to subscription): a retired zone's stack needs them to tear down. */
  readonly providers: Readonly<Record<string, string>>;
  /** Landing zones: each data integration's and product's subnet, by item name. */
  readonly items: Readonly<Record<string, LockedItem>>;
  /** Every data store of the stack, and the resource groups holding them, by Terraform address. */
  readonly dataStores: Readonly<Record<string, LockedDataStore>>;
}

export interface LockedItem {
  readonly kind: 'integration' | 'product';
  readonly subnet: string;
  /** Set once the item left the estate; its subnet stays reserved and its name taken. */
  readonly retired?: true;
}

export interface LockedDataStore {
  /** The integration or product it belongs to; unset for the zone's own stores. */
  readonly owner?: string;
  /** Set once its owner left the estate: Terraform forgets it, Azure keeps it. */
  readonly retired?: true;
  /** What Azure identifies it by (lib/lock/data-store-identity.ts): argument to value. */
  readonly identity: Readonly<Record<string, string>>;
}

export const LOCK_VERSION = 1;

const NOTE = 'Written by npm run synth; commit it with the estate file. It keeps deployed addresses and names stable (docs/estate-lock.md).';

/** Thrown when a lock exists but cannot be used: never silently replaced. */
export class EstateLockError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'EstateLockError';
  }
}

/** `estates/relecloud.yaml` -> `estates/relecloud.lock.json`. */
export function estateLockPath(estatePath: string): string {
  const parsed = path.parse(estatePath);
  const base = /^\.(ya?ml|json)$/i.test(parsed.ext) ? parsed.name : parsed.base;
  return path.join(parsed.dir, `${base}.lock.json`);
}

const guid = z.string().regex(/^[0-9a-f-]{36}$/);
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
const zoneSchema = z.strictObject({
  stack: z.string().regex(/^(dmlz|dlz-[a-z][a-z0-9-]*)$/),
  subscriptionId: guid,
  addressSpace: cidr,
  retired: z.literal(true).optional(),
  connectivity: z.literal('existing-hub').optional(),
  peeringStack: z.literal(true).optional(),
  farSidesPending: z.literal(true).optional(),
  providers: z.record(z.string(), guid),
  items: z.record(z.string(), z.strictObject({ kind: z.enum(['integration', 'product']), subnet: cidr, retired: z.literal(true).optional() })),
  dataStores: z.record(
    z.string().regex(/^azurerm_[a-z0-9_]+\.[A-Za-z0-9_-]+$/),
    z.strictObject({ owner: z.string().optional(), retired: z.literal(true).optional(), identity: z.record(z.string(), z.string()) }),
  ),
});
const topLevel = {
  '//': z.string().optional(),
  lockVersion: z.literal(LOCK_VERSION),
  estate: z.string().min(1),
  environment: z.string().min(1),
};
const lockSchema = z.strictObject({ ...topLevel, zones: z.array(zoneSchema) });
/** The lock's schema but its zones' entries (isSchemaValid). */
const lockShellSchema = z.strictObject({ ...topLevel, zones: z.array(z.unknown()) });

export interface LockReadOptions {
  /**
   * Whether `text` is known to pass the lock's schema (lib/synth/known-locks.ts: a lock
   * this code version wrote): it is then parsed without the schema, the checks after it still run.
   * @default none known
   */
  readonly known?: (text: string) => boolean;
}

/**
 * Whether `lock` passes the schema readEstateLock checks, when the zones named in `valid` are
 * known to (deep-equal to those of a lock that did): only the other zones are checked.
 */
export function isSchemaValid(lock: EstateLock, valid: ReadonlySet<string>): boolean {
  return lockShellSchema.safeParse(lock).success && lock.zones.every((zone) => valid.has(zone.stack) || zoneSchema.safeParse(zone).success);
}

/** The lock beside the estate, or undefined when there is none yet (a first synth creates it). */
export function readEstateLock(file: string, options: LockReadOptions = {}): EstateLock | undefined {
  if (!existsSync(file)) return undefined;
  const recover = `restore it from version control (git checkout -- ${file}); deleting it would let the next synth move deployed networks`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EstateLockError(file, `cannot be read (${(e as Error).message}); ${recover}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EstateLockError(file, `is not valid JSON (${(e as Error).message}); ${recover}`);
  }
  const parsed = options.known?.(text) ? { success: true as const, data: json as z.infer<typeof lockSchema> } : lockSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new EstateLockError(file, `is not an estate lock of version ${LOCK_VERSION} (${at || 'top level'}: ${issue.message}); ${recover}`);
  }
  const { '//': _note, ...lock } = parsed.data;
  const stacks = new Set<string>();
  for (const zone of lock.zones) {
    if (stacks.has(zone.stack)) throw new EstateLockError(file, `lists stack ${zone.stack} twice; ${recover}`);
    stacks.add(zone.stack);
  }
  if (lock.zones[0]?.stack !== 'dmlz') throw new EstateLockError(file, `must list the management zone (dmlz) first; ${recover}`);
  return lock as EstateLock;
}

/** The lock must be this estate's: a lock is never shared, and never silently replaced. */
export function checkLockBelongsTo(lock: EstateLock, file: string, estate: { readonly estate: string; readonly environment: string }): void {
  if (lock.estate === estate.estate && lock.environment === estate.environment) return;
  throw new EstateLockError(
    file,
    `belongs to estate "${lock.estate}" (${lock.environment}), not to "${estate.estate}" (${estate.environment}). Every estate file has its own lock beside it, named after it. ` +
      'If this estate file was copied from another, delete the copied lock (a new one is created). If you changed the estate name or environment, note that every Azure name ' +
      'is made from them: the deployed estate cannot follow; put them back.',
  );
}

/** Stable text: keys sorted, one entry per line, so a lock diff in review shows exactly what changed. */
export function serializeEstateLock(lock: EstateLock): string {
  return `${JSON.stringify({ '//': NOTE, ...lock }, sortedKeys, 2)}\n`;
}

function sortedKeys(this: unknown, key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  // The top level and zones keep their field order (readable); maps are sorted.
  if (key === '' || /^\d+$/.test(key)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}

/** Replaces the lock in one rename, so a crash leaves the old lock or the new one, never half of one. */
export function writeEstateLock(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new EstateLockError(file, `cannot be written (${(e as Error).message}); nothing else was changed`);
  }
}
