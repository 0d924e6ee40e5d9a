/**
 * Azure Policy effects the estate uses, and what an assignment needs to act on them
 * (https://learn.microsoft.com/azure/governance/policy/concepts/effect-basics).
 */
import type { GovernanceRole } from './roles';

/** Zone-wide effects of the baseline initiative's Audit/Deny definitions. */
export const POLICY_EFFECTS = ['Audit', 'Deny'] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];
/** Effects an extra assignment may set (the definition must allow it). */
export const ASSIGNMENT_EFFECTS = ['Audit', 'Deny', 'Disabled', 'AuditIfNotExists', 'DeployIfNotExists', 'Modify', 'Append'] as const;
export type AssignmentEffect = (typeof ASSIGNMENT_EFFECTS)[number];
/** Effects whose assignment needs a managed identity (and roles) to act. */
export const IDENTITY_EFFECTS: readonly AssignmentEffect[] = ['DeployIfNotExists', 'Modify'];
/** Roles an extra DeployIfNotExists or Modify assignment's identity may get at the zone subscription. */
export const REMEDIATION_ROLES = [
  'Contributor',
  'Log Analytics Contributor',
  'Monitoring Contributor',
  'Tag Contributor',
  'Network Contributor',
] as const satisfies readonly GovernanceRole[];
export type RemediationRole = (typeof REMEDIATION_ROLES)[number];
