import { MachineLearningComputeCluster, MachineLearningComputeClusterConfig } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { TerraformStack } from 'cdktf';
import { containerRegistry, eventHubNamespace, kubernetesCluster, LOCATION, machineLearningWorkspace } from '../fixtures';
import { CaseTable } from './case-table';

const computeCluster =
  (overrides: Partial<MachineLearningComputeClusterConfig> = {}) =>
  (stack: TerraformStack) =>
    new MachineLearningComputeCluster(stack, 'subject', {
      name: 'cpu-cluster',
      location: LOCATION,
      machineLearningWorkspaceId: '${azurerm_machine_learning_workspace.w.id}',
      vmSize: 'Standard_DS3_v2',
      vmPriority: 'Dedicated',
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2, scaleDownNodesAfterIdleDuration: 'PT120S' },
      subnetResourceId: '${azurerm_subnet.s.id}',
      nodePublicIpEnabled: false,
      sshPublicAccessEnabled: false,
      ...overrides,
    });

export const PLATFORM_CASES: CaseTable = {
  'CSA-CR-001': {
    compliance: { 'admin user off': (s) => containerRegistry(s) },
    noncompliance: {
      'admin user on': (s) => containerRegistry(s, { adminEnabled: true }),
      'not set': (s) => containerRegistry(s, { adminEnabled: undefined }),
    },
  },
  'CSA-CR-002': {
    compliance: { 'anonymous pull off': (s) => containerRegistry(s) },
    noncompliance: {
      'anonymous pull on': (s) => containerRegistry(s, { anonymousPullEnabled: true }),
      'not set': (s) => containerRegistry(s, { anonymousPullEnabled: undefined }),
    },
  },
  'CSA-CR-003': {
    compliance: { 'public network access off': (s) => containerRegistry(s) },
    noncompliance: {
      'public network access on': (s) => containerRegistry(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => containerRegistry(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-CR-004': {
    compliance: { 'export forbidden': (s) => containerRegistry(s) },
    noncompliance: {
      'export allowed': (s) => containerRegistry(s, { exportPolicyEnabled: true }),
      'not set': (s) => containerRegistry(s, { exportPolicyEnabled: undefined }),
    },
  },
  'CSA-EH-001': {
    compliance: { 'local auth off': (s) => eventHubNamespace(s) },
    noncompliance: {
      'SAS keys allowed': (s) => eventHubNamespace(s, { localAuthenticationEnabled: true }),
      'not set': (s) => eventHubNamespace(s, { localAuthenticationEnabled: undefined }),
    },
  },
  'CSA-EH-002': {
    compliance: { 'public network access off': (s) => eventHubNamespace(s) },
    noncompliance: {
      'public network access on': (s) => eventHubNamespace(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => eventHubNamespace(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-EH-003': {
    compliance: { 'TLS 1.2': (s) => eventHubNamespace(s) },
    noncompliance: {
      'TLS 1.0': (s) => eventHubNamespace(s, { minimumTlsVersion: '1.0' }),
      'not set': (s) => eventHubNamespace(s, { minimumTlsVersion: undefined }),
    },
  },
  'CSA-ML-001': {
    compliance: { 'public network access off': (s) => machineLearningWorkspace(s) },
    noncompliance: {
      'public network access on': (s) => machineLearningWorkspace(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => machineLearningWorkspace(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-ML-002': {
    compliance: {
      'approved outbound only': (s) => machineLearningWorkspace(s),
      'no managed network, compute in the estate subnets (Disabled)': (s) => machineLearningWorkspace(s, { managedNetwork: { isolationMode: 'Disabled' } }),
    },
    noncompliance: {
      'internet outbound': (s) => machineLearningWorkspace(s, { managedNetwork: { isolationMode: 'AllowInternetOutbound' } }),
      'left to the provider default': (s) => machineLearningWorkspace(s, { managedNetwork: undefined }),
    },
  },
  'CSA-ML-003': {
    compliance: { 'no public IP, no public SSH': computeCluster() },
    noncompliance: {
      'public IPs on nodes': computeCluster({ nodePublicIpEnabled: true }),
      'public SSH': computeCluster({ sshPublicAccessEnabled: true }),
      'left to the provider defaults (public IPs on)': computeCluster({ nodePublicIpEnabled: undefined, sshPublicAccessEnabled: undefined }),
    },
  },
  'CSA-AKS-001': {
    compliance: { 'private cluster': (s) => kubernetesCluster(s) },
    noncompliance: {
      'public API server': (s) => kubernetesCluster(s, { privateClusterEnabled: false }),
      'not set': (s) => kubernetesCluster(s, { privateClusterEnabled: undefined }),
    },
  },
  'CSA-AKS-002': {
    compliance: { 'local accounts off': (s) => kubernetesCluster(s) },
    noncompliance: {
      'local accounts on': (s) => kubernetesCluster(s, { localAccountDisabled: false }),
      'not set': (s) => kubernetesCluster(s, { localAccountDisabled: undefined }),
    },
  },
  'CSA-AKS-003': {
    compliance: { 'Entra ID with Azure RBAC': (s) => kubernetesCluster(s) },
    noncompliance: {
      'Entra ID with Kubernetes RBAC only': (s) => kubernetesCluster(s, { azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: false } }),
      'no Entra ID integration': (s) => kubernetesCluster(s, { azureActiveDirectoryRoleBasedAccessControl: undefined }),
    },
  },
};
