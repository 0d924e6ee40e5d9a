import { SynapsePrivateLinkHub as AzureSynapsePrivateLinkHub } from '@cdktf/provider-azurerm/lib/synapse-private-link-hub';
import { Construct } from 'constructs';
import { PrivateEndpoint, PrivateEndpointSpec } from '../shared/private-endpoint';
import { Placement } from '../shared/vocabulary';

export interface SynapsePrivateLinkHubProps extends Placement {
  readonly name: string;
  /** Its endpoint to Synapse Studio (`web`). */
  readonly privateEndpoint: PrivateEndpointSpec;
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
