import { z } from 'zod';
import { RULE_IDS } from '../policy/rule-pack';
import { MIN_REASON_LENGTH, reasonProblem } from '../policy/suppressions';
import { closest } from '../util/suggest';

/** `<type>.<name>` with `*` and `?` wildcards (cdktf logical ids: letters, digits, `_` and `-`). */
export const ADDRESS_GLOB = /^[a-z0-9_*?]+\.[A-Za-z0-9_*?-]+$/;

const suppression = z
  .strictObject({
    rule: z
      .string()
      .superRefine((value, ctx) => {
        if (RULE_IDS.includes(value)) return;
        const hint = closest(value, RULE_IDS);
        ctx.addIssue({
          code: 'custom',
          message: `is not a rule of the policy pack${hint ? ` (did you mean "${hint}"?)` : ''}; the rules are listed in docs/policy-rules.md`,
        });
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
      .describe("The resource's Terraform address in the stack (e.g. azurerm_storage_account.<logical id>); * matches any characters, ? one."),
    reason: z
      .string()
      .max(1000)
      .superRefine((value, ctx) => {
        const problem = reasonProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe(
        `Why the finding is acceptable: reviewed like code, at least ${MIN_REASON_LENGTH} visible characters (whitespace and invisible characters do not count).`,
      ),
    scope: z
      .literal('stack')
      .optional()
      .describe(
        "stack: the address is meant to accept the rule's findings on every resource of the stack (of its type), e.g. azurerm_key_vault.* or *.*. Required for an address whose name part (after the dot) has no letter or digit, and allowed only then. @default none: the address names resources",
      ),
  })
  .superRefine((value, ctx) => {
    if (typeof value.address !== 'string' || !ADDRESS_GLOB.test(value.address)) return;
    const wholeStack = isWholeStackAddress(value.address);
    if (wholeStack && value.scope !== 'stack') {
      const type = value.address.split('.')[0];
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: `has no letter or digit in its name part, so it names no resource and accepts every ${value.rule} finding in ${value.stack}${/[*?]/.test(type) ? '' : ` on ${type}`}; name the resources (e.g. azurerm_storage_account.landing-zone_storage_raw_*), or add scope: stack to accept the whole stack on purpose`,
      });
    }
    if (!wholeStack && value.scope === 'stack') {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: `is only for a whole-stack address, one without letter or digit in its name part (e.g. azurerm_key_vault.*), and "${value.address}" names resources; remove scope`,
      });
    }
  });

/**
 * An address that names no resource: its name part (the logical id, after the dot) has no
 * letter or digit, only wildcards and separators (`*`, `?`, `_`, `-`). Logical ids are
 * construct paths joined by `_`, so `azurerm_key_vault.*_*` accepts every vault as surely as
 * `azurerm_key_vault.*`; `*.*` accepts every resource of the stack.
 */
export function isWholeStackAddress(address: string): boolean {
  const dot = address.indexOf('.');
  return dot >= 0 && !/[A-Za-z0-9]/.test(address.slice(dot + 1));
}

/** An estate accepting more findings than this has stopped using the rule pack. */
export const MAX_SUPPRESSIONS = 500;

export const suppressions = z
  .array(suppression)
  .max(MAX_SUPPRESSIONS)
  .default([])
  .describe(
    'Policy findings the estate accepts, each for one rule, stack and address (glob), with a written reason. Suppressions that match no finding are reported as warnings.',
  );
