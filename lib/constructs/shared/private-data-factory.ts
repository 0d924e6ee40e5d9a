import { DataFactory } from '@cdktf/provider-azurerm/lib/data-factory';
import { DataFactoryIntegrationRuntimeAzure } from '@cdktf/provider-azurerm/lib/data-factory-integration-runtime-azure';
import { DataFactoryManagedPrivateEndpoint } from '@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint';
import { Construct } from 'constructs';
import { DiagnosticSettings } from './diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec, PrivateLinkSubresource } from './private-endpoint';
import type { PurviewIngestionTargets } from './management-zone-links';
import type { ZoneDiagnostics } from './vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

/** A private endpoint from the factory's managed virtual network to one sub-resource of a resource. */
export interface ManagedPrivateEndpointOptions {
  readonly name: string;
  readonly targetResourceId: string;
  readonly subresource: PrivateLinkSubresource;
}

/** The managed private endpoints lineage to a private Purview needs, by their names. */
export interface PurviewLineageEndpointNames {
  readonly account: string;
  readonly blob: string;
  readonly queue: string;
  readonly namespace: string;
}

/**
 * The managed private endpoints through which a factory's managed-network runtime pushes
 * lineage to a Purview account whose public access is disabled: the account API, and
 * ingestion (its ingestion storage's `blob` and `queue`, its managed Event Hub's
 * `namespace`), keyed by name for `managedPrivateEndpoints`. Without the ingestion targets
 * only the account endpoint is made.
 */
export function purviewLineageEndpoints(
  names: PurviewLineageEndpointNames,
  purviewAccountId: string,
  ingestion?: PurviewIngestionTargets,
): Record<string, ManagedPrivateEndpointOptions> {
  const endpoints: ManagedPrivateEndpointOptions[] = [
    { name: names.account, targetResourceId: purviewAccountId, subresource: 'account' },
    ...(ingestion
      ? ([
          { name: names.blob, targetResourceId: ingestion.storageAccountId, subresource: 'blob' },
          { name: names.queue, targetResourceId: ingestion.storageAccountId, subresource: 'queue' },
          { name: names.namespace, targetResourceId: ingestion.eventHubNamespaceId, subresource: 'namespace' },
        ] as const)
      : []),
  ];
  return Object.fromEntries(endpoints.map((endpoint) => [endpoint.name, endpoint]));
}

export interface PrivateDataFactoryProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The Purview account lineage is pushed to. */
  readonly purviewAccountId: string;
  /** `dataFactory` (runtimes and the service) and `portal` (authoring) endpoints. */
  readonly privateEndpoints: Readonly<Record<'dataFactory' | 'portal', PrivateEndpointSpec>>;
  /**
   * The Azure integration runtime that runs inside the managed virtual network; its name
   * replaces the factory's default public runtime.
   * @default - none: the factory only hosts or links self-hosted runtimes
   */
  readonly managedVirtualNetworkRuntimeName?: string;
  /**
   * Endpoints of the managed virtual network, keyed by a stable id (the construct id).
   * The target owner must approve each one (Azure creates them pending; the deploy
   * workflow's approval step approves those of the estate's own targets).
   * @default - none
   */
  readonly managedPrivateEndpoints?: Readonly<Record<string, ManagedPrivateEndpointOptions>>;
  readonly diagnostics: ZoneDiagnostics;
  /**
   * A user-assigned identity the factory also carries, next to its system identity: a
   * data integration's or product's own identity, which its linked services use through
   * a factory credential.
   * @default - the system identity only
   */
  readonly userAssignedIdentityId?: string;
}

/**
 * An Azure Data Factory reachable only through its private endpoints, with a system
 * identity (no credentials in linked services), Purview lineage, and a managed virtual
 * network: its Azure runtime reaches data stores only through managed private endpoints.
 */
export class PrivateDataFactory extends Construct {
  readonly factory: DataFactory;
  readonly managedVirtualNetworkRuntime?: DataFactoryIntegrationRuntimeAzure;

  constructor(scope: Construct, id: string, props: PrivateDataFactoryProps) {
    super(scope, id);
    const { resourceGroupName, location } = props;
    this.factory = new DataFactory(this, 'factory', {
      name: props.name,
      resourceGroupName,
      location,
      managedVirtualNetworkEnabled: SECURE_DEFAULTS.dataFactory.managedVirtualNetworkEnabled.value,
      publicNetworkEnabled: SECURE_DEFAULTS.dataFactory.publicNetworkEnabled.value,
      identity: props.userAssignedIdentityId
        ? { type: 'SystemAssigned, UserAssigned', identityIds: [props.userAssignedIdentityId] }
        : { type: 'SystemAssigned' },
      purviewId: props.purviewAccountId,
    });

    if (props.managedVirtualNetworkRuntimeName) {
      this.managedVirtualNetworkRuntime = new DataFactoryIntegrationRuntimeAzure(this, 'managed-runtime', {
        name: props.managedVirtualNetworkRuntimeName,
        dataFactoryId: this.factory.id,
        // As the reference: Azure picks the region of the data (within the managed network).
        location: 'AutoResolve',
        virtualNetworkEnabled: SECURE_DEFAULTS.dataFactory.managedRuntimeInVirtualNetwork.value,
      });
    }

    const managed = new Construct(this, 'managed-private-endpoints');
    for (const [key, endpoint] of Object.entries(props.managedPrivateEndpoints ?? {})) {
      new DataFactoryManagedPrivateEndpoint(managed, key, {
        name: endpoint.name,
        dataFactoryId: this.factory.id,
        targetResourceId: endpoint.targetResourceId,
        subresourceName: endpoint.subresource,
      });
    }

    const endpoints = new Construct(this, 'private-endpoints');
    for (const [subresource, endpoint] of Object.entries(props.privateEndpoints) as ['dataFactory' | 'portal', PrivateEndpointSpec][]) {
      new PrivateEndpoint(endpoints, subresource, { ...endpoint, resourceGroupName, location, targetResourceId: this.factory.id, subresource });
    }
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.factory.id });
  }
}
