import { ResourceRule, verdict } from '../rule';

export const dataFactoryRuntimeVirtualNetwork: ResourceRule = {
  id: 'CSA-ADF-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_data_factory_integration_runtime_azure'],
  title: 'Azure integration runtimes run inside the managed virtual network',
  rationale: 'A runtime outside the managed virtual network copies data over public endpoints, bypassing the managed private endpoints.',
  fix: 'set virtual_network_enabled = true',
  check: (r) => verdict(r.attributes.virtual_network_enabled === true),
};
