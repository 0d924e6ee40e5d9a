import { DataFactoryIntegrationRuntimeSelfHosted } from '@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted';
import { Construct } from 'constructs';
import { LandingZoneNames } from '../../naming/zone-names';
import { landingEndpoints, ManagementZoneLinks } from '../shared/management-zone-links';
import { PrivateDataFactory } from '../shared/private-data-factory';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { SelfHostedRuntimeHosts } from './self-hosted-runtime-hosts';

export interface LandingZoneRuntimesProps {
  readonly names: LandingZoneNames;
  /** The `runtimes` resource group. */
  readonly resourceGroupName: string;
  readonly location: string;
  /** The landing zone subscription (the nodes' role assignment). */
  readonly subscriptionId: string;
  /** The zone's services subnet: the runtime factory's endpoints and the runtime's nodes. */
  readonly subnetId: string;
  readonly links: ManagementZoneLinks;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The runtimes resource group (when `sharedServices.selfHostedIntegrationRuntime`): a
 * runtime Data Factory hosting the zone's self-hosted integration runtime, which the
 * shared integration factory (and later the integrations' own factories) link to, and the
 * scale set whose nodes run it (SelfHostedRuntimeHosts; the reference's VM scale set,
 * without its load balancer: nothing connects to the nodes from outside).
 */
export class LandingZoneRuntimes extends Construct {
  readonly dataFactory: PrivateDataFactory;
  readonly selfHostedRuntime: DataFactoryIntegrationRuntimeSelfHosted;
  readonly hosts: SelfHostedRuntimeHosts;

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
    this.hosts = new SelfHostedRuntimeHosts(this, 'hosts', {
      // `rg-<estate>-<env>-<zone>-runtimes` -> `vmss-<estate>-<env>-<zone>-shir`: unique in its group, like every zone name.
      name: names.resourceGroups.runtimes.replace(/^rg-/, 'vmss-').replace(/-runtimes$/, '-shir'),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subscriptionId: props.subscriptionId,
      subnetId,
      runtimeId: this.selfHostedRuntime.id,
      diagnostics: props.diagnostics,
    });
  }
}
