import { containerRegistryAdminUser } from './rules/container-registry-admin-user';
import { containerRegistryAnonymousPull } from './rules/container-registry-anonymous-pull';
import { containerRegistryExportPolicy } from './rules/container-registry-export-policy';
import { containerRegistryMachineLearningQuarantine } from './rules/container-registry-machine-learning-quarantine';
import { containerRegistryPublicNetworkAccess } from './rules/container-registry-public-network-access';
import { dataFactoryManagedVirtualNetwork } from './rules/data-factory-managed-virtual-network';
import { dataFactoryPublicNetworkAccess } from './rules/data-factory-public-network-access';
import { dataFactoryRuntimeVirtualNetwork } from './rules/data-factory-runtime-virtual-network';
import { databricksNoPublicIp } from './rules/databricks-no-public-ip';
import { databricksPremium } from './rules/databricks-premium';
import { databricksPublicNetworkAccess } from './rules/databricks-public-network-access';
import { databricksVnetInjection } from './rules/databricks-vnet-injection';
import { diagnosticSettings } from './rules/diagnostic-settings';
import { eventHubLocalAuth } from './rules/event-hub-local-auth';
import { eventHubMinimumTls } from './rules/event-hub-minimum-tls';
import { eventHubPublicNetworkAccess } from './rules/event-hub-public-network-access';
import { firewallIntrusionDetection } from './rules/firewall-intrusion-detection';
import { firewallThreatIntelligence } from './rules/firewall-threat-intelligence';
import { keyVaultNetworkDefaultDeny } from './rules/key-vault-network-default-deny';
import { keyVaultPublicNetworkAccess } from './rules/key-vault-public-network-access';
import { keyVaultPurgeProtection } from './rules/key-vault-purge-protection';
import { keyVaultRbac } from './rules/key-vault-rbac';
import { keyVaultSecretNotLiteral } from './rules/key-vault-secret-not-literal';
import { keyVaultSoftDelete } from './rules/key-vault-soft-delete';
import { kubernetesEntraRbac } from './rules/kubernetes-entra-rbac';
import { kubernetesInferenceAttachLocalAccounts } from './rules/kubernetes-inference-attach-local-accounts';
import { kubernetesLocalAccounts } from './rules/kubernetes-local-accounts';
import { kubernetesPrivateCluster } from './rules/kubernetes-private-cluster';
import { logAnalyticsInternetIngestion } from './rules/log-analytics-internet-ingestion';
import { logAnalyticsLocalAuth } from './rules/log-analytics-local-auth';
import { logAnalyticsRetention } from './rules/log-analytics-retention';
import { machineLearningComputePublicAccess } from './rules/machine-learning-compute-public-access';
import { machineLearningManagedNetwork } from './rules/machine-learning-managed-network';
import { machineLearningPublicNetworkAccess } from './rules/machine-learning-public-network-access';
import { nsgNoInboundFromInternet } from './rules/nsg-no-inbound-from-internet';
import { nsgServiceOwnedRules } from './rules/nsg-service-owned-rules';
import { privateEndpointDnsZoneGroup } from './rules/private-endpoint-dns-zone-group';
import { privilegedRoleScope } from './rules/privileged-role-scope';
import { purviewPublicNetworkAccess } from './rules/purview-public-network-access';
import { requiredTags } from './rules/required-tags';
import { sqlEntraOnly } from './rules/sql-entra-only';
import { sqlFirewallRule } from './rules/sql-firewall-rule';
import { sqlMinimumTls } from './rules/sql-minimum-tls';
import { sqlPublicNetworkAccess } from './rules/sql-public-network-access';
import { storageContainerPrivate } from './rules/storage-container-private';
import { storageCrossTenantReplication } from './rules/storage-cross-tenant-replication';
import { storageHttpsOnly } from './rules/storage-https-only';
import { storageInstanceRulesNeedPublicAccess } from './rules/storage-instance-rules-need-public-access';
import { storageMinimumTls } from './rules/storage-minimum-tls';
import { storageNestedPublicAccess } from './rules/storage-nested-public-access';
import { storageNetworkDefaultDeny } from './rules/storage-network-default-deny';
import { storagePublicNetworkAccess } from './rules/storage-public-network-access';
import { storageSharedKeyAccess } from './rules/storage-shared-key-access';
import { storageSoftDelete } from './rules/storage-soft-delete';
import { subnetDefaultOutboundAccess } from './rules/subnet-default-outbound-access';
import { synapseEntraOnly } from './rules/synapse-entra-only';
import { synapseExfiltrationProtection } from './rules/synapse-exfiltration-protection';
import { synapseFirewallRule } from './rules/synapse-firewall-rule';
import { synapseManagedVirtualNetwork } from './rules/synapse-managed-virtual-network';
import { synapsePublicNetworkAccess } from './rules/synapse-public-network-access';
import { PolicyRule } from './rule';

/**
 * The estate's security rule pack, applied to every zone stack by PolicyAspect. A thin
 * list: each rule lives in its own file under rules/. Order is the documentation order
 * (by service), not an evaluation order; rules are independent.
 */
export const RULE_PACK: readonly PolicyRule[] = [
  storagePublicNetworkAccess,
  storageSharedKeyAccess,
  storageMinimumTls,
  storageHttpsOnly,
  storageNestedPublicAccess,
  storageNetworkDefaultDeny,
  storageCrossTenantReplication,
  storageSoftDelete,
  storageContainerPrivate,
  storageInstanceRulesNeedPublicAccess,
  keyVaultPurgeProtection,
  keyVaultRbac,
  keyVaultPublicNetworkAccess,
  keyVaultNetworkDefaultDeny,
  keyVaultSoftDelete,
  keyVaultSecretNotLiteral,
  sqlEntraOnly,
  sqlPublicNetworkAccess,
  sqlMinimumTls,
  sqlFirewallRule,
  synapseManagedVirtualNetwork,
  synapseExfiltrationProtection,
  synapsePublicNetworkAccess,
  synapseEntraOnly,
  synapseFirewallRule,
  dataFactoryPublicNetworkAccess,
  dataFactoryManagedVirtualNetwork,
  dataFactoryRuntimeVirtualNetwork,
  databricksNoPublicIp,
  databricksVnetInjection,
  databricksPublicNetworkAccess,
  databricksPremium,
  containerRegistryAdminUser,
  containerRegistryAnonymousPull,
  containerRegistryPublicNetworkAccess,
  containerRegistryExportPolicy,
  containerRegistryMachineLearningQuarantine,
  eventHubLocalAuth,
  eventHubPublicNetworkAccess,
  eventHubMinimumTls,
  machineLearningPublicNetworkAccess,
  machineLearningManagedNetwork,
  machineLearningComputePublicAccess,
  kubernetesPrivateCluster,
  kubernetesLocalAccounts,
  kubernetesEntraRbac,
  kubernetesInferenceAttachLocalAccounts,
  nsgNoInboundFromInternet,
  nsgServiceOwnedRules,
  privateEndpointDnsZoneGroup,
  subnetDefaultOutboundAccess,
  firewallThreatIntelligence,
  firewallIntrusionDetection,
  purviewPublicNetworkAccess,
  logAnalyticsLocalAuth,
  logAnalyticsInternetIngestion,
  logAnalyticsRetention,
  diagnosticSettings,
  requiredTags,
  privilegedRoleScope,
];

/** Rule ids, for suppressions (estate file and construct API) to be checked against. */
export const RULE_IDS: readonly string[] = RULE_PACK.map((rule) => rule.id);

export function ruleById(id: string): PolicyRule | undefined {
  return RULE_PACK.find((rule) => rule.id === id);
}
