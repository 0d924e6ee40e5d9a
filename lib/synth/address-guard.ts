import { DATA_BEARING_TYPES } from '../contract/data-bearing';
import { parseStacks, readManifest, StackJson, WrittenStacks } from './written-stacks';

/** What one stack gains and loses against the previous synth, as Terraform addresses. */
export interface StackAddressChanges {
  readonly stack: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** A data store the new synth would drop: applying it would delete the data. */
export interface DataLoss {
  readonly stack: string;
  readonly address: string;
}

/** Thrown before anything is written when the new synth drops a data store and that was not allowed. */
export class DataLossError extends Error {
  constructor(readonly losses: readonly DataLoss[]) {
    super(
      `${losses.length} data store${losses.length === 1 ? '' : 's'} would be destroyed:\n` +
        losses.map((l) => `  ${l.stack}: ${l.address}`).join('\n') +
        '\nIf an integration or product was renamed, declare it: `renamedFrom: <old name>` on the item keeps its Azure names and moves its Terraform addresses (docs/renames.md). ' +
          'A landing zone cannot be renamed: its stack and state key are made from its name. ' +
          'If the loss is intended, run again with --allow-data-loss (or ALLOW_DATA_LOSS=1).',
    );
    this.name = 'DataLossError';
  }
}

/**
 * Per stack, the resource addresses added and removed between two output directories. The
 * new side may be given as already parsed stacks, so the synth that just wrote them does not
 * parse them again.
 */
export function addressChanges(previousOutdir: string, nextOutput: string | WrittenStacks): StackAddressChanges[] {
  const previous = readAddresses(previousOutdir);
  const next = typeof nextOutput === 'string' ? readAddresses(nextOutput) : writtenAddresses(nextOutput);
  const stacks = [...new Set([...previous.keys(), ...next.keys()])].sort();
  return stacks.map((stack) => {
    const before = previous.get(stack) ?? { addresses: new Set<string>(), movedFrom: new Set<string>() };
    const after = next.get(stack) ?? { addresses: new Set<string>(), movedFrom: new Set<string>() };
    return {
      stack,
      added: [...after.addresses].filter((a) => !before.addresses.has(a)).sort(),
      // An address a `moved` block of the new stack takes over is not lost.
      removed: [...before.addresses].filter((a) => !after.addresses.has(a) && !after.movedFrom.has(a)).sort(),
    };
  });
}

/** The removed addresses whose resource type holds data. */
export function dataLosses(changes: readonly StackAddressChanges[]): DataLoss[] {
  return changes.flatMap((c) => c.removed.filter((a) => DATA_BEARING_TYPES.has(a.split('.')[0])).map((address) => ({ stack: c.stack, address })));
}

interface StackAddresses {
  readonly addresses: Set<string>;
  readonly movedFrom: Set<string>;
}

/**
 * Lenient, since a previous output may be missing or partial (a first synth, an interrupted
 * one); one stack at a time, since only its addresses are kept.
 */
function readAddresses(outdir: string): Map<string, StackAddresses> {
  const lenient = { lenient: true };
  const result = new Map<string, StackAddresses>();
  for (const [name, json] of parseStacks(outdir, readManifest(outdir, lenient), lenient)) result.set(name, addressesOf(json));
  return result;
}

function writtenAddresses(written: WrittenStacks): Map<string, StackAddresses> {
  return new Map(Object.entries(written.stacks).map(([name, json]) => [name, addressesOf(json)]));
}

/** Each resource's `type.name`, and the addresses the stack's `moved` blocks take over. */
function addressesOf(json: StackJson): StackAddresses {
  const addresses = new Set<string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const id of Object.keys(byName)) addresses.add(`${type}.${id}`);
  return { addresses, movedFrom: new Set((json.moved ?? []).map((m) => m.from)) };
}
