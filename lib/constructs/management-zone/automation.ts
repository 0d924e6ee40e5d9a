import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { RoleAssignment } from '../shared/role-assignment';
import { Placement } from '../shared/vocabulary';

export interface AutomationProps extends Placement {
  readonly subscriptionId: string;
  readonly identityName: string;
  /** The Purview account the identity administers. */
  readonly purviewAccountId: string;
}

/**
 * The automation identity (the reference's `<name>-uai001`), for post-deployment jobs on
 * Purview such as adding root collection admins.
 *
 * The reference makes it Owner of the whole governance resource group. That group also
 * holds the Key Vault, so the identity could grant itself (or anyone) access to every
 * secret. Here it is Owner of the Purview account only: enough for
 * `addRootCollectionAdmin` and Purview settings, nothing on the vault.
 */
export class Automation extends Construct {
  readonly identity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: AutomationProps) {
    super(scope, id);
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.identityName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    new RoleAssignment(this, 'purview-owner', {
      role: 'Owner',
      principalId: this.identity.principalId,
      scope: props.purviewAccountId,
      subscriptionId: props.subscriptionId,
    });
  }
}
