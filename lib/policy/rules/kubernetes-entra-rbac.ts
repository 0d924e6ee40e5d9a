import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const kubernetesEntraRbac: ResourceRule = {
  id: 'CSA-AKS-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  title: 'AKS clusters authorize with Entra ID and Azure RBAC',
  rationale:
    'Azure RBAC for Kubernetes puts cluster permissions into the same role assignments and reviews as the rest of the estate instead of per-cluster RoleBindings.',
  fix: 'set azure_active_directory_role_based_access_control { azure_rbac_enabled = true }',
  check: (r) => verdict(block(r.attributes, 'azure_active_directory_role_based_access_control')?.azure_rbac_enabled === true),
};
