import { Construct } from 'constructs';
import { DataItemNames, EngineNamesOf } from '../../naming/item-names';
import { AccessConnector } from '../data-items/access-connector';
import { DataItemContext, ItemIdentity } from '../data-items/item-context';
import { Grant } from '../shared/grants';

export interface DatabricksIntegrationProps {
  readonly names: DataItemNames & EngineNamesOf<'databricks'>;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
}

/**
 * Engine `databricks`: Spark jobs in the zone's shared integration workspace, with no
 * dedicated deployment (as Relecloud's telemetry). What the integration owns is the
 * access connector that lends its identity to the workspace.
 */
export class DatabricksIntegration extends Construct {
  readonly accessConnector: AccessConnector;
  /** Nothing beyond the integration's own grants: the connector acts as its identity. */
  readonly grants: Readonly<Record<string, Grant>> = {};

  constructor(scope: Construct, id: string, props: DatabricksIntegrationProps) {
    super(scope, id);
    const { names, context } = props;
    this.accessConnector = new AccessConnector(this, 'access-connector', {
      name: names.accessConnector,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      identity: props.identity,
    });
  }
}
