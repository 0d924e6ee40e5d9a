import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const sqlEntraOnly: ResourceRule = {
  id: 'CSA-SQL-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_mssql_server'],
  title: 'SQL servers accept Entra ID authentication only, with no SQL administrator password',
  rationale:
    'A SQL login password is a shared secret that ends up in Terraform state and cannot be tied to a person; Entra-only authentication gives every connection an identity, MFA and central revocation.',
  fix: 'set azuread_administrator { azuread_authentication_only = true, ... } and remove administrator_login_password (and administrator_login_password_wo)',
  check: (r) =>
    verdict(
      block(r.attributes, 'azuread_administrator')?.azuread_authentication_only === true &&
        r.attributes.administrator_login_password === undefined &&
        r.attributes.administrator_login_password_wo === undefined,
    ),
};
