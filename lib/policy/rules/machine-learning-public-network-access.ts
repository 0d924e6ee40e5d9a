import { ResourceRule, verdict } from '../rule';

export const machineLearningPublicNetworkAccess: ResourceRule = {
  id: 'CSA-ML-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  title: 'Azure Machine Learning workspaces disable public network access',
  rationale: 'The workspace holds models, data references and compute credentials; it should be reachable only through its private endpoint.',
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
