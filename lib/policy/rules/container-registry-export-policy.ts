import { ResourceRule, verdict } from '../rule';

export const containerRegistryExportPolicy: ResourceRule = {
  id: 'CSA-CR-004',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_container_registry'],
  title: 'Container registries forbid exporting images',
  rationale: 'With export allowed, images can be copied out of the private registry (az acr import from it, export pipelines), around its network rules.',
  fix: 'set export_policy_enabled = false (needs public_network_access_enabled = false)',
  check: (r) => verdict(r.attributes.export_policy_enabled === false),
};
