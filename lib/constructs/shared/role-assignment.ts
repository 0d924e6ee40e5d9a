import { RoleAssignment as AzureRoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

/**
 * Built-in Azure roles the estate assigns, by their fixed definition ids (the same in
 * every tenant). Ids rather than names: a role's display name can change, its id cannot.
 */
export const BUILT_IN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Storage File Data Privileged Contributor': '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
  'Azure Event Hubs Data Sender': '2b629674-e913-4c01-ae53-ef4638d8f975',
  'Azure Event Hubs Data Receiver': 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** One role for one principal (Azure Verified Modules' `roleAssignments` entry). */
export interface RoleAssignmentOptions {
  readonly role: BuiltInRole;
  /** Object id of the principal (for a managed identity: its principal id). */
  readonly principalId: string;
  /**
   * `ServicePrincipal` for managed identities: Azure then skips the directory lookup that
   * fails while a just-created identity is still replicating.
   * @default 'ServicePrincipal'
   */
  readonly principalType?: 'ServicePrincipal' | 'User' | 'Group';
}

export interface RoleAssignmentProps extends RoleAssignmentOptions {
  /** What the role applies to (a resource, resource group or subscription id). */
  readonly scope: string;
  /** The subscription the scope lies in: the definition id is written subscription-scoped, as Azure returns it, so plans show no diff. */
  readonly subscriptionId: string;
}

/** A role assignment to a built-in role. */
export class RoleAssignment extends Construct {
  readonly assignment: AzureRoleAssignment;

  constructor(scope: Construct, id: string, props: RoleAssignmentProps) {
    super(scope, id);
    this.assignment = new AzureRoleAssignment(this, 'assignment', {
      scope: props.scope,
      roleDefinitionId: `/subscriptions/${props.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[props.role]}`,
      principalId: props.principalId,
      principalType: props.principalType ?? 'ServicePrincipal',
    });
  }
}
