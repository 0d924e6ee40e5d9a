import { z } from 'zod';
import { BASELINE_ASSIGNMENT, BASELINE_REFERENCE_IDS } from '../catalog/policy-definitions';
import { ASSIGNMENT_EFFECTS, IDENTITY_EFFECTS, POLICY_EFFECTS, PolicyEffect, REMEDIATION_ROLES } from '../catalog/policy-effects';
import { closest } from '../util/suggest';
import { visibleLength } from '../policy/suppressions';
import { expiryProblem } from './governance-checks';

/**
 * The governance fields of the estate file (issue #10): Azure Policy per zone, Entra
 * groups per role, cost centers and budgets. Strict like the rest of the schema; every
 * field is described for docs/estate-format-reference.md. docs/governance.md explains
 * what each produces.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// Azure Policy facts live in the catalog; re-exported for the schema's users.
export { ASSIGNMENT_EFFECTS, IDENTITY_EFFECTS, POLICY_EFFECTS, REMEDIATION_ROLES } from '../catalog/policy-effects';
export type { AssignmentEffect, PolicyEffect, RemediationRole } from '../catalog/policy-effects';

/** The default of `governance.policy.effect` in every zone. */
export const DEFAULT_POLICY_EFFECT: PolicyEffect = 'Deny';
/** The default alert thresholds of a budget, in percent of its amount. */
export const DEFAULT_BUDGET_THRESHOLDS = [50, 80, 100];

export const groupId = z.string().regex(GUID, {
  error: 'must be an Entra group object id, a GUID like 00000000-0000-0000-0000-000000000000 (groups are named by id, never by display name or user)',
});

const groups = (what: string) =>
  z
    .array(groupId)
    .max(20, { error: 'at most 20 groups per role; nest groups in Entra ID instead' })
    .default([])
    .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, { error: 'lists a group twice' })
    .describe(what);

/** A landing zone's groups. */
export const zoneAccess = z
  .strictObject({
    zoneAdmins: groups(
      'Entra group object ids that operate the zone: Reader, Cost Management Reader and Support Request Contributor on the zone subscription (the zone itself changes only through this code).',
    ),
    dataEngineers: groups("Entra group object ids that build on the zone's data: Storage Blob Data Contributor on the raw, enriched and workspace lakes."),
    dataReaders: groups("Entra group object ids that read the zone's curated data: Storage Blob Data Reader on the enriched and workspace lakes."),
  })
  .optional()
  .describe('Entra groups (object ids) per role on the whole landing zone; docs/governance.md lists the role assignments.');

/** A data integration's or product's groups. */
export const itemAccess = z
  .strictObject({
    dataEngineers: groups(
      'Entra group object ids that build this item: Storage Blob Data Contributor on its data location and Contributor on its own resource group.',
    ),
    dataReaders: groups(
      "Entra group object ids that read this item's data: Storage Blob Data Reader on its data location (integrations: the enriched container; products: the workspace container).",
    ),
  })
  .optional()
  .describe('Entra groups (object ids) per role on this item; docs/governance.md lists the role assignments.');

export const costCenter = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'is at most 256 characters (an Azure tag value)' })
  .regex(/^[^<>%&\\?/]+$/, { error: 'must not contain < > % & \\ ? /' })
  .optional();

export const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const budget = z
  .strictObject({
    amount: z
      .number()
      .positive({ error: 'must be a positive amount in the billing currency' })
      .max(1e9)
      .describe("Monthly amount in the billing account's currency."),
    contactEmails: z
      .array(z.string().max(254).regex(EMAIL, { error: 'must be an email address like finance@example.com' }))
      .min(1, { error: 'needs at least one address: a budget nobody is told about alerts nobody' })
      .max(50)
      .describe('Who is emailed when spend crosses a threshold; at least one.'),
    thresholds: z
      .array(
        z
          .number()
          .int({ error: 'must be a whole percentage' })
          .min(1, { error: 'must be at least 1 (percent)' })
          .max(1000, { error: 'must be at most 1000 (percent)' }),
      )
      .min(1)
      .max(5, { error: 'at most 5 thresholds (Azure allows 5 notifications per budget)' })
      .default(DEFAULT_BUDGET_THRESHOLDS)
      .refine((values) => new Set(values).size === values.length, { error: 'lists a threshold twice' })
      .describe('Alert thresholds in percent of the amount (actual spend). @default [50, 80, 100]'),
  })
  .optional();

const assignmentName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,23}$/, { error: 'must be 2-24 characters of a-z, 0-9 and "-", starting with a letter' })
  .refine((name) => name !== BASELINE_ASSIGNMENT, { error: `"${BASELINE_ASSIGNMENT}" is the zone's baseline initiative; choose another name` });

const parameterValue = z.union([z.string().max(4096), z.number(), z.boolean(), z.array(z.union([z.string().max(4096), z.number(), z.boolean()])).max(200)]);

