import { DATA_BEARING_TYPES } from '../contract/data-bearing';
import type { StackJson } from './written-stacks';

/**
 * What Azure identifies a data store by, as far as the synthesized JSON tells: arguments
 * that replace the resource when they change (its name, location and resource group, and
 * the parent it lives in). References to resources of the same stack are resolved to what
 * identifies those, so renaming a lake's resource group or account shows on its containers
 * too, while a reference that merely moved to a new address (a `moved` block) does not.
 */
const IDENTITY_ARGUMENTS = ['name', 'location', 'resource_group_name', 'storage_account_id', 'server_id', 'namespace_id', 'synapse_workspace_id'] as const;

/** A data store's identifying arguments, resolved: argument name to value. */
export type DataStoreIdentity = Readonly<Record<string, string>>;

/** The identity of every data-bearing resource of a stack, by address. */
export function dataStoreIdentities(json: StackJson): Map<string, DataStoreIdentity> {
  const resolver = new IdentityResolver(json);
  const identities = new Map<string, DataStoreIdentity>();
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    if (!DATA_BEARING_TYPES.has(type)) continue;
    for (const id of Object.keys(byId)) identities.set(`${type}.${id}`, resolver.identity(type, id));
  }
  return identities;
}

/** The first identifying argument that differs, as `argument "old" -> "new"`; undefined when none does. */
export function identityChange(before: DataStoreIdentity, after: DataStoreIdentity): string | undefined {
  for (const argument of IDENTITY_ARGUMENTS) {
    if (before[argument] !== after[argument]) return `${argument} ${show(before[argument])} -> ${show(after[argument])}`;
  }
  return undefined;
}

const show = (value: string | undefined) => (value === undefined ? 'unset' : JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value));

/** `${<type>.<id>.<attribute>}` of a managed resource (not `data.`), for its id or an identifying argument: the references resolved. */
const REFERENCE = /\$\{(azurerm_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(id|name|location|resource_group_name)\}/g;

class IdentityResolver {
  private readonly cache = new Map<string, DataStoreIdentity>();
  private readonly resolving = new Set<string>();

  constructor(private readonly json: StackJson) {}

  identity(type: string, id: string): DataStoreIdentity {
    const address = `${type}.${id}`;
    const cached = this.cache.get(address);
    if (cached) return cached;
    const config = this.json.resource?.[type]?.[id] ?? {};
    // A reference cycle cannot be deployed; stop it here rather than recurse forever.
    this.resolving.add(address);
    const identity: Record<string, string> = {};
    for (const argument of IDENTITY_ARGUMENTS) {
      const value = config[argument];
      if (value !== undefined) identity[argument] = this.resolve(typeof value === 'string' ? value : JSON.stringify(value));
    }
    this.resolving.delete(address);
    this.cache.set(address, identity);
    return identity;
  }

  private resolve(value: string): string {
    return value.replace(REFERENCE, (reference, type: string, id: string, attribute: string) => {
      if (!this.json.resource?.[type]?.[id] || this.resolving.has(`${type}.${id}`)) return reference;
      const target = this.identity(type, id);
      if (attribute !== 'id') return target[attribute] ?? reference;
      return `${type}(${IDENTITY_ARGUMENTS.filter((a) => target[a] !== undefined)
        .map((a) => `${a}=${target[a]}`)
        .join(', ')})`;
    });
  }
}
