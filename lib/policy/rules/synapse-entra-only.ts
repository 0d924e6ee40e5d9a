import { ResourceRule, verdict } from '../rule';

export const synapseEntraOnly: ResourceRule = {
  id: 'CSA-SYN-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_synapse_workspace'],
  title: 'Synapse workspaces accept Entra ID authentication only, with no SQL administrator password',
  rationale: 'A SQL administrator password is a shared secret in Terraform state; Entra-only authentication ties every SQL connection to an identity.',
  fix: 'set azuread_authentication_only = true, remove sql_administrator_login_password and set an Entra administrator (azurerm_synapse_workspace_aad_admin)',
  check: (r) => verdict(r.attributes.azuread_authentication_only === true && r.attributes.sql_administrator_login_password === undefined),
};
