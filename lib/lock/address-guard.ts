import { DataStoreIdentity, identityChange } from './data-store-identity';
import { StackDigest, stackDigest } from './stack-digest';
import { parseStacks, readManifest, StackJson, unchangedStacks, WrittenDigests } from './written-stacks';

/** What one stack gains, loses and moves against the previous synth, as Terraform addresses. */
export interface StackAddressChanges {
  readonly stack: string;
  /** New addresses that no `moved` block leads to. */
  readonly added: readonly string[];
  /** Earlier addresses neither kept nor moved: Terraform would destroy them. */
  readonly removed: readonly string[];
  /** Earlier addresses the new stack's `moved` blocks carry to an address it has (renamed items). */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
  /**
   * Data stores kept or moved whose identifying arguments change (name, location, resource
   * group, parent): Terraform would replace them, which destroys the data as surely as removing them.
   */
  readonly replaced: readonly { readonly address: string; readonly change: string }[];
}

/** A data store the new synth would drop or replace: applying it would delete the data. */
export interface DataLoss {
  readonly stack: string;
  readonly address: string;
  /** Set when the store is replaced rather than removed: the argument that changes, `name "a" -> "b"`. */
  readonly replacedBy?: string;
}

/** Thrown before anything is written when the new synth would destroy, replace or move what the estate lock records, and that was not allowed. */
export class DataLossError extends Error {
  constructor(readonly losses: readonly DataLoss[]) {
    const replaced = losses.some((l) => l.replacedBy);
    super(
      `${losses.length} deployed data store${losses.length === 1 ? '' : 's'} or network${losses.length === 1 ? '' : 's'} recorded in the estate lock would be destroyed${replaced ? ' or replaced' : ''}:\n` +
        losses
          .map(
            (l) =>
              `  ${l.stack}: ${l.address}${l.replacedBy ? ` (replaced: ${l.replacedBy})` : ' (no longer in the stack, and its integration, product or zone is still in the estate)'}`,
          )
          .join('\n') +
        (replaced
          ? '\nA data store is replaced when its name, location, resource group or parent changes: these come from the estate name, environment, location, ' +
            "management subscription and each zone's name and shortName, so keep those as they are. A deployed network keeps the address space the lock records: remove the explicit addressSpace, or set it back."
          : '') +
        '\nIf an integration or product was renamed, declare it: `renamedFrom: <old name>` on the item keeps its Azure names and moves its Terraform addresses (docs/renames.md). ' +
        'Removing an integration, product or zone from the estate retires it and keeps its data (docs/retirement.md). ' +
        'If the loss is intended, run again with --allow-data-loss (or ALLOW_DATA_LOSS=1).',
    );
    this.name = 'DataLossError';
  }
}

/**
 * Per stack, the resource addresses added, removed, moved and replaced between two output
 * directories (none when there is no previous output). The new side may be given as the
 * stacks' digests, so the synth that just wrote them does not parse them again.
 */
export function addressChanges(previousOutdir: string, nextOutput: string | WrittenDigests, nextOutdir?: string): StackAddressChanges[] {
  // A stack written byte for byte as before changes nothing: its previous file is not parsed (`nextOutdir`: where the new one is).
  const unchanged = nextOutdir ? unchangedStacks(previousOutdir, nextOutdir) : new Set<string>();
  const previous = readAddresses(previousOutdir, unchanged);
  // A first synth has nothing to compare with: no changes, rather than every address "added".
  if (previous.size === 0 && unchanged.size === 0) return [];
  const next = typeof nextOutput === 'string' ? readAddresses(nextOutput) : writtenAddresses(nextOutput);
  const stacks = [...new Set([...previous.keys(), ...next.keys(), ...unchanged])].sort();
  return stacks.map((stack) => {
    if (unchanged.has(stack)) return { stack, added: [], removed: [], moved: [], replaced: [] };
    const before = previous.get(stack) ?? NO_ADDRESSES;
    const after = next.get(stack) ?? NO_ADDRESSES;
    const gone = [...before.addresses].filter((a) => !after.addresses.has(a));
    // An address a chain of `moved` blocks carries to a resource of the new stack is not lost.
    const moved = gone.map((from) => ({ from, to: landing(after, from) })).filter((m) => m.to !== m.from && after.addresses.has(m.to));
    const movedFrom = new Set(moved.map((m) => m.from));
    const movedTo = new Set(moved.map((m) => m.to));
    const replaced = [...before.identities].flatMap(([address, identity]) => {
      const to = landing(after, address);
      const next = after.identities.get(to);
      const change = next && identityChange(identity, next);
      return change ? [{ address: to, change }] : [];
    });
    return {
      stack,
      added: [...after.addresses].filter((a) => !before.addresses.has(a) && !movedTo.has(a)).sort(),
      removed: gone.filter((a) => !movedFrom.has(a)).sort(),
      moved: moved.sort((a, b) => a.from.localeCompare(b.from)),
      replaced: replaced.sort((a, b) => a.address.localeCompare(b.address)),
    };
  });
}

/** A stack's resource addresses, its `moved` blocks and its data stores' identities. */
export interface StackAddresses {
  readonly addresses: Set<string>;
  /** The stack's `moved` blocks, from to to. */
  readonly moves: Map<string, string>;
  /** What identifies each data store (data-store-identity.ts), by address. */
  readonly identities: Map<string, DataStoreIdentity>;
}

const NO_ADDRESSES: StackAddresses = { addresses: new Set(), moves: new Map(), identities: new Map() };

/** Where Terraform puts a resource found in state at `address`: the end of its chain of moves. */
export function landing(stack: Pick<StackAddresses, 'moves'>, address: string): string {
  let at = address;
  for (let hops = 0; stack.moves.has(at) && hops <= stack.moves.size; hops++) at = stack.moves.get(at)!;
  return at;
}

/**
 * Lenient, since a previous output may be missing or partial (a first synth, an interrupted
 * one); one stack at a time, since only its addresses are kept.
 */
function readAddresses(outdir: string, skipped: ReadonlySet<string> = new Set()): Map<string, StackAddresses> {
  const lenient = { lenient: true };
  const manifest = readManifest(outdir, lenient);
  const read = { stacks: Object.fromEntries(Object.entries(manifest.stacks).filter(([name]) => !skipped.has(name))) };
  const result = new Map<string, StackAddresses>();
  for (const [name, json] of parseStacks(outdir, read, lenient)) result.set(name, addressesOf(json));
  return result;
}

function writtenAddresses(written: WrittenDigests): Map<string, StackAddresses> {
  return new Map(Object.entries(written.digests).map(([name, digest]) => [name, digestAddresses(digest)]));
}

/** Each resource's `type.name`, and the addresses the stack's `moved` blocks take over. */
export function addressesOf(json: StackJson): StackAddresses {
  return digestAddresses(stackDigest(json));
}

/** addressesOf, from the stack's digest. */
export function digestAddresses(digest: StackDigest): StackAddresses {
  return { addresses: new Set(digest.addresses), moves: new Map(digest.moves), identities: new Map(digest.identities) };
}
