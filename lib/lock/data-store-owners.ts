import { LandingZone } from '../estate/model';
import { DataStoreIdentity } from './data-store-identity';

/**
 * Which integration or product a data store of a landing zone belongs to, from the names the
 * zone's model made: an item's containers (`di-<item>` in the raw and enriched lakes,
 * `dp-<item>` in the workspace lake) and everything in its own resource group. The rest is
 * the zone's. Retiring an item forgets exactly what belongs to it (docs/retirement.md).
 */
export function dataStoreOwner(zone: LandingZone | undefined, type: string, identity: DataStoreIdentity): string | undefined {
  if (!zone) return undefined;
  const { containers, integrationResourceGroups, productResourceGroups } = zone.names;
  const byName = (names: Readonly<Record<string, string>>, value: string | undefined) =>
    value === undefined ? undefined : Object.keys(names).find((item) => names[item] === value);
  if (type === 'azurerm_storage_container' || type === 'azurerm_storage_data_lake_gen2_filesystem') {
    return byName(containers.integrations, identity.name) ?? byName(containers.products, identity.name);
  }
  const group = type === 'azurerm_resource_group' ? identity.name : (identity.resource_group_name ?? parentResourceGroup(identity));
  return byName(integrationResourceGroups, group) ?? byName(productResourceGroups, group);
}

/** A child (a database, an event hub) names no resource group: its parent's, as data-store-identity.ts resolves it. */
function parentResourceGroup(identity: DataStoreIdentity): string | undefined {
  for (const value of Object.values(identity)) {
    const match = /resource_group_name=([^,)]+)/.exec(value);
    if (match) return match[1];
  }
  return undefined;
}
