import { StorageAccountNetworkRulesA } from '@cdktf/provider-azurerm/lib/storage-account-network-rules';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { storageAccount } from '../fixtures';
import { CaseTable } from './case-table';

const container = (access?: string) => (stack: Parameters<typeof storageAccount>[0]) =>
  new StorageContainer(stack, 'subject', {
    name: 'data',
    storageAccountId: '${azurerm_storage_account.s.id}',
    ...(access ? { containerAccessType: access } : {}),
  });
const networkRules = (defaultAction: string) => (stack: Parameters<typeof storageAccount>[0]) =>
  new StorageAccountNetworkRulesA(stack, 'subject', { storageAccountId: '${azurerm_storage_account.s.id}', defaultAction });

export const STORAGE_CASES: CaseTable = {
  'CSA-ST-001': {
    compliance: {
      'public network access off': (s) => storageAccount(s),
      'on from selected networks only (Deny, no IP or subnet rules)': (s) => storageAccount(s, { publicNetworkAccessEnabled: true }),
    },
    noncompliance: {
      'on with default Allow': (s) => storageAccount(s, { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Allow' } }),
      'on with an IP rule': (s) =>
        storageAccount(s, { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } }),
      'on with a subnet rule': (s) =>
        storageAccount(s, { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Deny', virtualNetworkSubnetIds: ['${azurerm_subnet.x.id}'] } }),
      'on without network rules': (s) => storageAccount(s, { publicNetworkAccessEnabled: true, networkRules: undefined }),
      'left to the provider default': (s) => storageAccount(s, { publicNetworkAccessEnabled: undefined }),
      'computed from an expression': (s) => storageAccount(s, { publicNetworkAccessEnabled: '${var.public}' as unknown as boolean }),
    },
  },
  'CSA-ST-010': {
    compliance: {
      'instance rules with public access from selected networks': (s) =>
        storageAccount(s, {
          publicNetworkAccessEnabled: true,
          networkRules: { defaultAction: 'Deny', privateLinkAccess: [{ endpointResourceId: '${azurerm_purview_account.p.id}', endpointTenantId: 't' }] },
        }),
    },
    noncompliance: {
      'instance rules with public access disabled': (s) =>
        storageAccount(s, {
          networkRules: { defaultAction: 'Deny', privateLinkAccess: [{ endpointResourceId: '${azurerm_purview_account.p.id}', endpointTenantId: 't' }] },
        }),
    },
    notApplicable: { 'no instance rules': (s) => storageAccount(s) },
  },
  'CSA-ST-002': {
    compliance: { 'shared keys off': (s) => storageAccount(s) },
    noncompliance: {
      'shared keys on': (s) => storageAccount(s, { sharedAccessKeyEnabled: true }),
      'left to the provider default (on)': (s) => storageAccount(s, { sharedAccessKeyEnabled: undefined }),
    },
  },
  'CSA-ST-003': {
    compliance: { TLS1_2: (s) => storageAccount(s), TLS1_3: (s) => storageAccount(s, { minTlsVersion: 'TLS1_3' }) },
    noncompliance: {
      TLS1_0: (s) => storageAccount(s, { minTlsVersion: 'TLS1_0' }),
      TLS1_1: (s) => storageAccount(s, { minTlsVersion: 'TLS1_1' }),
      'not set': (s) => storageAccount(s, { minTlsVersion: undefined }),
    },
  },
  'CSA-ST-004': {
    compliance: { 'HTTPS only': (s) => storageAccount(s) },
    noncompliance: {
      'HTTP allowed': (s) => storageAccount(s, { httpsTrafficOnlyEnabled: false }),
      'not set': (s) => storageAccount(s, { httpsTrafficOnlyEnabled: undefined }),
    },
  },
  'CSA-ST-005': {
    compliance: { 'nested public access forbidden': (s) => storageAccount(s) },
    noncompliance: {
      'nested public access allowed': (s) => storageAccount(s, { allowNestedItemsToBePublic: true }),
      'left to the provider default (allowed)': (s) => storageAccount(s, { allowNestedItemsToBePublic: undefined }),
    },
  },
  'CSA-ST-006': {
    compliance: { 'network_rules default Deny': (s) => storageAccount(s), 'separate network rules resource, Deny': networkRules('Deny') },
    noncompliance: {
      'network_rules default Allow': (s) => storageAccount(s, { networkRules: { defaultAction: 'Allow' } }),
      'no network_rules block': (s) => storageAccount(s, { networkRules: undefined }),
      'separate network rules resource, Allow': networkRules('Allow'),
    },
  },
  'CSA-ST-007': {
    compliance: { 'cross-tenant replication off': (s) => storageAccount(s) },
    noncompliance: {
      'cross-tenant replication on': (s) => storageAccount(s, { crossTenantReplicationEnabled: true }),
      'not set': (s) => storageAccount(s, { crossTenantReplicationEnabled: undefined }),
    },
  },
  'CSA-ST-008': {
    compliance: {
      '7 days for blobs and containers': (s) => storageAccount(s),
      '30 days': (s) => storageAccount(s, { blobProperties: { deleteRetentionPolicy: { days: 30 }, containerDeleteRetentionPolicy: { days: 30 } } }),
    },
    noncompliance: {
      'blob soft delete below 7 days': (s) =>
        storageAccount(s, { blobProperties: { deleteRetentionPolicy: { days: 3 }, containerDeleteRetentionPolicy: { days: 7 } } }),
      'no container soft delete': (s) => storageAccount(s, { blobProperties: { deleteRetentionPolicy: { days: 7 } } }),
      'no blob_properties': (s) => storageAccount(s, { blobProperties: undefined }),
    },
  },
  'CSA-ST-009': {
    compliance: { 'private container': container('private') },
    noncompliance: { 'blob access': container('blob'), 'container access': container('container'), 'not set': container() },
  },
};
