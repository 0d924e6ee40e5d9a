import { ResourceRule, verdict } from '../rule';

export const keyVaultPurgeProtection: ResourceRule = {
  id: 'CSA-KV-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault'],
  title: 'Key vaults have purge protection on',
  rationale:
    'Without purge protection, anyone who can delete the vault can also purge it, destroying keys and secrets (and every dataset encrypted with them) before the retention period ends.',
  fix: 'set purge_protection_enabled = true',
  check: (r) => verdict(r.attributes.purge_protection_enabled === true),
};