const policyAssignment = z.strictObject({
  name: assignmentName.describe("Unique in the zone; part of the assignment's Azure name. Exemptions name it."),
  definitionId: z
    .string()
    .regex(/^(\/providers\/Microsoft\.Authorization\/policy(Set)?Definitions\/)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
      error:
        'must be a built-in policy definition or initiative id: /providers/Microsoft.Authorization/policyDefinitions/<guid>, .../policySetDefinitions/<guid>, or the bare <guid> of a definition',
    })
    .describe('A built-in definition (or initiative) id, or the bare GUID of a built-in definition.'),
  parameters: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/, { error: 'parameter names are letters, digits and "_"' }), parameterValue)
    .optional()
    .describe('Parameter values by name, as the definition declares them (an effect given in `effect` is added as "effect").'),
  effect: z
    .enum(ASSIGNMENT_EFFECTS)
    .optional()
    .describe('Sets the definition\'s "effect" parameter. DeployIfNotExists and Modify get a system-assigned identity. @default the definition\'s default'),
  roles: z
    .array(z.enum(REMEDIATION_ROLES))
    .max(5)
    .optional()
    .describe(
      "DeployIfNotExists and Modify only: roles the assignment's identity gets on the zone subscription, as the definition's roleDefinitionIds list them.",
    ),
});

const exemption = z.strictObject({
  assignment: z
    .string()
    .min(1)
    .max(24)
    .describe(`The exempted assignment: "${BASELINE_ASSIGNMENT}" (the zone's initiative) or the name of one of governance.policy.assignments.`),
  policies: z
    .array(z.string().max(64))
    .max(50)
    .optional()
    .describe(`Baseline only: the initiative's reference ids to exempt (e.g. allowed-locations); docs/governance.md lists them. @default the whole assignment`),
  reason: z
    .string({ error: 'is required: say why the zone may deviate (kept on the exemption in Azure)' })
    .max(1000)
    .refine((value) => visibleLength(value) >= 10, {
      error:
        'must explain in at least 10 visible characters why the zone may deviate (whitespace and invisible characters such as zero-width spaces do not count)',
    })
    .describe("Why the zone may deviate; kept as the exemption's description."),
  expiresOn: z
    .string({ error: 'is required: exemptions are temporary; give the date YYYY-MM-DD they end' })
    .superRefine((value, ctx) => {
      const problem = expiryProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('YYYY-MM-DD, within 5 years; an exemption whose date has passed is an error.'),
  category: z.enum(['Waiver', 'Mitigated']).default('Waiver').describe('Waiver: accepted risk; Mitigated: met by other means. @default Waiver'),
});

export const zonePolicy = z
  .strictObject({
    effect: z
      .enum(POLICY_EFFECTS)
      .default(DEFAULT_POLICY_EFFECT)
      .describe("Effect of the baseline initiative's Audit/Deny definitions in this zone. @default Deny"),
    assignments: z.array(policyAssignment).max(50).default([]).describe('Further built-in definitions or initiatives assigned to the zone subscription.'),
    exemptions: z.array(exemption).max(50).default([]).describe('Temporary exemptions of this zone, each with a reason and an expiry date.'),
  })
  .superRefine((policy, ctx) => {
    const names = new Set<string>();
    policy.assignments.forEach((assignment, i) => {
      if (names.has(assignment.name))
        ctx.addIssue({ code: 'custom', path: ['assignments', i, 'name'], message: 'is already the name of another assignment of this zone' });
      names.add(assignment.name);
      const needsIdentity = assignment.effect !== undefined && IDENTITY_EFFECTS.includes(assignment.effect);
      if (assignment.roles && !needsIdentity) {
        ctx.addIssue({
          code: 'custom',
          path: ['assignments', i, 'roles'],
          message: 'applies to DeployIfNotExists and Modify assignments only (set effect), since only they get an identity',
        });
      }
    });
    policy.exemptions.forEach((ex, i) => {
      const known = [BASELINE_ASSIGNMENT, ...names];
      if (!known.includes(ex.assignment)) {
        const hint = closest(ex.assignment, known);
        ctx.addIssue({
          code: 'custom',
          path: ['exemptions', i, 'assignment'],
          message: `is not an assignment of this zone${hint ? ` (did you mean "${hint}"?)` : ''}; use one of ${known.map((k) => `"${k}"`).join(', ')}`,
        });
      }
      if (ex.policies && ex.assignment !== BASELINE_ASSIGNMENT) {
        ctx.addIssue({
          code: 'custom',
          path: ['exemptions', i, 'policies'],
          message: `only exemptions of "${BASELINE_ASSIGNMENT}" name policies (an extra assignment holds one definition)`,
        });
      } else {
        ex.policies?.forEach((ref, j) => {
          if (BASELINE_REFERENCE_IDS.includes(ref)) return;
          const hint = closest(ref, BASELINE_REFERENCE_IDS);
          ctx.addIssue({
            code: 'custom',
            path: ['exemptions', i, 'policies', j],
            message: `is not a policy of the baseline initiative${hint ? ` (did you mean "${hint}"?)` : ''}; docs/governance.md lists them`,
          });
        });
      }
    });
  })
  .default({ effect: DEFAULT_POLICY_EFFECT, assignments: [], exemptions: [] })
  .describe('Azure Policy on the zone subscription: the baseline initiative, extra assignments and exemptions.');

export const zoneGovernance = z
  .strictObject({ policy: zonePolicy })
  .default({ policy: { effect: DEFAULT_POLICY_EFFECT, assignments: [], exemptions: [] } })
  .describe('Governance as deployed in this zone (docs/governance.md).');

export type ZonePolicyFile = z.infer<typeof zonePolicy>;
export type BudgetFile = NonNullable<z.infer<typeof budget>>;
