import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { NetworkManagerStaticMember } from '@cdktf/provider-azurerm/lib/network-manager-static-member';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { availabilityZones } from '../../catalog/regions';
import { ManagementZoneAccess } from '../data-product/model-serving-cluster';
import { Estate, LandingZone } from '../../estate/model';
import { LANDING_RESOURCE_GROUPS, LandingResourceGroup } from '../../naming/zone-names';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { withPreviousIds } from '../shared/previous-ids';
import { InjectedSubnet } from './databricks-workspace';
import { ResourceAccessRule } from './data-lake';
import { LandingZoneAccess } from './landing-zone-access';
import { LandingZoneDataItems } from './landing-zone-data-items';
import { LandingZoneMetadata } from './landing-zone-metadata';
import { LandingZoneNetwork } from './landing-zone-network';
import { LandingZoneRuntimes } from './landing-zone-runtimes';
import { LandingZoneStorage } from './landing-zone-storage';
import { ManagementZoneLinks } from './management-zone-links';
import { NetworkPeering } from './network-peering';
import { SharedIntegration } from './shared-integration';
import { SharedProduct } from './shared-product';

/** A network this landing zone peers with, as read from that zone's remote state. */
export interface PeerNetwork {
  /** Zone key (`dmlz` or the landing zone name): the peering names and construct ids use it. */
  readonly key: string;
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  /** Provider for the peer's subscription. */
  readonly provider: AzurermProvider;
  readonly isHub?: boolean;
}

export interface DataLandingZoneProps {
  readonly estate: Estate;
  readonly zone: LandingZone;
  /** The hub firewall's private IP (routes and DNS). */
  readonly firewallPrivateIp: string;
  /** The management zone's hub network. */
  readonly hub: PeerNetwork;
  /** Every landing zone listed before this one: the mesh (topology peering; empty with avnm). */
  readonly earlierZones: readonly PeerNetwork[];
  /**
   * Topology avnm: the management zone's network group (from its remote state). The zone
   * joins it as a static member, through the hub's provider, instead of peering.
   * @default - topology peering: peer with the hub and every earlier zone
   */
  readonly networkGroupId?: string;
  /** This zone's own provider. */
  readonly provider: AzurermProvider;
  /** What the zone uses of the management zone: DNS zones, Log Analytics, Purview. */
  readonly links: ManagementZoneLinks;
}

/**
 * A data landing zone (one per business unit): the reference's resource groups plus one
 * per data integration and data product; its spoke network, peered both ways with the hub
 * and with every earlier landing zone (topology peering) or a static member of the management
 * zone's Virtual Network Manager group (topology avnm); its lakes, metadata stores, shared integration and
 * product services; their role assignments and diagnostics; and its data integrations and
 * data products, each with its own identity (docs/data-products.md). Later zones peer with it, so
 * adding a zone never changes an existing zone's stack.
 */
export class DataLandingZone extends Construct {
  readonly networkResourceGroup: ResourceGroup;
  /** Every resource group of the reference but `network`, by group. */
  readonly resourceGroups: Readonly<Record<Exclude<LandingResourceGroup, 'network'>, ResourceGroup>>;
  readonly network: LandingZoneNetwork;
  readonly storage: LandingZoneStorage;
  readonly metadata: LandingZoneMetadata;
  readonly runtimes?: LandingZoneRuntimes;
  readonly sharedIntegration: SharedIntegration;
  readonly sharedProduct: SharedProduct;
  readonly access: LandingZoneAccess;
  /** Every data integration's and product's identity, by item name: the `identities` output. */
  readonly identities: Readonly<Record<string, UserAssignedIdentity>>;
  /** The data integrations and products themselves. */
  readonly dataItems: LandingZoneDataItems;
  /** Topology avnm: the spoke network's membership in the management zone's network group. */
  readonly networkGroupMembership?: NetworkManagerStaticMember;

