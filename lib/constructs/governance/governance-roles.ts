import { TerraformProvider } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

/**
 * The built-in roles governance assigns, by fixed definition id (the same in every tenant;
 * checked against Microsoft's built-in roles list). lib/constructs/shared/role-assignment.ts
 * holds the data-plane and workload roles; these are the operator and remediation ones.
 */
export const GOVERNANCE_ROLES = {
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Cost Management Reader': '72fafb9e-0641-4937-9268-a91bfd8191a3',
  'Support Request Contributor': 'cfd33db0-3dd1-45e3-aa9d-cdbdf3b6f24e',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
  'Tag Contributor': '4a9ae827-6dc8-4573-8ac7-8239d42aa03f',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Data Factory Contributor': '673868aa-7521-48a0-acc6-0f60742d39f5',
  'AzureML Data Scientist': 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
} as const;
export type GovernanceRole = keyof typeof GOVERNANCE_ROLES;

export interface GovernanceGrant {
  readonly role: GovernanceRole;
  readonly principalId: string;
  readonly principalType: 'Group' | 'ServicePrincipal';
  readonly scope: string;
  /** The subscription the scope lies in (the role definition id is written subscription-scoped, as Azure returns it). */
  readonly subscriptionId: string;
  readonly provider?: TerraformProvider;
}

/** One role assignment per grant, keyed by a stable id (the construct id). */
export function assignRoles(scope: Construct, grants: Readonly<Record<string, GovernanceGrant>>): Record<string, RoleAssignment> {
  return Object.fromEntries(
    Object.entries(grants).map(([key, grant]) => [
      key,
      new RoleAssignment(scope, key, {
        scope: grant.scope,
        roleDefinitionId: `/subscriptions/${grant.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${GOVERNANCE_ROLES[grant.role]}`,
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
