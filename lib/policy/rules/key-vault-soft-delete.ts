import { ResourceRule, verdict } from '../rule';

/** Azure's minimum; the estate's vaults keep 90 days. */
export const MIN_KEY_VAULT_SOFT_DELETE_DAYS = 7;

export const keyVaultSoftDelete: ResourceRule = {
  id: 'CSA-KV-005',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault'],
  title: `Key vaults keep deleted vaults, keys and secrets for at least ${MIN_KEY_VAULT_SOFT_DELETE_DAYS} days, stated explicitly`,
  rationale:
    'The retention period is fixed when the vault is created; writing it down keeps a provider default change from shortening the window in which a deletion can be undone.',
  fix: `set soft_delete_retention_days between ${MIN_KEY_VAULT_SOFT_DELETE_DAYS} and 90`,
  check: (r) => {
    const days = r.attributes.soft_delete_retention_days;
    return verdict(typeof days === 'number' && days >= MIN_KEY_VAULT_SOFT_DELETE_DAYS);
  },
};
