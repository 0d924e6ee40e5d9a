import { Construct } from 'constructs';
import { TemplateNamesOf } from '../../naming/item-names';
import { FactoryTarget } from '../data-items/dedicated-data-factory';
import { DataItemContext, ItemIdentity } from '../data-items/item-context';
import { Grant } from '../shared/grants';
import { MachineLearningWorkspace } from './machine-learning-workspace';
import { ManagementZoneAccess } from '../shared/management-zone-links';
import { ModelServingCluster } from './model-serving-cluster';

export interface AnalyticsProductProps {
  /** Its Azure ML resources, and with `serving` (the estate's `serving: aks`) its serving cluster's. */
  readonly names: TemplateNamesOf<'analytics'>;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
  /** The product's Key Vault. */
  readonly keyVaultId: string;
  readonly zoneRedundant: boolean;
  readonly availabilityZones: readonly string[];
  readonly production: boolean;
  readonly addressPool: string;
  readonly managementZone: ManagementZoneAccess;
  /**
   * Entra groups that administer the serving cluster (Azure Kubernetes Service RBAC Cluster Admin).
   * @default - none
   */
  readonly servingAdminGroupIds?: readonly string[];
}

/**
 * Template `analytics` (reference section D): the Azure Machine Learning workspace and
 * its dependencies, and with `serving: aks` the cluster that serves its models (Relecloud's
 * cloud service recommender).
 */
export class AnalyticsProduct extends Construct {
  readonly machineLearning: MachineLearningWorkspace;
  readonly serving?: ModelServingCluster;
  readonly grants: Readonly<Record<string, Grant>>;
  /** A dedicated factory reaches the workspace (reference: managed private endpoint `amlworkspace`). */
  readonly factoryTargets: Readonly<{ amlworkspace: FactoryTarget }>;

  constructor(scope: Construct, id: string, props: AnalyticsProductProps) {
    super(scope, id);
    const { names, context } = props;
    this.machineLearning = new MachineLearningWorkspace(this, 'machine-learning', {
      names: names.machineLearning,
      context,
      keyVaultId: props.keyVaultId,
      computeIdentity: props.identity,
      zoneRedundant: props.zoneRedundant,
    });
    // Serving names exist exactly when the product is served (`serving: aks`): a private AKS cluster managed by Azure ML.
    if (names.serving) {
      this.serving = new ModelServingCluster(this, 'serving', {
        names: names.serving,
        context,
        machineLearningWorkspaceId: this.machineLearning.workspace.id,
        containerRegistryId: this.machineLearning.registry.registry.id,
        managementZone: props.managementZone,
        addressPool: props.addressPool,
        availabilityZones: props.availabilityZones,
        production: props.production,
        adminGroupIds: props.servingAdminGroupIds,
      });
    }
    this.grants = this.machineLearning.grants;
    this.factoryTargets = { amlworkspace: { id: this.machineLearning.workspace.id, subresource: 'amlworkspace' } };
  }
}
