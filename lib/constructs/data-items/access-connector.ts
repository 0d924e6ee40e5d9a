import { DatabricksAccessConnector } from '@cdktf/provider-azurerm/lib/databricks-access-connector';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';

export interface AccessConnectorProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The item's identity: the connector lends it to Databricks (Unity Catalog storage credentials). */
  readonly identity: UserAssignedIdentity;
}

/**
 * An Azure Databricks access connector carrying one item's identity: registered as a
 * Unity Catalog storage credential in the zone's shared workspace, jobs reach the item's
 * containers with exactly the item's grants (no storage keys, no service principal
 * secrets). The connector has no logs or metrics of its own.
 */
export class AccessConnector extends Construct {
  readonly connector: DatabricksAccessConnector;

  constructor(scope: Construct, id: string, props: AccessConnectorProps) {
    super(scope, id);
    this.connector = new DatabricksAccessConnector(this, 'connector', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      identity: { type: 'UserAssigned', identityIds: [props.identity.id] },
    });
  }
}
