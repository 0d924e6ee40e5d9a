import { ResourceRule, verdict } from '../rule';

export const storagePublicNetworkAccess: ResourceRule = {
  id: 'CSA-ST-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts disable public network access',
  rationale:
    "The lakes hold the estate's data: with public network access on, every endpoint is reachable from the internet and only credentials stand between an attacker and the data.",
  fix: 'set public_network_access_enabled = false and reach the account through its private endpoints',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
