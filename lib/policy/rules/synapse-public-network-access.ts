import { ResourceRule, verdict } from '../rule';

export const synapsePublicNetworkAccess: ResourceRule = {
  id: 'CSA-SYN-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_synapse_workspace'],
  title: 'Synapse workspaces disable public network access',
  rationale: 'The SQL, serverless SQL and development endpoints should answer only on their private endpoints.',
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
