import { ResourceRule, verdict } from '../rule';

export const machineLearningComputePublicAccess: ResourceRule = {
  id: 'CSA-ML-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_machine_learning_compute_cluster'],
  title: 'Azure Machine Learning compute clusters have no public IPs and no public SSH',
  rationale: 'Nodes with public IPs are reachable from the internet and can send data out around the hub firewall; public SSH adds a login to every node.',
  fix: 'set node_public_ip_enabled = false and ssh_public_access_enabled = false, and place the cluster in a landing zone subnet (subnet_resource_id)',
  check: (r) => verdict(r.attributes.node_public_ip_enabled === false && r.attributes.ssh_public_access_enabled === false),
};
