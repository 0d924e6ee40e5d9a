import { ResourceRule, verdict } from '../rule';

export const synapseManagedVirtualNetwork: ResourceRule = {
  id: 'CSA-SYN-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_synapse_workspace'],
  title: 'Synapse workspaces run in a managed virtual network',
  rationale:
    'Without the managed virtual network, Spark pools and integration runtimes reach data stores over public endpoints and cannot use managed private endpoints; it can only be chosen when the workspace is created.',
  fix: 'set managed_virtual_network_enabled = true (forces a new workspace)',
  check: (r) => verdict(r.attributes.managed_virtual_network_enabled === true),
};
