import { KeyVaultAccessPolicyA } from '@cdktf/provider-azurerm/lib/key-vault-access-policy';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { TerraformStack } from 'cdktf';
import { keyVault } from '../fixtures';
import { CaseTable } from './case-table';

const secret = (value?: string) => (stack: TerraformStack) =>
  new KeyVaultSecret(stack, 'subject', { name: 'secret', keyVaultId: '${azurerm_key_vault.k.id}', ...(value === undefined ? {} : { value }) });

export const KEY_VAULT_CASES: CaseTable = {
  'CSA-KV-001': {
    compliance: { 'purge protection on': (s) => keyVault(s) },
    noncompliance: {
      'purge protection off': (s) => keyVault(s, { purgeProtectionEnabled: false }),
      'not set': (s) => keyVault(s, { purgeProtectionEnabled: undefined }),
    },
  },
  'CSA-KV-002': {
    compliance: { 'RBAC, no access policies': (s) => keyVault(s), 'RBAC with an empty access policy list': (s) => keyVault(s, { accessPolicy: [] }) },
    noncompliance: {
      'access policy model': (s) => keyVault(s, { rbacAuthorizationEnabled: false }),
      'RBAC not set': (s) => keyVault(s, { rbacAuthorizationEnabled: undefined }),
      'RBAC plus inline access policies': (s) =>
        keyVault(s, {
          accessPolicy: [{ tenantId: '00000000-0000-0000-0000-000000000000', objectId: '11111111-1111-1111-1111-111111111111', secretPermissions: ['Get'] }],
        }),
      'a separate access policy resource': (s) =>
        new KeyVaultAccessPolicyA(s, 'subject', {
          keyVaultId: '${azurerm_key_vault.k.id}',
          tenantId: '00000000-0000-0000-0000-000000000000',
          objectId: '11111111-1111-1111-1111-111111111111',
        }),
    },
  },
  'CSA-KV-003': {
    compliance: { 'public network access off': (s) => keyVault(s) },
    noncompliance: {
      'public network access on': (s) => keyVault(s, { publicNetworkAccessEnabled: true }),
      'not set': (s) => keyVault(s, { publicNetworkAccessEnabled: undefined }),
    },
  },
  'CSA-KV-004': {
    compliance: { 'network ACL default Deny': (s) => keyVault(s) },
    noncompliance: {
      'network ACL default Allow': (s) => keyVault(s, { networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }),
      'no network ACLs': (s) => keyVault(s, { networkAcls: undefined }),
    },
  },
  'CSA-KV-005': {
    compliance: { '90 days': (s) => keyVault(s), '7 days': (s) => keyVault(s, { softDeleteRetentionDays: 7 }) },
    noncompliance: {
      'below 7 days': (s) => keyVault(s, { softDeleteRetentionDays: 3 }),
      'left to the provider default': (s) => keyVault(s, { softDeleteRetentionDays: undefined }),
    },
  },
  'CSA-KV-006': {
    compliance: { 'no value (set outside Terraform)': secret(), 'a reference': secret('${random_password.p.result}') },
    noncompliance: { 'a literal value': secret('hunter2-but-longer') },
  },
};
