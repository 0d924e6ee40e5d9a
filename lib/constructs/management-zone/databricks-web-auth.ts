import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { Construct } from 'constructs';
import { DATABRICKS_DELEGATION, databricksNetworkSecurityGroup } from '../landing-zone/databricks-nsg-rules';
import { DatabricksWorkspace, InjectedSubnet } from '../landing-zone/databricks-workspace';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { NetworkSubnet } from '../shared/network-subnet';
import { PrivateEndpointSpec } from '../shared/private-endpoint';
import { Placement, ZoneDiagnostics } from '../shared/vocabulary';

export interface DatabricksWebAuthProps extends Placement {
  readonly names: {
    readonly workspace: string;
    /** Must not exist yet: Databricks creates it. */
    readonly managedResourceGroup: string;
    readonly networkSecurityGroup: string;
    readonly subnets: { readonly public: string; readonly private: string };
  };
  /** The hub network the workspace is injected into. */
  readonly virtualNetwork: { readonly id: string; readonly name: string };
  /** Address prefixes of the delegated pair (the hub's slots 2 and 3). */
  readonly subnetPrefixes: { readonly public: string; readonly private: string };
  /**
   * The hub's route table (next hop the firewall).
   * @default none: an isolated network of another region, where no traffic flows (no cluster ever runs)
   */
  readonly routeTableId?: string;
  /** The `browser_authentication` endpoint: the hub services subnet, privatelink.azuredatabricks.net. */
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: ZoneDiagnostics;
}

/**
 * The Databricks "web auth" workspace of the estate's region (Azure Databricks private
 * connectivity, standard deployment): a workspace that runs no clusters and exists to hold
 * the region's one `browser_authentication` private endpoint, through which Entra ID's
 * single sign-on callback reaches every workspace of the region whose front end is private.
 * VNet-injected into its own delegated subnets in the hub, public network access off,
 * `NoAzureDatabricksRules`; `prevent_destroy` (a data-bearing type) guards it, since
 * deleting it breaks browser sign-in to every workspace of the region.
 */
export class DatabricksWebAuth extends Construct {
  readonly workspace: DatabricksWorkspace;
  readonly networkSecurityGroup: NetworkSecurityGroup;

  constructor(scope: Construct, id: string, props: DatabricksWebAuthProps) {
    super(scope, id);
    const { names, resourceGroupName, location } = props;
    this.networkSecurityGroup = databricksNetworkSecurityGroup(this, 'nsg', { name: names.networkSecurityGroup, resourceGroupName, location });
    const injected = (side: 'public' | 'private'): InjectedSubnet => {
      const subnet = new NetworkSubnet(this, `subnet-${side}`, {
        name: names.subnets[side],
        resourceGroupName,
        virtualNetworkName: props.virtualNetwork.name,
        addressPrefix: props.subnetPrefixes[side],
        networkSecurityGroupId: this.networkSecurityGroup.id,
        ...(props.routeTableId ? { routeTableId: props.routeTableId } : {}),
        delegation: DATABRICKS_DELEGATION,
        privateEndpointNetworkPolicies: 'Enabled',
      });
      return { name: subnet.subnet.name, networkSecurityGroupAssociationId: subnet.networkSecurityGroupAssociation!.id };
    };
    this.workspace = new DatabricksWorkspace(this, 'workspace', {
      name: names.workspace,
      resourceGroupName,
      location,
      managedResourceGroupName: names.managedResourceGroup,
      virtualNetworkId: props.virtualNetwork.id,
      publicSubnet: injected('public'),
      privateSubnet: injected('private'),
      privateEndpoint: props.privateEndpoint,
      privateEndpointSubresource: 'browser_authentication',
      diagnostics: props.diagnostics,
    });
    // NSGs have rule and event logs but no platform metrics.
    new DiagnosticSettings(this, 'nsg-diagnostics', { ...props.diagnostics, targetResourceId: this.networkSecurityGroup.id, metrics: [] });
  }
}
