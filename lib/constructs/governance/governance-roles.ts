import { TerraformProvider } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { BUILT_IN_ROLES, GovernanceRole } from '../../catalog/roles';

export interface GovernanceGrant {
  readonly role: GovernanceRole;
  readonly principalId: string;
  readonly principalType: 'Group' | 'ServicePrincipal';
  readonly scope: string;
  /** The subscription the scope lies in (the role definition id is written subscription-scoped, as Azure returns it). */
  readonly subscriptionId: string;
  /**
   * Provider for the scope's subscription.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/** One role assignment per grant, keyed by a stable id (the construct id). */
export function assignRoles(scope: Construct, grants: Readonly<Record<string, GovernanceGrant>>): Record<string, RoleAssignment> {
  return Object.fromEntries(
    Object.entries(grants).map(([key, grant]) => [
      key,
      new RoleAssignment(scope, key, {
        scope: grant.scope,
        roleDefinitionId: `/subscriptions/${grant.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[grant.role]}`,
        principalId: grant.principalId,
        principalType: grant.principalType,
        ...(grant.provider ? { provider: grant.provider } : {}),
      }),
    ]),
  );
}

/** `Cost Management Reader` -> `cost-management-reader`, for construct ids. */
export function roleKey(role: string): string {
  return role.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
