import { ResourceRule, verdict } from '../rule';

export const dataFactoryManagedVirtualNetwork: ResourceRule = {
  id: 'CSA-ADF-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_data_factory'],
  title: 'Data factories have a managed virtual network',
  rationale:
    'Without it the Azure integration runtime reaches data stores over public endpoints; with it, through managed private endpoints that the store owner approves.',
  fix: 'set managed_virtual_network_enabled = true',
  check: (r) => verdict(r.attributes.managed_virtual_network_enabled === true),
};
