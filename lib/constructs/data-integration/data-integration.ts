import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { DataIntegrationNames } from '../../naming/item-names';
import { DataItemContext, ItemIdentity } from '../data-items/item-context';
import { Grant, Grants } from '../shared/grants';
import { TagsAspect } from '../shared/tags-aspect';
import { DatabricksIntegration } from './databricks-integration';
import { DataFactoryIntegration } from './data-factory-integration';
import { SynapseIntegration } from './synapse-integration';

/** One data integration, as the construct needs it (the estate's `dataIntegrations` entries fit). */
export interface DataIntegrationSpec {
  readonly name: string;
  /**
   * Its earlier names, oldest first: its construct ids before (docs/renames.md). Its Azure
   * names are made from the first, and come with `names`.
   * @default - never renamed
   */
  readonly previousNames?: readonly string[];
  /** Its resources' names (lib/naming/item-names.ts); `names.engine` says which engine it runs on. */
  readonly names: DataIntegrationNames;
}

export interface DataIntegrationProps {
  readonly integration: DataIntegrationSpec;
  readonly context: DataItemContext;
  /** The integration's user-assigned identity (made by the zone before the shared services that carry it). */
  readonly identity: ItemIdentity;
  /** Its data location: its `di-<name>` containers in the raw lake (landing) and the enriched lake (what products read). */
  readonly containers: Readonly<{ raw: StorageContainer; enriched: StorageContainer }>;
  /**
   * The zone's shared Synapse workspace (engine `synapse` needs it; validation checks).
   * @default - Synapse is off
   */
  readonly synapseWorkspaceId?: string;
}

/**
 * One data integration: its identity's grants on its own containers, and what its
 * engine needs (one construct per engine). Everything it creates carries a
 * `dataIntegration: <name>` tag for cost reports.
 */
export class DataIntegration extends Construct {
  readonly identity: ItemIdentity;
  readonly engine: DatabricksIntegration | DataFactoryIntegration | SynapseIntegration;
  readonly access: Grants;

  constructor(scope: Construct, id: string, props: DataIntegrationProps) {
    super(scope, id);
    const { integration, context, identity } = props;
    const { names } = integration;
    this.identity = identity;
    Aspects.of(this).add(new TagsAspect({ dataIntegration: integration.name }));

    switch (names.engine) {
      case 'databricks':
        this.engine = new DatabricksIntegration(this, 'databricks', { names, context, identity });
        break;
      case 'data-factory':
        this.engine = new DataFactoryIntegration(this, 'data-factory', { names, context, identity });
        break;
      case 'synapse':
        if (!props.synapseWorkspaceId)
          throw new Error(`internal: integration ${integration.name} runs on Synapse, which is off (validation should have said so)`);
        this.engine = new SynapseIntegration(this, 'synapse', {
          integrationName: integration.name,
          names,
          context,
          synapseWorkspaceId: props.synapseWorkspaceId,
        });
        break;
    }

    // Container scope, as the reference's grants: the integration writes its own landing and enriched data, nothing else.
    const grants: Record<string, Grant> = {
      'raw-data': { role: 'Storage Blob Data Contributor', principalId: identity.principalId, scope: props.containers.raw.id },
      'enriched-data': { role: 'Storage Blob Data Contributor', principalId: identity.principalId, scope: props.containers.enriched.id },
      ...this.engine.grants,
    };
    this.access = new Grants(this, 'access', { subscriptionId: context.subscriptionId, grants });
  }
}
