import { Construct } from 'constructs';
import { DataItemNames, EngineNamesOf } from '../../naming/item-names';
import { DedicatedSparkPool } from '../data-items/dedicated-spark-pool';
import { DataItemContext } from '../data-items/item-context';
import { Grant } from '../shared/grants';

export interface SynapseIntegrationProps {
  readonly integrationName: string;
  readonly names: DataItemNames & EngineNamesOf<'synapse'>;
  readonly context: DataItemContext;
  /** The zone's shared Synapse workspace. */
  readonly synapseWorkspaceId: string;
}

/**
 * Engine `synapse`: pipelines in the zone's shared Synapse workspace with a dedicated
 * Spark pool for this integration (Relecloud's billing customers and invoices): the
 * pool is the cost and compute boundary, tagged with the integration.
 *
 * Identity nuance: a pool has no identity of its own; notebooks and pipelines run as the
 * workspace's identity (or the signed-in user). The integration's user-assigned identity,
 * carried by the workspace, holds the integration's grants; pipelines use it through a
 * Synapse credential (docs/data-products.md).
 */
export class SynapseIntegration extends Construct {
  readonly sparkPool: DedicatedSparkPool;
  readonly grants: Readonly<Record<string, Grant>> = {};

  constructor(scope: Construct, id: string, props: SynapseIntegrationProps) {
    super(scope, id);
    const { names, context } = props;
    this.sparkPool = new DedicatedSparkPool(this, 'spark-pool', {
      name: names.sparkPool,
      synapseWorkspaceId: props.synapseWorkspaceId,
      costTags: { dataIntegration: props.integrationName },
      diagnostics: context.diagnostics,
    });
  }
}
