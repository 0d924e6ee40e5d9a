import { ResourceRule, verdict } from '../rule';

export const kubernetesLocalAccounts: ResourceRule = {
  id: 'CSA-AKS-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  title: 'AKS clusters disable local accounts',
  rationale:
    'The local cluster-admin credential bypasses Entra ID: anyone holding the kubeconfig is cluster admin, unaudited and unrevocable short of rotating certificates.',
  fix: 'set local_account_disabled = true (with Entra ID integration)',
  check: (r) => verdict(r.attributes.local_account_disabled === true),
};
