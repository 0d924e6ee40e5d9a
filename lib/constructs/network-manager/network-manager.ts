import { NetworkManager } from '@cdktf/provider-azurerm/lib/network-manager';
import { NetworkManagerConnectivityConfiguration } from '@cdktf/provider-azurerm/lib/network-manager-connectivity-configuration';
import { NetworkManagerDeployment } from '@cdktf/provider-azurerm/lib/network-manager-deployment';
import { NetworkManagerNetworkGroup } from '@cdktf/provider-azurerm/lib/network-manager-network-group';
import { Construct } from 'constructs';
import { Placement } from '../shared/vocabulary';

/** What a Virtual Network Manager manages: management groups and subscriptions, by id (not resource id). */
export interface NetworkManagerScope {
  readonly managementGroupIds: readonly string[];
  readonly subscriptionIds: readonly string[];
}

export interface EstateNetworkManagerProps extends Placement {
  readonly names: { readonly manager: string; readonly landingZoneGroup: string; readonly connectivityConfiguration: string };
  /** What the manager manages; never derived from landing zones when explicit (docs/topology.md). */
  readonly scope: NetworkManagerScope;
  /** The hub network: the hub of the hub and spoke configuration. */
  readonly hubVirtualNetworkId: string;
  /**
   * Every region with a member network: the configuration is committed in each (a commit
   * applies only to networks of its region), and spokes of different regions connect
   * directly only with global mesh on.
   * @default [location]
   */
  readonly regions?: readonly string[];
}

/** The connectivity configuration's settings; the deployment's trigger carries them (key order matters). */
const ONE_REGION = {
  connectivityTopology: 'HubAndSpoke',
  // Spokes reach each other directly (a connected group), as the peering mesh does.
  groupConnectivity: 'DirectlyConnected',
  // The hub has a firewall, no virtual network gateway.
  useHubGateway: false,
  // One region: no global mesh needed (a multi-region estate turns it on, see below).
  globalMeshEnabled: false,
  // Peerings the manager did not create are left alone (e.g. during a move from topology peering).
  deleteExistingPeeringEnabled: false,
} as const;

type ConnectivitySettings = Omit<typeof ONE_REGION, 'globalMeshEnabled'> & { readonly globalMeshEnabled: boolean };

/**
 * Topology `avnm`: an Azure Virtual Network Manager in the management zone that connects
 * the hub with every landing zone's spoke network (hub and spoke) and the spokes directly
 * with each other (a connected group), replacing the peering mesh. Landing zones join by
 * adding their network as a static member of `landingZoneGroup` in their own stacks, so
 * nothing here lists a landing zone. The deployment commits the configuration in the
 * estate's region; Terraform re-commits when the configuration ids change.
 */
export class EstateNetworkManager extends Construct {
  readonly manager: NetworkManager;
  readonly landingZoneGroup: NetworkManagerNetworkGroup;
  readonly connectivityConfiguration: NetworkManagerConnectivityConfiguration;
  /** The commit in the estate's region. */
  readonly deployment: NetworkManagerDeployment;
  /** The commits in the other regions, by region. */
  readonly regionalDeployments: Readonly<Record<string, NetworkManagerDeployment>>;

  constructor(scope: Construct, id: string, props: EstateNetworkManagerProps) {
    super(scope, id);
    const { names, location, resourceGroupName } = props;
    this.manager = new NetworkManager(this, 'manager', {
      name: names.manager,
      resourceGroupName,
      location,
      description: 'Connects the estate hub with every data landing zone (csa-estate, topology avnm)',
      scope: {
        ...(props.scope.managementGroupIds.length
          ? { managementGroupIds: props.scope.managementGroupIds.map((mg) => `/providers/Microsoft.Management/managementGroups/${mg}`) }
          : {}),
        ...(props.scope.subscriptionIds.length ? { subscriptionIds: props.scope.subscriptionIds.map((sub) => `/subscriptions/${sub}`) } : {}),
      },
      scopeAccesses: ['Connectivity'],
    });
    this.landingZoneGroup = new NetworkManagerNetworkGroup(this, 'landing-zone-group', {
      name: names.landingZoneGroup,
      networkManagerId: this.manager.id,
      description: 'Spoke networks of the data landing zones; each zone adds its own as a static member',
    });
    const regions = props.regions ?? [location];
    const settings = regions.length > 1 ? { ...ONE_REGION, globalMeshEnabled: true } : ONE_REGION;
    this.connectivityConfiguration = this.connectivity(names.connectivityConfiguration, props.hubVirtualNetworkId, settings);
    this.deployment = this.commit('deployment', location, settings, props.hubVirtualNetworkId);
    this.regionalDeployments = Object.fromEntries(
      regions
        .filter((region) => region !== location)
        .map((region) => [region, this.commit(`deployment-${region}`, region, settings, props.hubVirtualNetworkId)]),
    );
  }

  /**
   * A commit of the configuration in one region. It applies the configuration as it is at
   * commit time: changing the configuration in place keeps its id, so the triggers carry its
   * settings and hub to re-commit then. Membership changes (zones joining) need no new commit.
   */
  private commit(id: string, region: string, settings: ConnectivitySettings, hubVirtualNetworkId: string): NetworkManagerDeployment {
    return new NetworkManagerDeployment(this, id, {
      networkManagerId: this.manager.id,
      location: region,
      scopeAccess: 'Connectivity',
      configurationIds: [this.connectivityConfiguration.id],
      triggers: {
        connectivity_configuration: JSON.stringify(settings),
        hub_virtual_network_id: hubVirtualNetworkId,
      },
    });
  }

  /** Hub and spoke with the hub network, the landing zone group's spokes directly connected. */
  private connectivity(name: string, hubVirtualNetworkId: string, settings: ConnectivitySettings): NetworkManagerConnectivityConfiguration {
    return new NetworkManagerConnectivityConfiguration(this, 'connectivity', {
      name,
      networkManagerId: this.manager.id,
      description: 'Hub and spoke with the hub network; spokes directly connected (mesh among landing zones)',
      connectivityTopology: settings.connectivityTopology,
      hub: { resourceId: hubVirtualNetworkId, resourceType: 'Microsoft.Network/virtualNetworks' },
      appliesToGroup: [
        {
          networkGroupId: this.landingZoneGroup.id,
          groupConnectivity: settings.groupConnectivity,
          useHubGateway: settings.useHubGateway,
          globalMeshEnabled: settings.globalMeshEnabled,
        },
      ],
      deleteExistingPeeringEnabled: settings.deleteExistingPeeringEnabled,
      globalMeshEnabled: settings.globalMeshEnabled,
    });
  }
}
