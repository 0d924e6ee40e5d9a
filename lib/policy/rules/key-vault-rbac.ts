import { blocks } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const keyVaultRbac: ResourceRule = {
  id: 'CSA-KV-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault', 'azurerm_key_vault_access_policy'],
  title: 'Key vaults authorize with Azure RBAC, not access policies',
  rationale:
    'Access policies are a second permission system outside Azure RBAC: they are not visible in role assignment reviews, cannot be scoped to one secret, and Key Vault Contributors can grant themselves data access with them.',
  fix: 'set rbac_authorization_enabled = true (the azurerm 4.x argument), remove access_policy blocks and azurerm_key_vault_access_policy resources, and grant Key Vault data roles',
  check: (r) =>
    r.type === 'azurerm_key_vault_access_policy'
      ? 'noncompliant'
      : verdict(r.attributes.rbac_authorization_enabled === true && blocks(r.attributes, 'access_policy').length === 0),
};
