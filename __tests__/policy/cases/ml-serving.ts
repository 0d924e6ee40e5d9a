import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { MachineLearningInferenceCluster } from '@cdktf/provider-azurerm/lib/machine-learning-inference-cluster';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { TerraformStack } from 'cdktf';
import { CaseTable } from './case-table';
import { LOCATION, RG } from '../fixtures';

/** Azure ML serving: the attach's cluster, the workspace's registry (stack rules). */

const cluster = (stack: TerraformStack, localAccountDisabled?: boolean) =>
  new KubernetesCluster(stack, 'aks', {
    resourceGroupName: RG,
    location: LOCATION,
    name: 'aks-test',
    dnsPrefix: 'aks-test',
    defaultNodePool: { name: 'system', vmSize: 'Standard_D4s_v5', nodeCount: 1 },
    identity: { type: 'SystemAssigned' },
    ...(localAccountDisabled === undefined ? {} : { localAccountDisabled }),
  });

const attach = (stack: TerraformStack, kubernetesClusterId: string) =>
  new MachineLearningInferenceCluster(stack, 'subject', {
    name: 'aks-serving',
    location: LOCATION,
    machineLearningWorkspaceId: '${azurerm_machine_learning_workspace.w.id}',
    kubernetesClusterId,
  });

const registry = (stack: TerraformStack, quarantinePolicyEnabled?: boolean) =>
  new ContainerRegistry(stack, 'subject', {
    resourceGroupName: RG,
    location: LOCATION,
    name: 'acrtest',
    sku: 'Premium',
    ...(quarantinePolicyEnabled === undefined ? {} : { quarantinePolicyEnabled }),
  });

const workspaceUsing = (stack: TerraformStack, containerRegistryId?: string) =>
  new MachineLearningWorkspace(stack, 'workspace', {
    resourceGroupName: RG,
    location: LOCATION,
    name: 'mlw-test',
    applicationInsightsId: '${azurerm_application_insights.a.id}',
    keyVaultId: '${azurerm_key_vault.k.id}',
    storageAccountId: '${azurerm_storage_account.s.id}',
    identity: { type: 'SystemAssigned' },
    ...(containerRegistryId ? { containerRegistryId } : {}),
  });

export const ML_SERVING_CASES: CaseTable = {
  'CSA-AKS-004': {
    compliance: { 'the attached cluster keeps local accounts': (s) => attach(s, cluster(s, false).id) },
    noncompliance: {
      'the attached cluster disables local accounts': (s) => attach(s, cluster(s, true).id),
      'local accounts not written': (s) => attach(s, cluster(s).id),
    },
    notApplicable: {
      'a cluster of another stack': (s) => attach(s, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-elsewhere'),
    },
  },
  'CSA-CR-005': {
    compliance: {
      'the workspace registry has quarantine off': (s) => {
        const subject = registry(s, false);
        workspaceUsing(s, subject.id);
        return subject;
      },
    },
    noncompliance: {
      'the workspace registry has quarantine on': (s) => {
        const subject = registry(s, true);
        workspaceUsing(s, subject.id);
        return subject;
      },
      'quarantine not written': (s) => {
        const subject = registry(s);
        workspaceUsing(s, subject.id);
        return subject;
      },
    },
    notApplicable: {
      'a registry no workspace uses keeps quarantine': (s) => {
        workspaceUsing(s);
        return registry(s, true);
      },
    },
  },
};
