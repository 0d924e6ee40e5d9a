import { ContainerRegistry, ContainerRegistryConfig } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataFactory, DataFactoryConfig } from '@cdktf/provider-azurerm/lib/data-factory';
import {
  DataFactoryIntegrationRuntimeAzure,
  DataFactoryIntegrationRuntimeAzureConfig,
} from '@cdktf/provider-azurerm/lib/data-factory-integration-runtime-azure';
import { DatabricksWorkspace, DatabricksWorkspaceConfig } from '@cdktf/provider-azurerm/lib/databricks-workspace';
import { EventhubNamespace, EventhubNamespaceConfig } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { FirewallPolicy, FirewallPolicyConfig } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KubernetesCluster, KubernetesClusterConfig } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { LogAnalyticsWorkspace, LogAnalyticsWorkspaceConfig } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace, MachineLearningWorkspaceConfig } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MssqlServer, MssqlServerConfig } from '@cdktf/provider-azurerm/lib/mssql-server';
import { NetworkSecurityGroup, NetworkSecurityGroupConfig, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateEndpoint, PrivateEndpointConfig } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PurviewAccount, PurviewAccountConfig } from '@cdktf/provider-azurerm/lib/purview-account';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { SynapseWorkspace, SynapseWorkspaceConfig } from '@cdktf/provider-azurerm/lib/synapse-workspace';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyResource, PolicyRule, RuleResult } from '../../lib/policy/rule';
import { stackResources } from '../../lib/policy/stack-resources';
import { testingApp } from '../helpers/testing-app';

/**
 * Real cdktf resources with the estate's secure settings, so each rule test starts from
 * a compliant resource and changes one thing: the attribute shapes (blocks as objects,
 * snake_case, lists) are those cdktf really writes.
 */

export const RG = 'rg-test';
export const LOCATION = 'westeurope';
const base = { resourceGroupName: RG, location: LOCATION };

