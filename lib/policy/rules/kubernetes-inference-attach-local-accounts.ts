import { PolicyResource, StackRule } from '../rule';

/** `${azurerm_kubernetes_cluster.aks.id}` → `azurerm_kubernetes_cluster.aks`: the cluster an attach references. */
const CLUSTER = /^\$\{(azurerm_kubernetes_cluster\.[A-Za-z0-9_-]+)\.id\}$/;

/**
 * Azure ML attaches an AKS cluster (`azurerm_machine_learning_inference_cluster`) by
 * fetching the cluster's static admin credential to install its inference router; AKS
 * refuses that credential when local accounts are disabled, so the attach fails at apply
 * (Azure/AML-Kubernetes#261; Azure ML's Kubernetes limitations: "Disabling local accounts
 * for AKS is not supported by Azure Machine Learning").
 */
export const kubernetesInferenceAttachLocalAccounts: StackRule = {
  id: 'CSA-AKS-004',
  severity: 'error',
  scope: 'stack',
  resourceTypes: ['azurerm_machine_learning_inference_cluster'],
  title: 'An Azure ML inference cluster attaches an AKS cluster of its stack whose local accounts are enabled',
  rationale:
    'Azure ML reads the static cluster-admin credential to install its router; with local accounts disabled AKS refuses it and the attach fails at apply, after the cluster was created.',
  fix: 'set local_account_disabled = false on the referenced cluster (and suppress CSA-AKS-002 on it with the reason), or serve the model another way than an AKS attach',
  prepare: (stack: readonly PolicyResource[]) => {
    const localAccounts = new Map<string, unknown>();
    for (const resource of stack) {
      if (resource.type === 'azurerm_kubernetes_cluster') localAccounts.set(resource.address, resource.attributes.local_account_disabled);
    }
    return (resource) => {
      const match = CLUSTER.exec(String(resource.attributes.kubernetes_cluster_id ?? ''));
      // A cluster of another stack (a literal id) cannot be judged here.
      if (!match || !localAccounts.has(match[1])) return match ? 'noncompliant' : 'not-applicable';
      return localAccounts.get(match[1]) === false ? 'compliant' : 'noncompliant';
    };
  },
};
