import { DataFactoryCredentialUserManagedIdentity } from '@cdktf/provider-azurerm/lib/data-factory-credential-user-managed-identity';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { DedicatedDataFactoryNames, DedicatedFactoryTarget } from '../../naming/item-names';
import { ManagedPrivateEndpointOptions, PrivateDataFactory, purviewLineageEndpoints } from '../shared/private-data-factory';
import { PrivateLinkSubresource } from '../shared/private-endpoint';
import { DataItemContext, itemEndpoint } from './item-context';

/** A resource the factory's managed virtual network reaches, and through which sub-resource. */
export interface FactoryTarget {
  readonly id: string;
  readonly subresource: PrivateLinkSubresource;
}

type PurviewFactoryTarget = 'purview_account' | 'purview_blob' | 'purview_queue' | 'purview_namespace';

export interface DedicatedDataFactoryProps {
  readonly names: DedicatedDataFactoryNames;
  readonly context: DataItemContext;
  /** The item's identity: the factory carries it, and its credential lets linked services authenticate as it. */
  readonly identity: UserAssignedIdentity;
  /**
   * What the managed virtual network reaches besides Purview (always: lineage, through its
   * account and, when the links carry them, its ingestion targets), one managed private
   * endpoint each, keyed by target.
   */
  readonly targets: Partial<Record<Exclude<DedicatedFactoryTarget, PurviewFactoryTarget>, FactoryTarget>>;
}

/**
 * The data product batch template's Data Factory as one item's dedicated deployment
 * (reference section C): the landing zone's private factory contract (public access off,
 * managed virtual network with its Azure runtime, `dataFactory` and `portal` endpoints in
 * the item's subnet, diagnostics, Purview lineage), carrying the item's identity with a
 * credential for it, so pipelines run with exactly the item's grants and nothing is
 * granted to a factory-specific identity.
 */
export class DedicatedDataFactory extends Construct {
  readonly dataFactory: PrivateDataFactory;
  readonly credential: DataFactoryCredentialUserManagedIdentity;

  constructor(scope: Construct, id: string, props: DedicatedDataFactoryProps) {
    super(scope, id);
    const { names, context } = props;
    const mpe = names.managedPrivateEndpoints;
    const managedPrivateEndpoints: Record<string, ManagedPrivateEndpointOptions> = {
      ...Object.fromEntries(
        (Object.entries(props.targets) as [DedicatedFactoryTarget, FactoryTarget][]).map(([key, target]) => [
          mpe[key],
          { name: mpe[key], targetResourceId: target.id, subresource: target.subresource },
        ]),
      ),
      ...purviewLineageEndpoints(
        { account: mpe.purview_account, blob: mpe.purview_blob, queue: mpe.purview_queue, namespace: mpe.purview_namespace },
        context.links.purviewAccountId,
        context.links.purviewIngestion,
      ),
    };
    this.dataFactory = new PrivateDataFactory(this, 'data-factory', {
      name: names.factory,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      purviewAccountId: context.links.purviewAccountId,
      privateEndpoints: {
        dataFactory: itemEndpoint(context, names.privateEndpoints.dataFactory, 'privatelink.datafactory.azure.net'),
        portal: itemEndpoint(context, names.privateEndpoints.portal, 'privatelink.adf.azure.com'),
      },
      managedVirtualNetworkRuntimeName: names.managedVirtualNetworkRuntime,
      managedPrivateEndpoints,
      userAssignedIdentityId: props.identity.id,
      diagnostics: context.diagnostics,
    });
    // Linked services reference this credential to authenticate as the item's identity.
    this.credential = new DataFactoryCredentialUserManagedIdentity(this, 'credential', {
      name: names.credential,
      dataFactoryId: this.dataFactory.factory.id,
      identityId: props.identity.id,
      description: "The data item's own identity: linked services authenticate as it (no keys, no connection strings)",
    });
  }
}
