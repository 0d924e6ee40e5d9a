import { MssqlFirewallRule } from '@cdktf/provider-azurerm/lib/mssql-firewall-rule';
import { SynapseFirewallRule } from '@cdktf/provider-azurerm/lib/synapse-firewall-rule';
import { TerraformStack } from 'cdktf';
import { databricksWorkspace, dataFactory, integrationRuntime, sqlServer, synapseWorkspace } from '../fixtures';
import { CaseTable } from './case-table';

const sqlRule = (start: string, end: string) => (stack: TerraformStack) =>
  new MssqlFirewallRule(stack, 'subject', { name: 'rule', serverId: '${azurerm_mssql_server.s.id}', startIpAddress: start, endIpAddress: end });
const synapseRule = (start: string, end: string) => (stack: TerraformStack) =>
  new SynapseFirewallRule(stack, 'subject', {
    name: 'rule',
    synapseWorkspaceId: '${azurerm_synapse_workspace.w.id}',
    startIpAddress: start,
    endIpAddress: end,
  });

export const DATA_SERVICE_CASES: CaseTable = {
  'CSA-SQL-001': {
    compliance: { 'Entra-only administrator, no password': (s) => sqlServer(s) },
    noncompliance: {
      'SQL authentication allowed': (s) =>
        sqlServer(s, { azureadAdministrator: { loginUsername: 'admins', objectId: '${x.y.principal_id}', azureadAuthenticationOnly: false } }),
      'no Entra administrator, a SQL login and password': (s) =>
        sqlServer(s, { azureadAdministrator: undefined, administratorLogin: 'sqladmin', administratorLoginPassword: 'P@ssw0rd-in-state' }),
      'Entra-only plus a password': (s) => sqlServer(s, { administratorLoginPassword: '${random_password.p.result}' }),
      'Entra-only plus a write-only password': (s) => sqlServer(s, { administratorLoginPasswordWo: '${ephemeral.random_password.p.result}' }),
    },
  },
  'CSA-SQL-002': {
    compliance: { 'public network access off': (s) => sqlServer(s) },
    noncompliance: {
      'public network access on': (s) => sqlServer(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => sqlServer(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-SQL-003': {
    compliance: { '1.2': (s) => sqlServer(s), '1.3': (s) => sqlServer(s, { minimumTlsVersion: '1.3' }) },
    noncompliance: {
      '1.0': (s) => sqlServer(s, { minimumTlsVersion: '1.0' }),
      'Disabled (any version)': (s) => sqlServer(s, { minimumTlsVersion: 'Disabled' }),
      'not set': (s) => sqlServer(s, { minimumTlsVersion: undefined }),
    },
  },
  'CSA-SQL-004': {
    compliance: { 'one office address': sqlRule('203.0.113.10', '203.0.113.10') },
    noncompliance: { 'all Azure services (0.0.0.0)': sqlRule('0.0.0.0', '0.0.0.0'), 'the whole internet': sqlRule('0.0.0.0', '255.255.255.255') },
  },
  'CSA-SYN-001': {
    compliance: { 'managed virtual network': (s) => synapseWorkspace(s) },
    noncompliance: {
      'no managed virtual network': (s) => synapseWorkspace(s, { managedVirtualNetworkEnabled: false }),
      'not set': (s) => synapseWorkspace(s, { managedVirtualNetworkEnabled: undefined }),
    },
  },
  'CSA-SYN-002': {
    compliance: { 'exfiltration protection on': (s) => synapseWorkspace(s) },
    noncompliance: {
      'exfiltration protection off': (s) => synapseWorkspace(s, { dataExfiltrationProtectionEnabled: false }),
      'not set': (s) => synapseWorkspace(s, { dataExfiltrationProtectionEnabled: undefined }),
    },
  },
  'CSA-SYN-003': {
    compliance: { 'public network access off': (s) => synapseWorkspace(s) },
    noncompliance: {
      'public network access on': (s) => synapseWorkspace(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => synapseWorkspace(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-SYN-004': {
    compliance: { 'Entra only': (s) => synapseWorkspace(s) },
    noncompliance: {
      'SQL authentication allowed': (s) => synapseWorkspace(s, { azureadAuthenticationOnly: false }),
      'a SQL administrator password': (s) => synapseWorkspace(s, { sqlAdministratorLogin: 'sqladmin', sqlAdministratorLoginPassword: 'P@ssw0rd-in-state' }),
      'not set': (s) => synapseWorkspace(s, { azureadAuthenticationOnly: undefined }),
    },
  },
  'CSA-SYN-005': {
    compliance: { 'one office range': synapseRule('203.0.113.0', '203.0.113.255') },
    noncompliance: { AllowAllWindowsAzureIps: synapseRule('0.0.0.0', '0.0.0.0'), 'the whole internet': synapseRule('0.0.0.0', '255.255.255.255') },
  },
  'CSA-ADF-001': {
    compliance: { 'public network access off': (s) => dataFactory(s) },
    noncompliance: {
      'public network access on': (s) => dataFactory(s, { publicNetworkEnabled: true }),
      'not set': (s) => dataFactory(s, { publicNetworkEnabled: undefined }),
    },
  },
  'CSA-ADF-002': {
    compliance: { 'managed virtual network': (s) => dataFactory(s) },
    noncompliance: {
      'no managed virtual network': (s) => dataFactory(s, { managedVirtualNetworkEnabled: false }),
      'not set': (s) => dataFactory(s, { managedVirtualNetworkEnabled: undefined }),
    },
  },
  'CSA-ADF-003': {
    compliance: { 'inside the managed virtual network': (s) => integrationRuntime(s) },
    noncompliance: {
      'outside it': (s) => integrationRuntime(s, { virtualNetworkEnabled: false }),
      'not set': (s) => integrationRuntime(s, { virtualNetworkEnabled: undefined }),
    },
  },
  'CSA-DBW-001': {
    compliance: { 'no public IP': (s) => databricksWorkspace(s) },
    noncompliance: {
      'public IPs on nodes': (s) => databricksWorkspace(s, { customParameters: { noPublicIp: false, virtualNetworkId: '${azurerm_virtual_network.v.id}' } }),
      'no custom parameters': (s) => databricksWorkspace(s, { customParameters: undefined }),
    },
  },
  'CSA-DBW-002': {
    compliance: { injected: (s) => databricksWorkspace(s) },
    noncompliance: {
      'managed virtual network (not injected)': (s) => databricksWorkspace(s, { customParameters: { noPublicIp: true } }),
      'no custom parameters': (s) => databricksWorkspace(s, { customParameters: undefined }),
    },
  },
  'CSA-DBW-003': {
    compliance: { premium: (s) => databricksWorkspace(s) },
    noncompliance: { standard: (s) => databricksWorkspace(s, { sku: 'standard' }), trial: (s) => databricksWorkspace(s, { sku: 'trial' }) },
  },
};
