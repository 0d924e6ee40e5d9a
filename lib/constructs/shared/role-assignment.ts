import { RoleAssignment as AzureRoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { BUILT_IN_ROLES, BuiltInRole } from '../../catalog/roles';

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
