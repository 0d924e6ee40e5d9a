import { SynapsePrivateLinkHub as AzureSynapsePrivateLinkHub } from '@cdktf/provider-azurerm/lib/synapse-private-link-hub';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointOptions } from '../shared/private-endpoint';

export interface SynapsePrivateLinkHubProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly privateEndpoint: Omit<PrivateEndpointOptions, 'subresource'> & { readonly name: string };
}

/**
 * The consumption resource group's Synapse private link hub: Synapse Studio (`web`)
 * reachable privately for every landing zone's Synapse workspaces.
 */
export class SynapsePrivateLinkHub extends Construct {
  readonly hub: AzureSynapsePrivateLinkHub;

  constructor(scope: Construct, id: string, props: SynapsePrivateLinkHubProps) {
    super(scope, id);
    this.hub = new AzureSynapsePrivateLinkHub(this, 'hub', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      name: props.privateEndpoint.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      targetResourceId: this.hub.id,
      subnetId: props.privateEndpoint.subnetId,
      subresource: 'web',
      privateDnsZoneIds: props.privateEndpoint.privateDnsZoneIds,
    });
  }
}
