import { Construct } from 'constructs';
import { EngineNames } from '../../naming/item-names';
import { AccessConnector } from '../data-items/access-connector';
import { DedicatedDataFactory, FactoryTarget } from '../data-items/dedicated-data-factory';
import { DedicatedSparkPool } from '../data-items/dedicated-spark-pool';
import { DataItemContext, ItemIdentity } from '../data-items/item-context';
import { AlertTarget } from './product-alerts';

export interface ProductEngineProps {
  readonly productName: string;
  /** The engine's resources' names; `names.engine` says which engine. */
  readonly names: EngineNames;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
  /** The product's Key Vault (a dedicated factory reaches it). */
  readonly keyVaultId: string;
  /**
   * What the template adds to a dedicated factory's reach: its SQL server (batch), its Azure ML workspace (analytics).
   * @default - nothing beyond the lakes, the vault and Purview
   */
  readonly factoryTargets?: Readonly<{ sql?: FactoryTarget; amlworkspace?: FactoryTarget }>;
  /**
   * The zone's shared Synapse workspace (engine `synapse` needs it; validation checks).
   * @default - Synapse is off
   */
  readonly synapseWorkspaceId?: string;
}

/**
 * Where a data product's pipelines and jobs run (reference `processingService`):
 * - `data-factory`: a dedicated private Data Factory reaching the enriched lake
 *   (integrations it reads), the workspace lake (its own container and the products it
 *   reads), its vault, Purview and what the template adds;
 * - `synapse`: a dedicated Spark pool in the zone's shared Synapse workspace;
 * - `databricks`: an access connector with the product's identity for the zone's shared
 *   product Databricks workspace.
 */
export class ProductEngine extends Construct {
  readonly dataFactory?: DedicatedDataFactory;
  readonly sparkPool?: DedicatedSparkPool;
  readonly accessConnector?: AccessConnector;
  /** What failed-run alerts watch; none on Databricks (no platform metrics). */
  readonly alertTarget?: AlertTarget;

  constructor(scope: Construct, id: string, props: ProductEngineProps) {
    super(scope, id);
    const { names, context, identity } = props;
    switch (names.engine) {
      case 'data-factory': {
        this.dataFactory = new DedicatedDataFactory(this, 'data-factory', {
          names: names.dataFactory,
          context,
          identity,
          targets: {
            enriched_dfs: { id: context.lakeIds.enriched, subresource: 'dfs' },
            workspace_dfs: { id: context.lakeIds.workspace, subresource: 'dfs' },
            vault: { id: props.keyVaultId, subresource: 'vault' },
            ...props.factoryTargets,
          },
        });
        this.alertTarget = { kind: 'data-factory', resourceId: this.dataFactory.dataFactory.factory.id };
        break;
      }
      case 'synapse': {
        if (!props.synapseWorkspaceId) throw new Error(`internal: product ${props.productName} runs on Synapse, which is off (validation should have said so)`);
        this.sparkPool = new DedicatedSparkPool(this, 'spark-pool', {
          name: names.sparkPool,
          synapseWorkspaceId: props.synapseWorkspaceId,
          costTags: { dataProduct: props.productName },
          diagnostics: context.diagnostics,
        });
        this.alertTarget = { kind: 'spark-pool', resourceId: this.sparkPool.pool.id };
        break;
      }
      case 'databricks': {
        this.accessConnector = new AccessConnector(this, 'access-connector', {
          name: names.accessConnector,
          resourceGroupName: context.resourceGroupName,
          location: context.location,
          identity,
        });
        break;
      }
    }
  }
}
