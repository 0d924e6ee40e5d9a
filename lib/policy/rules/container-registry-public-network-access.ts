import { ResourceRule, verdict } from '../rule';

export const containerRegistryPublicNetworkAccess: ResourceRule = {
  id: 'CSA-CR-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_container_registry'],
  title: 'Container registries disable public network access',
  rationale: 'The registry serves the images that run inside the estate; it should be reachable only through its private endpoint.',
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
