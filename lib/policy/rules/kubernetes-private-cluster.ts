import { ResourceRule, verdict } from '../rule';

export const kubernetesPrivateCluster: ResourceRule = {
  id: 'CSA-AKS-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  title: 'AKS clusters are private (API server on a private endpoint)',
  rationale: "A public API server is exposed to the internet; a private cluster's control plane is reachable only from the estate's networks.",
  fix: 'set private_cluster_enabled = true (forces a new cluster)',
  check: (r) => verdict(r.attributes.private_cluster_enabled === true),
};
