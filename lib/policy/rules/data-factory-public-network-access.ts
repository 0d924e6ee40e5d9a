import { ResourceRule, verdict } from '../rule';

export const dataFactoryPublicNetworkAccess: ResourceRule = {
  id: 'CSA-ADF-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_data_factory'],
  title: 'Data factories disable public network access',
  rationale: "Pipelines, linked services and runtime registration should be reachable only through the factory's private endpoints.",
  fix: 'set public_network_enabled = false (the argument is named without "access" on data factories)',
  check: (r) => verdict(r.attributes.public_network_enabled === false),
};
