import { noSecretsInPlan } from '../../lib/policy/plan-rules/no-secrets-in-plan';
import { TerraformPlan } from '../../lib/policy/plan-rules/plan-rule';

/*
 * CSA-PLAN-003 on JSON-syntax configuration: `terraform show -json` renders cdktf's
 * `"admin_password": "${random_password.p.result}"` as a constant template that references
 * the password (seen on the self-hosted runtime's scale set). That is a reference, not a
 * literal credential; a literal, or a template mixing literal text in, still is one.
 */
const configured = (expression: Record<string, unknown>): TerraformPlan => ({
  configuration: {
    root_module: {
      resources: [
        {
          address: 'azurerm_windows_virtual_machine_scale_set.s',
          type: 'azurerm_windows_virtual_machine_scale_set',
          expressions: { admin_password: expression },
        },
      ],
    },
  },
});

it('passes a password that is only a reference, as Terraform shows JSON configuration', () => {
  const plan = configured({ constant_value: '${random_password.p.result}', references: ['random_password.p.result', 'random_password.p'] });
  expect(noSecretsInPlan.check(plan)).toEqual([]);
});

it.each([
  ['a literal', { constant_value: 'P@ssw0rd!' }],
  ['a literal that looks like a template but references nothing', { constant_value: '${literal}' }],
  ['a template with literal text', { constant_value: 'Pw-${random_password.p.result}', references: ['random_password.p.result', 'random_password.p'] }],
])('still reports %s', (_what, expression) => {
  expect(noSecretsInPlan.check(configured(expression))).toEqual([
    { address: 'azurerm_windows_virtual_machine_scale_set.s', detail: 'admin_password is a literal credential' },
  ]);
});
