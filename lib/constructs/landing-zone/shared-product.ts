import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { LandingZoneNames } from '../../naming/zone-names';
import { DatabricksWorkspace, InjectedSubnet, sharedDatabricksWorkspace } from './databricks-workspace';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import { SharedServicesSpec } from './landing-zone-props';
import { SynapseWorkspace } from './synapse-workspace';
import type { ZoneDiagnostics } from '../shared/vocabulary';

export interface SharedProductProps {
  readonly names: LandingZoneNames;
  /** Which services: Synapse here; Databricks comes with its subnets. */
  readonly sharedServices: Pick<SharedServicesSpec, 'synapse'>;
  /** The `shared-product` resource group. */
  readonly resourceGroupName: string;
  readonly location: string;
  /** The zone's services subnet. */
  readonly subnetId: string;
  readonly virtualNetworkId: string;
  /**
   * The product workspace's delegated subnets: Databricks is on.
   * @default - Databricks is off
   */
  readonly databricksSubnets?: { readonly public: InjectedSubnet; readonly private: InjectedSubnet };
  /** Synapse's default storage: the workspace lake's `data` container. */
  readonly synapseStorage: { readonly account: StorageAccount; readonly container: StorageContainer };
  readonly sqlAdministrator: UserAssignedIdentity;
  /**
   * Identities of the data integrations and products running on Synapse: the workspace carries them.
   * @default - none
   */
  readonly synapseItemIdentityIds?: readonly string[];
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The shared product resource group, per `sharedServices`: the product Databricks
 * workspace and the Synapse workspace data products share.
 */
export class SharedProduct extends Construct {
  readonly databricks?: DatabricksWorkspace;
  readonly synapse?: SynapseWorkspace;

  constructor(scope: Construct, id: string, props: SharedProductProps) {
    super(scope, id);
    const { names, sharedServices, resourceGroupName, location, subnetId, links, diagnostics } = props;
    const endpoint = landingEndpoints(names, subnetId, links);

    if (props.databricksSubnets) {
      this.databricks = sharedDatabricksWorkspace(this, 'product', {
        ...props,
        databricksSubnets: props.databricksSubnets,
        privateEndpoint: endpoint('dbw-product', 'privatelink.azuredatabricks.net'),
      });
    }

    if (sharedServices.synapse) {
      this.synapse = new SynapseWorkspace(this, 'synapse', {
        name: names.synapseWorkspace,
        resourceGroupName,
        location,
        managedResourceGroupName: names.synapseManagedResourceGroup,
        defaultStorage: props.synapseStorage,
        sqlAdministrator: props.sqlAdministrator,
        ...(props.synapseItemIdentityIds?.length ? { userAssignedIdentityIds: props.synapseItemIdentityIds } : {}),
        purviewAccountId: links.purviewAccountId,
        privateEndpoints: {
          Sql: endpoint('synw-sql', 'privatelink.sql.azuresynapse.net'),
          SqlOnDemand: endpoint('synw-sqlondemand', 'privatelink.sql.azuresynapse.net'),
          Dev: endpoint('synw-dev', 'privatelink.dev.azuresynapse.net'),
        },
        diagnostics,
      });
    }
  }
}