  constructor(scope: Construct, id: string, props: DataLandingZoneProps) {
    super(scope, id);
    const { estate, zone, links } = props;
    const names = zone.names;
    const location = estate.location;
    this.networkResourceGroup = new ResourceGroup(this, 'rg-network', { name: names.resourceGroups.network, location });
    this.network = new LandingZoneNetwork(this, 'network', {
      zone,
      location,
      resourceGroupName: this.networkResourceGroup.name,
      firewallPrivateIp: props.firewallPrivateIp,
    });

    const groups = new Construct(this, 'resource-groups');
    this.resourceGroups = Object.fromEntries(
      LANDING_RESOURCE_GROUPS.filter((rg) => rg !== 'network').map((rg) => [rg, new ResourceGroup(groups, rg, { name: names.resourceGroups[rg], location })]),
    ) as Record<Exclude<LandingResourceGroup, 'network'>, ResourceGroup>;
    // Where each integration and product deploys its own resources (the reference's empty `di001`/`dp001` groups).
    const itemGroups: Record<string, ResourceGroup> = {};
    const integrationGroups = new Construct(this, 'data-integration-resource-groups');
    for (const integration of zone.dataIntegrations) {
      itemGroups[integration.name] = withPreviousIds(
        new ResourceGroup(integrationGroups, integration.name, { name: names.integrationResourceGroups[integration.name], location, tags: { dataIntegration: integration.name } }),
        integration.previousNames,
      );
    }
    const productGroups = new Construct(this, 'data-product-resource-groups');
    for (const product of zone.dataProducts) {
      itemGroups[product.name] = withPreviousIds(
        new ResourceGroup(productGroups, product.name, { name: names.productResourceGroups[product.name], location, tags: { dataProduct: product.name } }),
        product.previousNames,
      );
    }
    // Each item's own identity, in its own group: every grant of the item is made to it. Made
    // before the shared services, since the Synapse workspace carries those of the items on it.
    const identityScope = new Construct(this, 'data-item-identities');
    this.identities = Object.fromEntries([
      ...zone.dataIntegrations.map((i) => [
        i.name,
        withPreviousIds(
          new UserAssignedIdentity(identityScope, i.name, { name: names.dataIntegrations[i.name].identity, resourceGroupName: itemGroups[i.name].name, location, tags: { dataIntegration: i.name } }),
          i.previousNames,
        ),
      ]),
      ...zone.dataProducts.map((p) => [
        p.name,
        withPreviousIds(
          new UserAssignedIdentity(identityScope, p.name, { name: names.dataProducts[p.name].identity, resourceGroupName: itemGroups[p.name].name, location, tags: { dataProduct: p.name } }),
          p.previousNames,
        ),
      ]),
    ]);
    const rg = (group: Exclude<LandingResourceGroup, 'network'>) => this.resourceGroups[group].name;

    const client = new DataAzurermClientConfig(this, 'client-config');
    const subnetId = this.network.subnets['services'].subnet.id;
    const diagnostics = { name: names.diagnosticSetting, logAnalyticsWorkspaceId: links.logAnalyticsWorkspaceId };

    this.storage = new LandingZoneStorage(this, 'storage', {
      names,
      dataIntegrations: zone.dataIntegrations.map((i) => i.name),
      dataProducts: zone.dataProducts.map((p) => p.name),
      location,
      resourceGroupName: rg('storage'),
      externalResourceGroupName: rg('externalstorage'),
      zoneRedundant: availabilityZones(location).length > 0,
      subnetId,
      links,
      resourceAccessRules: resourceAccessRules(estate, zone, links.purviewAccountId, client.tenantId),
      diagnostics,
    });
    this.metadata = new LandingZoneMetadata(this, 'metadata', {
      names,
      resourceGroupName: rg('metadata'),
      location,
      tenantId: client.tenantId,
      subnetId,
      links,
      diagnostics,
    });
    if (zone.sharedServices.selfHostedIntegrationRuntime) {
      this.runtimes = new LandingZoneRuntimes(this, 'runtimes', { names, resourceGroupName: rg('runtimes'), location, subnetId, links, diagnostics });
    }

    const lakes = this.storage.lakes;
    const dataContainer = (lake: 'raw' | 'enriched' | 'workspace') => lakes[lake].containers[names.containers.data];
    this.sharedIntegration = new SharedIntegration(this, 'shared-integration', {
      names,
      sharedServices: zone.sharedServices,
      subscriptionId: zone.subscriptionId,
      resourceGroupName: rg('shared-integration'),
      location,
      subnetId,
      virtualNetworkId: this.network.virtualNetwork.id,
      databricksSubnets: this.databricksSubnets('integration'),
      targets: {
        rawLakeId: lakes.raw.account.id,
        enrichedLakeId: lakes.enriched.account.id,
        integrationKeyVaultId: this.metadata.keyVaults.integration.vault.id,
        sqlServerId: this.metadata.sqlServer.id,
      },
      selfHostedRuntimeId: this.runtimes?.selfHostedRuntime.id,
      links,
      diagnostics,
    });
    this.sharedProduct = new SharedProduct(this, 'shared-product', {
      names,
      sharedServices: zone.sharedServices,
      resourceGroupName: rg('shared-product'),
      location,
      subnetId,
      virtualNetworkId: this.network.virtualNetwork.id,
      databricksSubnets: this.databricksSubnets('product'),
      synapseStorage: { account: lakes.workspace.account, container: dataContainer('workspace') },
      sqlAdministrator: this.metadata.sqlAdministrator,
      synapseItemIdentityIds: [...zone.dataIntegrations, ...zone.dataProducts].filter((item) => item.engine === 'synapse').map((item) => this.identities[item.name].id),
      links,
      diagnostics,
    });

    const factory = this.sharedIntegration.dataFactory;
    const synapse = this.sharedProduct.synapse;
    this.access = new LandingZoneAccess(this, 'access', {
      subscriptionId: zone.subscriptionId,
      lakeIds: { raw: lakes.raw.account.id, enriched: lakes.enriched.account.id, workspace: lakes.workspace.account.id, external: lakes.external.account.id },
      purviewPrincipalId: links.purviewPrincipalId,
      ...(factory
        ? {
            dataFactory: {
              principalId: factory.factory.identity.principalId,
              rawDataContainerId: dataContainer('raw').id,
              enrichedDataContainerId: dataContainer('enriched').id,
              integrationKeyVaultId: this.metadata.keyVaults.integration.vault.id,
              databricksWorkspaceId: this.sharedIntegration.databricks?.workspace.id,
            },
          }
        : {}),
      ...(synapse ? { synapse: { principalId: synapse.workspace.identity.principalId, dataContainerId: dataContainer('workspace').id } } : {}),
    });

    const managementZone: ManagementZoneAccess = { subscriptionId: estate.managementZone.subscriptionId, provider: props.hub.provider };
    const subnetOf = (key: string) => this.network.subnets[key].subnet.id;
    // An item's subnet by owner: the layout alone decides its key (a renamed item keeps its subnet).
    const itemSubnetOf = (item: string) => subnetOf(zone.subnets.find((s) => s.owner === item)!.key);
    this.dataItems = new LandingZoneDataItems(this, 'data-items', {
      estate,
      zone,
      tenantId: client.tenantId,
      identities: this.identities,
      placements: Object.fromEntries([
        ...zone.dataIntegrations.map((i) => [i.name, { resourceGroupName: itemGroups[i.name].name, subnetId: itemSubnetOf(i.name) }]),
        ...zone.dataProducts.map((p) => [p.name, { resourceGroupName: itemGroups[p.name].name, subnetId: itemSubnetOf(p.name) }]),
      ]),
      containers: {
        integrations: Object.fromEntries(
          zone.dataIntegrations.map((i) => [i.name, { raw: lakes.raw.containers[names.containers.integrations[i.name]], enriched: lakes.enriched.containers[names.containers.integrations[i.name]] }]),
        ),
        products: Object.fromEntries(zone.dataProducts.map((p) => [p.name, lakes.workspace.containers[names.containers.products[p.name]]])),
      },
      lakeIds: { raw: lakes.raw.account.id, enriched: lakes.enriched.account.id, workspace: lakes.workspace.account.id },
      synapseWorkspaceId: synapse?.workspace.id,
      managementZone,
      links,
      diagnostics,
      availabilityZones: availabilityZones(location),
    });

    // The network's own logs: the VNet (and its metrics), and the NSGs' rule and event logs (NSGs have no metrics).
    const networkDiagnostics = new Construct(this, 'network-diagnostics');
    new DiagnosticSettings(networkDiagnostics, 'vnet', { ...diagnostics, targetResourceId: this.network.virtualNetwork.id });
    for (const [key, nsg] of Object.entries(this.network.networkSecurityGroups)) {
      new DiagnosticSettings(networkDiagnostics, `nsg-${key}`, { ...diagnostics, targetResourceId: nsg.id, metrics: [] });
    }

    if (props.networkGroupId) {
      if (props.earlierZones.length) throw new Error(`landing zone ${zone.name}: topology avnm has no peerings with earlier zones`);
      // The group lives in the management subscription; Virtual Network Manager connects the
      // member with the hub and the other landing zones once it joins (docs/topology.md).
      this.networkGroupMembership = new NetworkManagerStaticMember(this, 'network-group-membership', {
        provider: props.hub.provider,
        name: names.networkManagerStaticMember,
        networkGroupId: props.networkGroupId,
        targetVirtualNetworkId: this.network.virtualNetwork.id,
      });
    } else {
      this.peer(props);
    }
  }

