import { ResourceRule, verdict } from '../rule';

export const containerRegistryAdminUser: ResourceRule = {
  id: 'CSA-CR-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_container_registry'],
  title: 'Container registries disable the admin user',
  rationale:
    'The admin user is one shared username and password with push and pull rights on every repository; pulls and pushes should use identities (AcrPull, AcrPush).',
  fix: 'set admin_enabled = false',
  check: (r) => verdict(r.attributes.admin_enabled === false),
};
