import { ResourceRule, verdict } from '../rule';

export const keyVaultPublicNetworkAccess: ResourceRule = {
  id: 'CSA-KV-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault'],
  title: 'Key vaults disable public network access',
  rationale: 'A vault holds the credentials to everything else; its data plane should be reachable only through its private endpoint.',
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
