import { ResourceRule, verdict } from '../rule';

export const containerRegistryAnonymousPull: ResourceRule = {
  id: 'CSA-CR-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_container_registry'],
  title: 'Container registries disable anonymous pull',
  rationale: 'With anonymous pull, anyone with network line of sight reads every image, including whatever was baked into it.',
  fix: 'set anonymous_pull_enabled = false and grant AcrPull to the identities that pull',
  check: (r) => verdict(r.attributes.anonymous_pull_enabled === false),
};
