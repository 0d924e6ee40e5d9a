import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformResource, TerraformStack } from 'cdktf';
import { keyVault, logAnalyticsWorkspace, purviewAccount, storageAccount } from '../fixtures';
import { CaseTable } from './case-table';

const TAGS = { estate: 'relecloud', environment: 'prod', zone: 'dmlz', 'managed-by': 'csa-estate' };

/** A diagnostic setting in the same stack, pointing at `target` (or at `targetId`). */
function diagnosed(
  stack: TerraformStack,
  target: TerraformResource,
  targetId = `\${${target.terraformResourceType}.${target.friendlyUniqueId}.id}`,
): TerraformResource {
  new MonitorDiagnosticSetting(stack, 'diagnostics', {
    name: 'diag',
    targetResourceId: targetId,
    logAnalyticsWorkspaceId: '${data.terraform_remote_state.dmlz.outputs.log_analytics_workspace_id}',
    enabledLog: [{ categoryGroup: 'allLogs' }],
  });
  return target;
}

const OWNER = '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';
const role = (scope: string, definition: { roleDefinitionId?: string; roleDefinitionName?: string }) => (stack: TerraformStack) =>
  new RoleAssignment(stack, 'subject', { scope, principalId: '${azurerm_user_assigned_identity.i.principal_id}', ...definition });

export const GOVERNANCE_CASES: CaseTable = {
  'CSA-PV-001': {
    compliance: { 'public network access off': (s) => purviewAccount(s) },
    noncompliance: {
      'public network access on': (s) => purviewAccount(s, { publicNetworkEnabled: true }),
      'not set': (s) => purviewAccount(s, { publicNetworkEnabled: undefined }),
    },
  },
  'CSA-LA-001': {
    compliance: { 'local auth off': (s) => logAnalyticsWorkspace(s) },
    noncompliance: {
      'local auth on': (s) => logAnalyticsWorkspace(s, { localAuthenticationEnabled: true }),
      'only the deprecated local_authentication_disabled': (s) =>
        logAnalyticsWorkspace(s, { localAuthenticationEnabled: undefined, localAuthenticationDisabled: true }),
    },
  },
  'CSA-LA-002': {
    compliance: { 'internet ingestion off': (s) => logAnalyticsWorkspace(s) },
    noncompliance: {
      'internet ingestion on': (s) => logAnalyticsWorkspace(s, { internetIngestionEnabled: true }),
      'not set': (s) => logAnalyticsWorkspace(s, { internetIngestionEnabled: undefined }),
    },
  },
  'CSA-LA-003': {
    compliance: { '120 days': (s) => logAnalyticsWorkspace(s), '90 days': (s) => logAnalyticsWorkspace(s, { retentionInDays: 90 }) },
    noncompliance: {
      '30 days': (s) => logAnalyticsWorkspace(s, { retentionInDays: 30 }),
      'left to the default (30)': (s) => logAnalyticsWorkspace(s, { retentionInDays: undefined }),
    },
  },
  'CSA-MON-001': {
    compliance: {
      'a key vault with a diagnostic setting': (s) => diagnosed(s, keyVault(s)),
      'a storage account with a metrics-only setting': (s) => diagnosed(s, storageAccount(s)),
    },
    noncompliance: {
      'a key vault without one': (s) => keyVault(s),
      'a setting on the blob service only (not the account)': (s) => {
        const account = storageAccount(s);
        return diagnosed(s, account, `\${azurerm_storage_account.${account.friendlyUniqueId}.id}/blobServices/default`);
      },
      'a setting for another resource': (s) => diagnosed(s, keyVault(s), '${azurerm_key_vault.other.id}'),
    },
  },
  'CSA-TAG-001': {
    compliance: { 'all four tags': (s) => new ResourceGroup(s, 'subject', { name: 'rg', location: 'westeurope', tags: { ...TAGS, costCenter: '4711' } }) },
    noncompliance: {
      'no tags': (s) => new ResourceGroup(s, 'subject', { name: 'rg', location: 'westeurope' }),
      'zone tag missing': (s) =>
        new ResourceGroup(s, 'subject', { name: 'rg', location: 'westeurope', tags: { estate: 'relecloud', environment: 'prod', 'managed-by': 'csa-estate' } }),
      'empty managed-by': (s) => new ResourceGroup(s, 'subject', { name: 'rg', location: 'westeurope', tags: { ...TAGS, 'managed-by': '' } }),
    },
  },
  'CSA-IAM-001': {
    compliance: {
      'Owner on one resource': role('${azurerm_purview_account.p.id}', { roleDefinitionId: OWNER }),
      'Contributor by name on one resource': role('${azurerm_databricks_workspace.w.id}', { roleDefinitionName: 'Contributor' }),
    },
    noncompliance: {
      'Owner on a subscription': role('/subscriptions/00000000-0000-0000-0000-000000000001', { roleDefinitionId: OWNER }),
      'Owner on a resource group id': role('/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-x', { roleDefinitionId: OWNER }),
      'User Access Administrator on a resource group reference': role('${azurerm_resource_group.rg.id}', { roleDefinitionName: 'User Access Administrator' }),
      'Contributor on a management group': role('/providers/Microsoft.Management/managementGroups/corp', { roleDefinitionName: 'contributor' }),
      'Owner on the current subscription': role('${data.azurerm_subscription.current.id}', { roleDefinitionId: OWNER }),
    },
    notApplicable: { 'Reader on a subscription (not privileged)': role('/subscriptions/00000000-0000-0000-0000-000000000001', { roleDefinitionId: READER }) },
  },
};
