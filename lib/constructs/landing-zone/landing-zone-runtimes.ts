import { DataFactoryIntegrationRuntimeSelfHosted } from '@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted';
import { Construct } from 'constructs';
import { LandingZoneNames } from '../../naming/zone-names';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import { PrivateDataFactory } from '../shared/private-data-factory';
import type { ZoneDiagnostics } from '../shared/vocabulary';

export interface LandingZoneRuntimesProps {
  readonly names: LandingZoneNames;
  /** The `runtimes` resource group. */
  readonly resourceGroupName: string;
  readonly location: string;
  /** The zone's services subnet. */
  readonly subnetId: string;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The runtimes resource group (when `sharedServices.selfHostedIntegrationRuntime`): a
 * runtime Data Factory hosting the zone's self-hosted integration runtime, which the
 * shared integration factory (and later the integrations' own factories) link to.
 *
 * Only the runtime resource is created, not the reference's VM scale set and load
 * balancer: registering a node needs the runtime's authentication key, which azurerm
 * exposes as resource attributes; passing it to a VM (custom script extension) would put
 * it into the synthesized configuration and the state. Nodes are registered out of band
 * (see docs/landing-zone.md).
 */
export class LandingZoneRuntimes extends Construct {
  readonly dataFactory: PrivateDataFactory;
  readonly selfHostedRuntime: DataFactoryIntegrationRuntimeSelfHosted;

  constructor(scope: Construct, id: string, props: LandingZoneRuntimesProps) {
    super(scope, id);
    const { names, subnetId, links } = props;
    const endpoint = landingEndpoints(names, subnetId, links);
    this.dataFactory = new PrivateDataFactory(this, 'data-factory', {
      name: names.dataFactories.runtime,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      purviewAccountId: links.purviewAccountId,
      privateEndpoints: {
        // Self-hosted nodes talk to the service through this endpoint.
        dataFactory: endpoint('adf-runtime-datafactory', 'privatelink.datafactory.azure.net'),
        portal: endpoint('adf-runtime-portal', 'privatelink.adf.azure.com'),
      },
      diagnostics: props.diagnostics,
    });
    this.selfHostedRuntime = new DataFactoryIntegrationRuntimeSelfHosted(this, 'self-hosted-runtime', {
      name: names.integrationRuntimes.selfHosted,
      dataFactoryId: this.dataFactory.factory.id,
      description: 'Self-hosted integration runtime of the landing zone, shared with its data factories',
    });
  }
}