  /** Topology peering: both directions with the hub and with every earlier landing zone. */
  private peer(props: DataLandingZoneProps): void {
    const self = {
      virtualNetworkId: this.network.virtualNetwork.id,
      virtualNetworkName: this.network.virtualNetwork.name,
      resourceGroupName: this.networkResourceGroup.name,
      provider: props.provider,
    };
    const peerings = new Construct(this, 'peerings');
    for (const peer of [props.hub, ...props.earlierZones]) {
      new NetworkPeering(peerings, peer.key, {
        local: { ...self, peeringName: `peer-${peer.key}` },
        remote: { ...peer, peeringName: `peer-${props.zone.name}` },
      });
    }
  }

  /** The delegated subnet pair of one shared Databricks workspace, when Databricks is on. */
  private databricksSubnets(workspace: 'integration' | 'product'): { public: InjectedSubnet; private: InjectedSubnet } | undefined {
    const injected = (side: 'public' | 'private'): InjectedSubnet | undefined => {
      const subnet = this.network.subnets[`dbw-${workspace}-${side}`];
      const association = subnet?.networkSecurityGroupAssociation;
      return subnet && association ? { name: subnet.subnet.name, networkSecurityGroupAssociationId: association.id } : undefined;
    };
    const [publicSubnet, privateSubnet] = [injected('public'), injected('private')];
    return publicSubnet && privateSubnet ? { public: publicSubnet, private: privateSubnet } : undefined;
  }
}

/**
 * Who may pass the lakes' firewalls by resource instance (the reference's
 * `resourceAccessRules`): the management zone's Purview account, and every Synapse
 * workspace of this zone's subscription and of the earlier landing zones' subscriptions
 * (the reference lists every landing zone subscription; a later zone's would change this
 * stack when the zone is appended. Later zones' workspaces reach these lakes through
 * managed private endpoints, which data exfiltration protection requires anyway).
 */
function resourceAccessRules(estate: Estate, zone: LandingZone, purviewAccountId: string, tenantId: string): ResourceAccessRule[] {
  const subscriptions = [...new Set(estate.landingZones.slice(0, zone.index + 1).map((z) => z.subscriptionId))];
  return [
    { resourceId: purviewAccountId, tenantId },
    ...subscriptions.map((subscription) => ({
      resourceId: `/subscriptions/${subscription}/resourceGroups/*/providers/Microsoft.Synapse/workspaces/*`,
      tenantId,
    })),
  ];
}
