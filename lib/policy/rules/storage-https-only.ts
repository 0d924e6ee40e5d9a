import { ResourceRule, verdict } from '../rule';

export const storageHttpsOnly: ResourceRule = {
  id: 'CSA-ST-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts accept HTTPS only',
  rationale: 'Plain HTTP sends data and bearer tokens unencrypted over the network.',
  fix: 'set https_traffic_only_enabled = true',
  check: (r) => verdict(r.attributes.https_traffic_only_enabled === true),
};
