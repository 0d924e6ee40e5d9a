import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import type { RegionalWebAuthNames } from '../../naming/zone-names';
import { PrivateEndpointSpec } from '../shared/private-endpoint';
import { Placement, ZoneDiagnostics } from '../shared/vocabulary';
import { DatabricksWebAuth } from './databricks-web-auth';

export interface RegionalDatabricksWebAuthProps extends Placement {
  readonly names: RegionalWebAuthNames;
  /** The delegated pair's prefixes: the hub's web-auth slots, reused (the network is never connected to anything). */
  readonly subnetPrefixes: { readonly public: string; readonly private: string };
  /** The `browser_authentication` endpoint: in the hub's services subnet (a cross-region endpoint). */
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The web-auth workspace of a region other than the estate's. Azure Databricks signs users in
 * through one `browser_authentication` endpoint per region, held by a workspace of that region,
 * and a workspace is injected only into a network of its own region. So the region gets a
 * small network of its own, holding just the delegated pair: no cluster ever runs there and
 * it is peered with nothing, which is why it may reuse the hub's web-auth address slots. Its
 * endpoint sits in the hub, where every zone reaches it.
 */
export class RegionalDatabricksWebAuth extends Construct {
  readonly virtualNetwork: VirtualNetwork;
  readonly webAuth: DatabricksWebAuth;

  constructor(scope: Construct, id: string, props: RegionalDatabricksWebAuthProps) {
    super(scope, id);
    const { names, resourceGroupName, location } = props;
    this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: names.virtualNetwork,
      resourceGroupName,
      location,
      addressSpace: [props.subnetPrefixes.public, props.subnetPrefixes.private],
    });
    this.webAuth = new DatabricksWebAuth(this, 'web-auth', {
      names: {
        workspace: names.workspace,
        managedResourceGroup: names.managedResourceGroup,
        networkSecurityGroup: names.networkSecurityGroup,
        subnets: names.subnets,
      },
      resourceGroupName,
      location,
      virtualNetwork: { id: this.virtualNetwork.id, name: this.virtualNetwork.name },
      subnetPrefixes: props.subnetPrefixes,
      privateEndpoint: props.privateEndpoint,
      diagnostics: props.diagnostics,
    });
  }
}
