import { SECRET_ARGUMENT, SECRET_VALUE } from '../../catalog/secret-patterns';
import { PlanRule, PlanViolation } from './plan-rule';

/** Every string in a value, with its path. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, path ? `${path}.${key}` : key);
}

/**
 * Literal arguments of a configured resource: `constant_value`s, through nested blocks
 * (lists of expression objects), with their argument paths.
 */
function* constants(expressions: unknown, path: string): Generator<[string, unknown]> {
  if (Array.isArray(expressions)) {
    for (const [i, item] of expressions.entries()) yield* constants(item, `${path}[${i}]`);
    return;
  }
  if (!expressions || typeof expressions !== 'object') return;
  for (const [key, expression] of Object.entries(expressions)) {
    const where = path ? `${path}.${key}` : key;
    if (expression && typeof expression === 'object' && 'constant_value' in expression) {
      const { constant_value: value, references } = expression as { constant_value: unknown; references?: unknown[] };
      // JSON-syntax configuration (cdktf's) shows `"${x.y.z}"` as a constant template that references x.y: a reference, not a literal.
      const reference = Array.isArray(references) && references.length > 0 && typeof value === 'string' && /^\$\{[^${}]+\}$/.test(value);
      if (!reference) yield [where, value];
    } else yield* constants(expression, where);
  }
}

export const noSecretsInPlan: PlanRule = {
  id: 'CSA-PLAN-003',
  severity: 'error',
  title: 'No configured argument, variable or output of the plan holds something that looks like a secret',
  rationale:
    'Plan files and state are read by CI logs, reviewers and every stack that reads remote state; a password, key, SAS token or connection string written into configuration or exported as an output is disclosed to all of them. Secrets the provider computes itself (e.g. primary_access_key) are not configuration and are not reported.',
  fix: 'authenticate with Entra ID and managed identities instead of keys and passwords; pass unavoidable secrets through write-only arguments (*_wo) or Key Vault references, never literals or outputs',
  check: (plan) => {
    const violations: PlanViolation[] = [];
    for (const resource of plan.configuration?.root_module?.resources ?? []) {
      for (const [argument, value] of constants(resource.expressions, '')) {
        const last =
          argument
            .replace(/\[\d+\]/g, '')
            .split('.')
            .pop() ?? '';
        if (SECRET_ARGUMENT.test(last) && typeof value === 'string' && value.length > 0) {
          violations.push({ address: resource.address, detail: `${argument} is a literal credential` });
        }
        for (const [at, text] of strings(value, argument)) {
          if (SECRET_VALUE.test(text)) violations.push({ address: resource.address, detail: `${at} holds a secret-looking value` });
        }
      }
    }
    for (const [name, variable] of Object.entries(plan.variables ?? {})) {
      for (const [at] of [...strings(variable.value, '')].filter(([, text]) => SECRET_VALUE.test(text))) {
        violations.push({ address: `var.${name}`, detail: `${at || 'value'} holds a secret-looking value` });
      }
    }
    for (const [name, change] of Object.entries(plan.output_changes ?? {})) {
      if (change.after_sensitive === true)
        violations.push({ address: `output.${name}`, detail: 'is sensitive: a secret exported to every reader of the state' });
      for (const [at] of [...strings(change.after, '')].filter(([, text]) => SECRET_VALUE.test(text))) {
        violations.push({ address: `output.${name}`, detail: `${at || 'value'} holds a secret-looking value` });
      }
    }
    return violations;
  },
};