/** A fresh stack with the azurerm provider. */
export function testStack(app: App = testingApp()): TerraformStack {
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** What the policy sees of `resource`: its entry in the stack's synthesized JSON, and the whole stack for stack rules. */
export function synthesized(resource: TerraformResource): { resource: PolicyResource; stack: PolicyResource[] } {
  const stack = stackResources(JSON.parse(Testing.synth(TerraformStack.of(resource))));
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
  const found = stack.find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the synthesized stack`);
  return { resource: found, stack };
}

/** The rule's verdict on one real resource (stack rules see the resource's whole stack). */
export function verdictOn(rule: PolicyRule, subject: TerraformResource): RuleResult {
  const { resource, stack } = synthesized(subject);
  if (!rule.resourceTypes.includes(resource.type)) throw new Error(`${rule.id} does not apply to ${resource.type}: the test case is wrong`);
  return rule.scope === 'stack' ? rule.prepare(stack)(resource) : rule.check(resource);
}

export const storageAccount = (scope: Construct, overrides: Partial<StorageAccountConfig> = {}) =>
  new StorageAccount(scope, 'subject', {
    ...base,
    name: 'sttest',
    accountTier: 'Standard',
    accountReplicationType: 'ZRS',
    publicNetworkAccessEnabled: false,
    sharedAccessKeyEnabled: false,
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    crossTenantReplicationEnabled: false,
    networkRules: { defaultAction: 'Deny', bypass: ['Metrics'] },
    blobProperties: { deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
    ...overrides,
  });

export const keyVault = (scope: Construct, overrides: Partial<KeyVaultConfig> = {}) =>
  new KeyVault(scope, 'subject', {
    ...base,
    name: 'kv-test',
    skuName: 'standard',
    tenantId: '00000000-0000-0000-0000-000000000000',
    purgeProtectionEnabled: true,
    rbacAuthorizationEnabled: true,
    publicNetworkAccessEnabled: false,
    softDeleteRetentionDays: 90,
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    ...overrides,
  });

export const sqlServer = (scope: Construct, overrides: Partial<MssqlServerConfig> = {}) =>
  new MssqlServer(scope, 'subject', {
    ...base,
    name: 'sql-test',
    version: '12.0',
    minimumTlsVersion: '1.2',
    publicNetworkAccessEnabled: false,
    azureadAdministrator: { loginUsername: 'sql-admins', objectId: '${azurerm_user_assigned_identity.admin.principal_id}', azureadAuthenticationOnly: true },
    ...overrides,
  });

export const synapseWorkspace = (scope: Construct, overrides: Partial<SynapseWorkspaceConfig> = {}) =>
  new SynapseWorkspace(scope, 'subject', {
    ...base,
    name: 'synw-test',
    storageDataLakeGen2FilesystemId: 'https://sttest.dfs.core.windows.net/data',
    identity: { type: 'SystemAssigned' },
    managedVirtualNetworkEnabled: true,
    dataExfiltrationProtectionEnabled: true,
    publicNetworkAccessEnabled: false,
    azureadAuthenticationOnly: true,
    ...overrides,
  });

export const dataFactory = (scope: Construct, overrides: Partial<DataFactoryConfig> = {}) =>
  new DataFactory(scope, 'subject', { ...base, name: 'adf-test', publicNetworkEnabled: false, managedVirtualNetworkEnabled: true, ...overrides });

export const integrationRuntime = (scope: Construct, overrides: Partial<DataFactoryIntegrationRuntimeAzureConfig> = {}) =>
  new DataFactoryIntegrationRuntimeAzure(scope, 'subject', {
    name: 'ir-test',
    dataFactoryId: '${azurerm_data_factory.f.id}',
    location: 'AutoResolve',
    virtualNetworkEnabled: true,
    ...overrides,
  });

export const databricksWorkspace = (scope: Construct, overrides: Partial<DatabricksWorkspaceConfig> = {}) =>
  new DatabricksWorkspace(scope, 'subject', {
    ...base,
    name: 'dbw-test',
    sku: 'premium',
    customParameters: { noPublicIp: true, virtualNetworkId: '${azurerm_virtual_network.v.id}', publicSubnetName: 'public', privateSubnetName: 'private' },
    ...overrides,
  });

export const containerRegistry = (scope: Construct, overrides: Partial<ContainerRegistryConfig> = {}) =>
  new ContainerRegistry(scope, 'subject', {
    ...base,
    name: 'crtest',
    sku: 'Premium',
    adminEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccessEnabled: false,
    exportPolicyEnabled: false,
    ...overrides,
  });

export const eventHubNamespace = (scope: Construct, overrides: Partial<EventhubNamespaceConfig> = {}) =>
  new EventhubNamespace(scope, 'subject', {
    ...base,
    name: 'evhns-test',
    sku: 'Standard',
    localAuthenticationEnabled: false,
    publicNetworkAccessEnabled: false,
    minimumTlsVersion: '1.2',
    ...overrides,
  });

export const machineLearningWorkspace = (scope: Construct, overrides: Partial<MachineLearningWorkspaceConfig> = {}) =>
  new MachineLearningWorkspace(scope, 'subject', {
    ...base,
    name: 'mlw-test',
    applicationInsightsId: '${azurerm_application_insights.a.id}',
    keyVaultId: '${azurerm_key_vault.k.id}',
    storageAccountId: '${azurerm_storage_account.s.id}',
    identity: { type: 'SystemAssigned' },
    publicNetworkAccessEnabled: false,
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
    ...overrides,
  });

export const kubernetesCluster = (scope: Construct, overrides: Partial<KubernetesClusterConfig> = {}) =>
  new KubernetesCluster(scope, 'subject', {
    ...base,
    name: 'aks-test',
    dnsPrefix: 'aks-test',
    defaultNodePool: { name: 'system', vmSize: 'Standard_D4s_v5', nodeCount: 1 },
    identity: { type: 'SystemAssigned' },
    privateClusterEnabled: true,
    localAccountDisabled: true,
    azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: '00000000-0000-0000-0000-000000000000' },
    ...overrides,
  });

/** An inline NSG rule that is fine: inbound from the virtual network only. */
export const INTERNAL_RULE: NetworkSecurityGroupSecurityRule = {
  name: 'vnet-in',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: '*',
  sourcePortRange: '*',
  destinationPortRange: '*',
  sourceAddressPrefix: 'VirtualNetwork',
  destinationAddressPrefix: 'VirtualNetwork',
};

export const networkSecurityGroup = (scope: Construct, overrides: Partial<NetworkSecurityGroupConfig> = {}) =>
  new NetworkSecurityGroup(scope, 'subject', { ...base, name: 'nsg-test', securityRule: [INTERNAL_RULE], ...overrides });

export const networkSecurityRule = (scope: Construct, overrides: Partial<NetworkSecurityRuleConfig> = {}) =>
  new NetworkSecurityRule(scope, 'subject', {
    resourceGroupName: RG,
    networkSecurityGroupName: 'nsg-test',
    name: 'rule',
    priority: 100,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourcePortRange: '*',
    destinationPortRange: '443',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
    ...overrides,
  });

export const privateEndpoint = (scope: Construct, overrides: Partial<PrivateEndpointConfig> = {}) =>
  new PrivateEndpoint(scope, 'subject', {
    ...base,
    name: 'pe-test',
    subnetId: '${azurerm_subnet.s.id}',
    privateServiceConnection: {
      name: 'pe-test',
      privateConnectionResourceId: '${azurerm_key_vault.k.id}',
      subresourceNames: ['vault'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: ['${azurerm_private_dns_zone.vault.id}'] },
    ...overrides,
  });

export const firewallPolicy = (scope: Construct, overrides: Partial<FirewallPolicyConfig> = {}) =>
  new FirewallPolicy(scope, 'subject', {
    ...base,
    name: 'afwp-test',
    sku: 'Premium',
    threatIntelligenceMode: 'Deny',
    intrusionDetection: { mode: 'Deny' },
    ...overrides,
  });

export const purviewAccount = (scope: Construct, overrides: Partial<PurviewAccountConfig> = {}) =>
  new PurviewAccount(scope, 'subject', { ...base, name: 'pview-test', identity: { type: 'SystemAssigned' }, publicNetworkEnabled: false, ...overrides });

export const logAnalyticsWorkspace = (scope: Construct, overrides: Partial<LogAnalyticsWorkspaceConfig> = {}) =>
  new LogAnalyticsWorkspace(scope, 'subject', {
    ...base,
    name: 'log-test',
    sku: 'PerGB2018',
    localAuthenticationEnabled: false,
    internetIngestionEnabled: false,
    retentionInDays: 120,
    ...overrides,
  });
