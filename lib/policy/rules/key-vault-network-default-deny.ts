import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const keyVaultNetworkDefaultDeny: ResourceRule = {
  id: 'CSA-KV-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault'],
  title: 'Key vault firewalls deny by default',
  rationale: 'If public access is ever switched back on, a default Allow network ACL exposes the vault to every network at once.',
  fix: 'set network_acls.default_action = "Deny" (bypass "AzureServices" for trusted services)',
  check: (r) => verdict(block(r.attributes, 'network_acls')?.default_action === 'Deny'),
};
