import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';
import { BuiltInRole } from '../../catalog/roles';
import { RoleAssignment } from './role-assignment';

/** One grant: who gets which role where. */
export interface Grant {
  readonly role: BuiltInRole;
  readonly principalId: string;
  readonly scope: string;
}

export interface GrantsProps {
  /** The subscription every scope lies in (the role definition id is written subscription-scoped). */
  readonly subscriptionId: string;
  /** Grants keyed by a stable, name-derived id: the key is the construct id. */
  readonly grants: Readonly<Record<string, Grant>>;
  /**
   * Provider for the scope's subscription (role assignments another zone's resources).
   * @default - the stack's default provider
   */
  readonly provider?: AzurermProvider;
}

/**
 * A set of role assignments in one subscription, keyed by what they grant, so an
 * item's access picture reads like the reference's RBAC table and entries can come and
 * go without moving the others.
 */
export class Grants extends Construct {
  /** Every grant, by construct id. */
  readonly grants: Readonly<Record<string, Grant>>;
  readonly assignments: Readonly<Record<string, RoleAssignment>>;

  constructor(scope: Construct, id: string, props: GrantsProps) {
    super(scope, id);
    this.grants = props.grants;
    this.assignments = Object.fromEntries(
      Object.entries(props.grants).map(([key, grant]) => {
        const assignment = new RoleAssignment(this, key, { ...grant, subscriptionId: props.subscriptionId });
        if (props.provider) assignment.assignment.provider = props.provider;
        return [key, assignment];
      }),
    );
  }
}
