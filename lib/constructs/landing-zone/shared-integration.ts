import { DataFactoryIntegrationRuntimeSelfHosted } from '@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted';
import { Construct } from 'constructs';
import { LandingZoneNames } from '../../naming/zone-names';
import { RoleAssignment } from '../shared/role-assignment';
import { DatabricksWorkspace, InjectedSubnet, sharedDatabricksWorkspace } from './databricks-workspace';
import { EventHubNamespace } from '../shared/event-hub-namespace';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import { ManagedPrivateEndpointOptions, PrivateDataFactory, purviewLineageEndpoints } from '../shared/private-data-factory';
import { SharedServicesSpec } from './landing-zone-props';
import type { ZoneDiagnostics } from '../shared/vocabulary';

/** What the shared integration factory reaches through its managed virtual network. */
export interface SharedIntegrationTargets {
  readonly rawLakeId: string;
  readonly enrichedLakeId: string;
  /** The data integration Key Vault (source system credentials). */
  readonly integrationKeyVaultId: string;
  readonly sqlServerId: string;
}

export interface SharedIntegrationProps {
  readonly names: LandingZoneNames;
  /** Which services: the factory and Event Hub here; Databricks comes with its subnets. */
  readonly sharedServices: Pick<SharedServicesSpec, 'dataFactory' | 'eventHub'>;
  readonly subscriptionId: string;
  /** The `shared-integration` resource group. */
  readonly resourceGroupName: string;
  readonly location: string;
  /** The zone's services subnet. */
  readonly subnetId: string;
  readonly virtualNetworkId: string;
  /**
   * The integration workspace's delegated subnets: Databricks is on.
   * @default - Databricks is off
   */
  readonly databricksSubnets?: { readonly public: InjectedSubnet; readonly private: InjectedSubnet };
  readonly targets: SharedIntegrationTargets;
  /**
   * The runtime factory's self-hosted runtime: linked into the shared factory.
   * @default - the zone has none
   */
  readonly selfHostedRuntimeId?: string;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The shared "Ingest & Processing" resource group, per `sharedServices`: the integration
 * Databricks workspace, the integration Data Factory (managed virtual network, private
 * endpoints to the raw and enriched lakes, the integration Key Vault, the SQL server and
 * Purview; linked to the zone's self-hosted runtime), and the Event Hub namespace.
 */
export class SharedIntegration extends Construct {
  readonly databricks?: DatabricksWorkspace;
  readonly dataFactory?: PrivateDataFactory;
  readonly eventHub?: EventHubNamespace;

  constructor(scope: Construct, id: string, props: SharedIntegrationProps) {
    super(scope, id);
    const { names, sharedServices, resourceGroupName, location, subnetId, links, diagnostics } = props;
    const endpoint = landingEndpoints(names, subnetId, links);

    if (props.databricksSubnets) {
      this.databricks = sharedDatabricksWorkspace(this, 'integration', {
        ...props,
        databricksSubnets: props.databricksSubnets,
        privateEndpoint: endpoint('dbw-integration', 'privatelink.azuredatabricks.net'),
      });
    }

    if (sharedServices.dataFactory) {
      const mpe = names.managedPrivateEndpoints;
      const { targets } = props;
      this.dataFactory = new PrivateDataFactory(this, 'data-factory', {
        name: names.dataFactories.integration,
        resourceGroupName,
        location,
        purviewAccountId: links.purviewAccountId,
        privateEndpoints: {
          dataFactory: endpoint('adf-integration-datafactory', 'privatelink.datafactory.azure.net'),
          portal: endpoint('adf-integration-portal', 'privatelink.adf.azure.com'),
        },
        managedVirtualNetworkRuntimeName: names.integrationRuntimes.managedVirtualNetwork,
        managedPrivateEndpoints: {
          [mpe.raw_dfs]: { name: mpe.raw_dfs, targetResourceId: targets.rawLakeId, subresource: 'dfs' },
          [mpe.enriched_dfs]: { name: mpe.enriched_dfs, targetResourceId: targets.enrichedLakeId, subresource: 'dfs' },
          [mpe.vault_integration]: { name: mpe.vault_integration, targetResourceId: targets.integrationKeyVaultId, subresource: 'vault' },
          [mpe.sql]: { name: mpe.sql, targetResourceId: targets.sqlServerId, subresource: 'sqlServer' },
          // Lineage to the private Purview: its account API and its ingestion storage and Event Hub.
          ...purviewLineageEndpoints(
            { account: mpe.purview_account, blob: mpe.purview_blob, queue: mpe.purview_queue, namespace: mpe.purview_namespace },
            links.purviewAccountId,
            links.purviewIngestion,
          ),
          // The workspace's front end is private: the factory's Databricks activities reach its API here.
          ...(this.databricks ? { [mpe.databricks_integration]: databricksApi(mpe.databricks_integration, this.databricks) } : {}),
        },
        diagnostics,
      });

      if (props.selfHostedRuntimeId) this.linkSelfHostedRuntime(this.dataFactory, props.selfHostedRuntimeId, props);
    }

    if (sharedServices.eventHub) {
      this.eventHub = new EventHubNamespace(this, 'event-hub', {
        name: names.eventHubNamespace,
        resourceGroupName,
        location,
        privateEndpoint: endpoint('evhns', 'privatelink.servicebus.windows.net'),
        diagnostics,
      });
    }
  }

  /**
   * Sharing: the shared factory's identity may use the runtime (scoped to the runtime
   * itself, not the whole runtime factory as the reference does), then links it.
   */
  private linkSelfHostedRuntime(factory: PrivateDataFactory, runtimeId: string, props: SharedIntegrationProps): void {
    const sharing = new RoleAssignment(this, 'self-hosted-runtime-sharing', {
      role: 'Contributor',
      principalId: factory.factory.identity.principalId,
      scope: runtimeId,
      subscriptionId: props.subscriptionId,
    });
    new DataFactoryIntegrationRuntimeSelfHosted(this, 'linked-self-hosted-runtime', {
      name: props.names.integrationRuntimes.selfHosted,
      dataFactoryId: factory.factory.id,
      description: 'The landing zone self-hosted integration runtime (runtimes resource group), linked',
      rbacAuthorization: [{ resourceId: runtimeId }],
      // Azure checks the permission when the link is created.
      dependsOn: [sharing.assignment],
    });
  }
}

/** A managed private endpoint to a Databricks workspace's UI/API (`databricks_ui_api`). */
function databricksApi(name: string, workspace: DatabricksWorkspace): ManagedPrivateEndpointOptions {
  return { name, targetResourceId: workspace.workspace.id, subresource: 'databricks_ui_api' };
}
