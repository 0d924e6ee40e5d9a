import { DataStoreIdentity, dataStoreIdentities } from './data-store-identity';
import type { StackJson } from './written-stacks';

/**
 * What the readers after synth take from one written stack (its cdk.tf.json): the data-loss
 * guard, the estate lock, the address changes and the summary. A few kB of plain data instead
 * of the stack's JSON (100 kB to 1 MB), so the thread that wrote a stack, which has its JSON
 * parsed anyway for the rule pack, hands this to the main thread, and the stack cache keeps it
 * with the stack: nothing is parsed a second time after synth.
 */
export interface StackDigest {
  /** Resources, data sources and outputs, as counted in the summary. */
  readonly resources: number;
  readonly dataSources: number;
  readonly outputs: number;
  /** Provider configurations by provider: a provider's block is one, a list is one per element (aliases). */
  readonly providers: Readonly<Record<string, number>>;
  /** Each azurerm provider block's alias and subscription, where both are plain strings. */
  readonly azurermAliases: readonly (readonly [alias: string, subscriptionId: string])[];
  /** Each resource's `type.name`, in the JSON's order. */
  readonly addresses: readonly string[];
  /** The `moved` blocks, from to to. */
  readonly moves: readonly (readonly [from: string, to: string])[];
  /** The addresses of the `removed` blocks (resources Terraform forgets). */
  readonly removed: readonly string[];
  /** What identifies each data store (data-store-identity.ts), by address. */
  readonly identities: readonly (readonly [address: string, identity: DataStoreIdentity])[];
  /** Each resource group's id and, where they are plain strings, its name and location. */
  readonly resourceGroups: readonly { readonly id: string; readonly name?: string; readonly location?: string }[];
}

/** Provider configurations by provider: a provider's block is one configuration, or a list of them (aliases). */
function providerConfigurations(json: StackJson): Record<string, number> {
  const providers = (json.provider ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(providers).map(([name, blocks]) => [name, Array.isArray(blocks) ? blocks.length : 1]));
}

const count = (blocks: StackJson['resource']) => Object.values(blocks ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);

export function stackDigest(json: StackJson): StackDigest {
  const azurerm = (json.provider as Record<string, unknown> | undefined)?.azurerm;
  const azurermBlocks = (Array.isArray(azurerm) ? azurerm : azurerm ? [azurerm] : []) as Record<string, unknown>[];
  const removed = json.removed;
  return {
    resources: count(json.resource),
    dataSources: count(json.data),
    outputs: Object.keys(json.output ?? {}).length,
    providers: providerConfigurations(json),
    azurermAliases: azurermBlocks.flatMap((block) =>
      typeof block.alias === 'string' && typeof block.subscription_id === 'string' ? [[block.alias, block.subscription_id] as const] : [],
    ),
    addresses: Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((id) => `${type}.${id}`)),
    moves: (json.moved ?? []).map((m) => [m.from, m.to] as const),
    removed: Array.isArray(removed) ? removed.flatMap((r) => (typeof (r as { from?: unknown }).from === 'string' ? [(r as { from: string }).from] : [])) : [],
    identities: [...dataStoreIdentities(json)],
    resourceGroups: Object.entries(json.resource?.azurerm_resource_group ?? {}).map(([id, config]) => ({
      id,
      ...(typeof config.name === 'string' ? { name: config.name } : {}),
      ...(typeof config.location === 'string' ? { location: config.location } : {}),
    })),
  };
}

/** A digest that is what stackDigest returns, as far as its shape goes (one read back from the stack cache). */
export function isStackDigest(value: unknown): value is StackDigest {
  const d = value as Partial<Record<keyof StackDigest, unknown>> | null;
  const pairs = (list: unknown) => Array.isArray(list) && list.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string');
  return (
    typeof d === 'object' &&
    d !== null &&
    [d.resources, d.dataSources, d.outputs].every((n) => Number.isInteger(n)) &&
    typeof d.providers === 'object' &&
    d.providers !== null &&
    pairs(d.azurermAliases) &&
    Array.isArray(d.addresses) &&
    d.addresses.every((a) => typeof a === 'string') &&
    pairs(d.moves) &&
    Array.isArray(d.removed) &&
    d.removed.every((a) => typeof a === 'string') &&
    pairs(d.identities) &&
    Array.isArray(d.resourceGroups) &&
    d.resourceGroups.every((g) => typeof (g as { id?: unknown })?.id === 'string')
  );
}
