import { isExpression } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const keyVaultSecretNotLiteral: ResourceRule = {
  id: 'CSA-KV-006',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_key_vault_secret'],
  title: 'Key vault secrets are not written as literal values',
  rationale:
    'A literal `value` is written into cdk.tf.json, the Terraform plan and state, and from there into version control and CI logs: the secret is disclosed before it reaches the vault.',
  fix: 'set the secret outside Terraform, or pass it through value_wo (write-only) or a reference to the resource that generates it',
  check: (r) => {
    const value = r.attributes.value;
    return verdict(value === undefined || value === null || isExpression(value));
  },
};
