import { dataStoreIdentities, identityChange } from '../lib/lock/data-store-identity';

/** A stack with a resource group, a lake in it and a container in the lake, at the given addresses and names. */
const stack = (ids: { group: string; account: string; container: string }, names: { group: string; account: string; container: string }) => ({
  resource: {
    azurerm_resource_group: { [ids.group]: { name: names.group, location: 'westeurope' } },
    azurerm_storage_account: {
      [ids.account]: {
        name: names.account,
        location: '${azurerm_resource_group.' + ids.group + '.location}',
        resource_group_name: '${azurerm_resource_group.' + ids.group + '.name}',
      },
    },
    azurerm_storage_container: { [ids.container]: { name: names.container, storage_account_id: '${azurerm_storage_account.' + ids.account + '.id}' } },
  },
});
const IDS = { group: 'rg_1', account: 'lake_2', container: 'raw_3' };
const NAMES = { group: 'rg-a', account: 'lakea', container: 'raw' };
const containerOf = (json: ReturnType<typeof stack>, id: string) => dataStoreIdentities(json).get(`azurerm_storage_container.${id}`)!;

describe('data store identity', () => {
  it('resolves references through the stack: a renamed resource group shows on the container two levels down', () => {
    const before = containerOf(stack(IDS, NAMES), IDS.container);
    const after = containerOf(stack(IDS, { ...NAMES, group: 'rg-b' }), IDS.container);
    expect(identityChange(before, after)).toBe(
      'storage_account_id "azurerm_storage_account(name=lakea, location=westeurope, resource_group_name=rg-a)" -> "azurerm_storage_account(name=lakea, location=westeurope, resource_group_name=rg-b)"',
    );
  });

  it('ignores new addresses of the same resources (moved blocks): only names, places and parents count', () => {
    const moved = { group: 'rg_9', account: 'lake_8', container: 'raw_7' };
    expect(identityChange(containerOf(stack(IDS, NAMES), IDS.container), containerOf(stack(moved, NAMES), moved.container))).toBeUndefined();
  });

  it('keeps only data-bearing resources, and survives a reference cycle', () => {
    const cyclic = { resource: { azurerm_key_vault: { a: { name: '${azurerm_key_vault.b.name}' }, b: { name: '${azurerm_key_vault.a.name}' } } } };
    expect([...dataStoreIdentities(cyclic).keys()]).toEqual(['azurerm_key_vault.a', 'azurerm_key_vault.b']);
    expect([...dataStoreIdentities(stack(IDS, NAMES)).keys()]).toEqual([
      `azurerm_storage_account.${IDS.account}`,
      `azurerm_storage_container.${IDS.container}`,
    ]);
  });
});
