import { z } from 'zod';
import { RULE_IDS } from '../policy/rule-pack';
import { MIN_REASON_LENGTH } from '../policy/suppressions';
import { closest } from '../util/suggest';

/** `<type>.<name>` with `*` and `?` wildcards (cdktf logical ids: letters, digits, `_` and `-`). */
export const ADDRESS_GLOB = /^[a-z0-9_*?]+\.[A-Za-z0-9_*?-]+$/;

const suppression = z.strictObject({
  rule: z
    .string()
    .superRefine((value, ctx) => {
      if (RULE_IDS.includes(value)) return;
      const hint = closest(value, RULE_IDS);
      ctx.addIssue({ code: 'custom', message: `is not a rule of the policy pack${hint ? ` (did you mean "${hint}"?)` : ''}; the rules are listed in docs/policy-rules.md` });
    })
    .describe('The rule id, e.g. CSA-ST-001 (docs/policy-rules.md).'),
  stack: z
    .string()
    .max(64)
    .regex(/^(dmlz|dlz-[a-z][a-z0-9-]*)$/, { error: 'must be a stack name: dmlz or dlz-<landing zone name>' })
    .describe('The zone stack holding the resource: dmlz or dlz-<landing zone name>.'),
  address: z
    .string()
    .max(256)
    .regex(ADDRESS_GLOB, { error: 'must be a Terraform address "<type>.<name>" as in cdk.tf.json, with * and ? as wildcards' })
    .describe('The resource\'s Terraform address in the stack (e.g. azurerm_storage_account.<logical id>); * matches any characters, ? one.'),
  reason: z
    .string()
    .max(1000)
    .refine((value) => value.trim().length >= MIN_REASON_LENGTH, {
      error: `must explain in at least ${MIN_REASON_LENGTH} characters why the finding is acceptable (it is kept next to the suppressed finding)`,
    })
    .describe('Why the finding is acceptable: reviewed like code, at least 10 characters.'),
});

/** An estate accepting more findings than this has stopped using the rule pack. */
export const MAX_SUPPRESSIONS = 500;

export const suppressions = z
  .array(suppression)
  .max(MAX_SUPPRESSIONS)
  .default([])
  .describe('Policy findings the estate accepts, each for one rule, stack and address (glob), with a written reason. Suppressions that match no finding are reported as warnings.');
