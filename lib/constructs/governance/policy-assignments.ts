import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { Construct } from 'constructs';
import { IDENTITY_EFFECTS } from '../../catalog/policy-effects';
import { suppressRule } from '../../policy/suppressions';
import { assignRoles, GovernanceGrant, roleKey } from './governance-roles';
import type { PolicyAssignmentSpec } from '../../contract/governance';

export interface PolicyAssignmentsProps {
  readonly subscriptionId: string;
  readonly location: string;
  readonly assignments: readonly PolicyAssignmentSpec[];
  /** Azure names by estate-file name. */
  readonly names: Readonly<Record<string, string>>;
  readonly notScopes: readonly string[];
}

/**
 * A zone's extra assignments (`governance.policy.assignments`): built-in definitions or
 * initiatives on the zone subscription, with their parameters and effect. DeployIfNotExists
 * and Modify assignments get a system-assigned identity, a location and the roles the estate
 * names for them.
 */
export class PolicyAssignments extends Construct {
  readonly assignments: Readonly<Record<string, SubscriptionPolicyAssignment>>;

  constructor(scope: Construct, id: string, props: PolicyAssignmentsProps) {
    super(scope, id);
    const subscription = `/subscriptions/${props.subscriptionId}`;
    const made: Record<string, SubscriptionPolicyAssignment> = {};
    for (const spec of props.assignments) {
      const parameters: Record<string, { value: unknown }> = Object.fromEntries(Object.entries(spec.parameters ?? {}).map(([k, v]) => [k, { value: v }]));
      if (spec.effect) parameters.effect = { value: spec.effect };
      const needsIdentity = spec.effect !== undefined && IDENTITY_EFFECTS.includes(spec.effect);
      const assignment = new SubscriptionPolicyAssignment(this, spec.name, {
        name: props.names[spec.name],
        displayName: `${spec.name} (estate assignment)`,
        subscriptionId: subscription,
        policyDefinitionId: spec.definitionId,
        notScopes: props.notScopes.map((rg) => `${subscription}/resourceGroups/${rg}`),
        ...(Object.keys(parameters).length ? { parameters: JSON.stringify(parameters) } : {}),
        ...(needsIdentity ? { identity: { type: 'SystemAssigned' }, location: props.location } : {}),
      });
      made[spec.name] = assignment;
      if (needsIdentity && spec.roles?.length) {
        const roles = new Construct(this, `${spec.name}-roles`);
        const grants: Record<string, GovernanceGrant> = Object.fromEntries(
          spec.roles.map((role) => [
            roleKey(role),
            {
              role,
              principalId: assignment.identity.principalId,
              principalType: 'ServicePrincipal' as const,
              scope: subscription,
              subscriptionId: props.subscriptionId,
            },
          ]),
        );
        assignRoles(roles, grants);
        if (spec.roles.includes('Contributor')) {
          suppressRule(
            roles,
            'CSA-IAM-001',
            "The estate file names Contributor for this DeployIfNotExists/Modify assignment, as its definition's roleDefinitionIds declare; remediation acts at the assignment scope, the zone subscription.",
          );
        }
      }
    }
    this.assignments = made;
  }
}
