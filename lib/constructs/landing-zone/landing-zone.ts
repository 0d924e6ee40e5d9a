import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { NetworkManagerStaticMember } from '@cdktf/provider-azurerm/lib/network-manager-static-member';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { availabilityZones } from '../../catalog/regions';
import { LANDING_RESOURCE_GROUPS, LandingResourceGroup } from '../../naming/zone-names';
import { DiagnosticSettings } from '../shared/diagnostic-settings';
import { withPreviousIds } from '../shared/previous-ids';
import type { ZoneDiagnostics } from '../shared/vocabulary';
import { InjectedSubnet } from './databricks-workspace';
import { LandingZoneAccess } from './landing-zone-access';
import { LandingZoneDataItems } from './landing-zone-data-items';
import { LandingZoneMetadata } from './landing-zone-metadata';
import { LandingZoneNetwork } from './landing-zone-network';
import { DataLandingZoneProps } from './landing-zone-props';
import { LandingZoneRuntimes } from './landing-zone-runtimes';
import { LandingZoneStorage, resourceAccessRules } from './landing-zone-storage';
import { EnterpriseHubPeering } from '../shared/enterprise-hub-peering';
import { connectLandingZone, peerWithEnterpriseHub } from './landing-zone-connectivity';
import { SharedIntegration } from './shared-integration';
import { SharedProduct } from './shared-product';

export type { DataLandingZoneProps, PeerNetwork, SharedServicesSpec } from './landing-zone-props';

/** What the zone's services have in common: region, services subnet, management zone links, diagnostics. */
interface ZoneContext {
  readonly location: string;
  readonly subnetId: string;
  readonly links: DataLandingZoneProps['links'];
  readonly diagnostics: ZoneDiagnostics;
  readonly tenantId: string;
}

type SharedResourceGroup = Exclude<LandingResourceGroup, 'network'>;

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
  readonly resourceGroups: Readonly<Record<SharedResourceGroup, ResourceGroup>>;
  /** Each integration's and product's own resource group, by item name. */
  readonly itemResourceGroups: Readonly<Record<string, ResourceGroup>>;
  readonly network: LandingZoneNetwork;
  readonly storage: LandingZoneStorage;
  readonly metadata: LandingZoneMetadata;
  readonly runtimes?: LandingZoneRuntimes;
  readonly sharedIntegration: SharedIntegration;
  readonly sharedProduct: SharedProduct;
  readonly access: LandingZoneAccess;
  /** Every data integration's and product's identity, by item name: the `identities` output. */
  readonly identities: Readonly<Record<string, UserAssignedIdentity>>;
  /** Where each integration's and product's data lives (LandingZoneStorage.dataLocation), by item name. */
  readonly dataLocations: Readonly<Record<string, StorageContainer>>;
  /** The data integrations and products themselves. */
  readonly dataItems: LandingZoneDataItems;
  /** Topology avnm: the spoke network's membership in the management zone's network group. */
  readonly networkGroupMembership?: NetworkManagerStaticMember;
  /** Connectivity mode existing-hub: the spoke's peering with the enterprise hub. */
  readonly enterpriseHubPeering?: EnterpriseHubPeering;

  constructor(scope: Construct, id: string, props: DataLandingZoneProps) {
    super(scope, id);
    const { names, location, links } = props;
    this.networkResourceGroup = new ResourceGroup(this, 'rg-network', { name: names.resourceGroups.network, location });
    this.network = new LandingZoneNetwork(this, 'network', {
      names,
      addressSpace: props.addressSpace,
      subnets: props.subnets,
      databricks: props.sharedServices.databricks,
      location,
      resourceGroupName: this.networkResourceGroup.name,
      firewallPrivateIp: props.firewallPrivateIp,
      ...(props.dnsServers ? { dnsServers: props.dnsServers } : {}),
    });
    this.resourceGroups = sharedResourceGroups(this, props);
    this.itemResourceGroups = itemResourceGroups(this, props);
    // Each item's own identity, in its own group: every grant of the item is made to it. Made
    // before the shared services, since the Synapse workspace carries those of the items on it.
    this.identities = this.itemIdentities(props);

    const client = new DataAzurermClientConfig(this, 'client-config');
    const context: ZoneContext = {
      location,
      subnetId: this.network.subnets['services'].subnet.id,
      links,
      diagnostics: { name: names.diagnosticSetting, logAnalyticsWorkspaceId: links.logAnalyticsWorkspaceId },
      tenantId: client.tenantId,
    };
    this.storage = this.createStorage(props, context);
    this.dataLocations = Object.fromEntries([
      ...props.dataIntegrations.map((i) => [i.name, this.storage.dataLocation('integration', i.name)]),
      ...props.dataProducts.map((p) => [p.name, this.storage.dataLocation('product', p.name)]),
    ]);
    const { tenantId, ...shared } = context;
    this.metadata = new LandingZoneMetadata(this, 'metadata', { names, resourceGroupName: this.resourceGroups.metadata.name, tenantId, ...shared });
    if (props.sharedServices.selfHostedIntegrationRuntime) {
      this.runtimes = new LandingZoneRuntimes(this, 'runtimes', {
        names,
        resourceGroupName: this.resourceGroups.runtimes.name,
        subscriptionId: props.subscriptionId,
        ...shared,
      });
    }
    this.sharedIntegration = this.createSharedIntegration(props, context);
    this.sharedProduct = this.createSharedProduct(props, context);
    this.access = this.createAccess(props);
    this.dataItems = this.createDataItems(props, context);
    this.diagnoseNetwork(context.diagnostics);
    const spoke = { virtualNetwork: this.network.virtualNetwork, resourceGroupName: this.networkResourceGroup.name };
    this.networkGroupMembership = connectLandingZone(this, props, spoke);
    if (props.enterpriseHubPeering) this.enterpriseHubPeering = peerWithEnterpriseHub(this, props.enterpriseHubPeering, props.provider, spoke);
  }

  private itemIdentities(props: DataLandingZoneProps): Record<string, UserAssignedIdentity> {
    const identityScope = new Construct(this, 'data-item-identities');
    const identity = (item: { name: string; previousNames?: readonly string[]; names: { identity: string } }, tags: Record<string, string>) =>
      withPreviousIds(
        new UserAssignedIdentity(identityScope, item.name, {
          name: item.names.identity,
          resourceGroupName: this.itemResourceGroups[item.name].name,
          location: props.location,
          tags,
        }),
        item.previousNames ?? [],
      );
    return Object.fromEntries([
      ...props.dataIntegrations.map((i) => [i.name, identity(i, { dataIntegration: i.name })]),
      ...props.dataProducts.map((p) => [p.name, identity(p, { dataProduct: p.name })]),
    ]);
  }

  private createStorage(props: DataLandingZoneProps, context: ZoneContext): LandingZoneStorage {
    return new LandingZoneStorage(this, 'storage', {
      names: props.names,
      dataIntegrations: props.dataIntegrations.map((i) => i.name),
      dataProducts: props.dataProducts.map((p) => p.name),
      location: context.location,
      resourceGroupName: this.resourceGroups.storage.name,
      externalResourceGroupName: this.resourceGroups.externalstorage.name,
      zoneRedundant: availabilityZones(context.location).length > 0,
      subnetId: context.subnetId,
      links: context.links,
      resourceAccessRules: resourceAccessRules(props.synapseSubscriptionIds, context.links.purviewAccountId, context.tenantId, props.subscriptionId),
      diagnostics: context.diagnostics,
    });
  }

  private createSharedIntegration(props: DataLandingZoneProps, context: ZoneContext): SharedIntegration {
    const lakes = this.storage.lakes;
    return new SharedIntegration(this, 'shared-integration', {
      names: props.names,
      sharedServices: props.sharedServices,
      subscriptionId: props.subscriptionId,
      resourceGroupName: this.resourceGroups['shared-integration'].name,
      location: context.location,
      subnetId: context.subnetId,
      virtualNetworkId: this.network.virtualNetwork.id,
      databricksSubnets: this.databricksSubnets('integration'),
      targets: {
        rawLakeId: lakes.raw.account.id,
        enrichedLakeId: lakes.enriched.account.id,
        integrationKeyVaultId: this.metadata.keyVaults.integration.vault.id,
        sqlServerId: this.metadata.sqlServer.id,
      },
      selfHostedRuntimeId: this.runtimes?.selfHostedRuntime.id,
      links: context.links,
      diagnostics: context.diagnostics,
    });
  }

  private createSharedProduct(props: DataLandingZoneProps, context: ZoneContext): SharedProduct {
    const synapseItems = [...props.dataIntegrations, ...props.dataProducts].filter((item) => item.names.engine === 'synapse');
    return new SharedProduct(this, 'shared-product', {
      names: props.names,
      sharedServices: props.sharedServices,
      resourceGroupName: this.resourceGroups['shared-product'].name,
      location: context.location,
      subnetId: context.subnetId,
      virtualNetworkId: this.network.virtualNetwork.id,
      databricksSubnets: this.databricksSubnets('product'),
      synapseStorage: { account: this.storage.lakes.workspace.account, container: this.storage.dataContainer('workspace') },
      sqlAdministrator: this.metadata.sqlAdministrator,
      synapseItemIdentityIds: synapseItems.map((item) => this.identities[item.name].id),
      links: context.links,
      diagnostics: context.diagnostics,
    });
  }

  private createAccess(props: DataLandingZoneProps): LandingZoneAccess {
    const lakes = this.storage.lakes;
    const factory = this.sharedIntegration.dataFactory;
    const synapse = this.sharedProduct.synapse;
    return new LandingZoneAccess(this, 'access', {
      subscriptionId: props.subscriptionId,
      lakeIds: { raw: lakes.raw.account.id, enriched: lakes.enriched.account.id, workspace: lakes.workspace.account.id, external: lakes.external.account.id },
      purviewPrincipalId: props.links.purviewPrincipalId,
      ...(factory
        ? {
            dataFactory: {
              principalId: factory.factory.identity.principalId,
              rawDataContainerId: this.storage.dataContainer('raw').id,
              enrichedDataContainerId: this.storage.dataContainer('enriched').id,
              integrationKeyVaultId: this.metadata.keyVaults.integration.vault.id,
              databricksWorkspaceId: this.sharedIntegration.databricks?.workspace.id,
            },
          }
        : {}),
      ...(synapse ? { synapse: { principalId: synapse.workspace.identity.principalId, dataContainerId: this.storage.dataContainer('workspace').id } } : {}),
    });
  }

  private createDataItems(props: DataLandingZoneProps, context: ZoneContext): LandingZoneDataItems {
    const lakes = this.storage.lakes;
    const containers = props.names.containers;
    // An item's subnet by owner: the layout alone decides its key (a renamed item keeps its subnet).
    const subnetOf = (item: string) => this.network.subnets[props.subnets.find((s) => s.owner === item)!.key];
    const placement = (item: string, subnet = subnetOf(item)) =>
      [item, { resourceGroupName: this.itemResourceGroups[item].name, subnetId: subnet.subnet.id, subnetRouting: subnet.routeTableAssociation }] as const;
    return new LandingZoneDataItems(this, 'data-items', {
      location: context.location,
      subscriptionId: props.subscriptionId,
      dataIntegrations: props.dataIntegrations,
      dataProducts: props.dataProducts,
      tenantId: context.tenantId,
      identities: this.identities,
      placements: Object.fromEntries([...props.dataIntegrations.map((i) => placement(i.name)), ...props.dataProducts.map((p) => placement(p.name))]),
      containers: {
        integrations: Object.fromEntries(
          props.dataIntegrations.map((i) => [i.name, { raw: lakes.raw.containers[containers.integrations[i.name]], enriched: this.dataLocations[i.name] }]),
        ),
        products: Object.fromEntries(props.dataProducts.map((p) => [p.name, this.dataLocations[p.name]])),
      },
      lakeIds: { raw: lakes.raw.account.id, enriched: lakes.enriched.account.id, workspace: lakes.workspace.account.id },
      synapseWorkspaceId: this.sharedProduct.synapse?.workspace.id,
      managementZone: props.managementZone,
      links: context.links,
      diagnostics: context.diagnostics,
      availabilityZones: availabilityZones(context.location),
      production: props.production,
      addressPool: props.addressPool,
    });
  }

  /** The network's own logs: the VNet (and its metrics), and the NSGs' rule and event logs (NSGs have no metrics). */
  private diagnoseNetwork(diagnostics: ZoneDiagnostics): void {
    const networkDiagnostics = new Construct(this, 'network-diagnostics');
    new DiagnosticSettings(networkDiagnostics, 'vnet', { ...diagnostics, targetResourceId: this.network.virtualNetwork.id });
    for (const [key, nsg] of Object.entries(this.network.networkSecurityGroups)) {
      new DiagnosticSettings(networkDiagnostics, `nsg-${key}`, { ...diagnostics, targetResourceId: nsg.id, metrics: [] });
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

/** The reference's resource groups but `network`, in one scope. */
function sharedResourceGroups(scope: Construct, props: DataLandingZoneProps): Record<SharedResourceGroup, ResourceGroup> {
  const groups = new Construct(scope, 'resource-groups');
  return Object.fromEntries(
    LANDING_RESOURCE_GROUPS.filter((rg) => rg !== 'network').map((rg) => [
      rg,
      new ResourceGroup(groups, rg, { name: props.names.resourceGroups[rg], location: props.location }),
    ]),
  ) as Record<SharedResourceGroup, ResourceGroup>;
}

/** Where each integration and product deploys its own resources (the reference's empty `di001`/`dp001` groups). */
function itemResourceGroups(scope: Construct, props: DataLandingZoneProps): Record<string, ResourceGroup> {
  const { names, location } = props;
  const integrationGroups = new Construct(scope, 'data-integration-resource-groups');
  const integrations = props.dataIntegrations.map((i) => [
    i.name,
    withPreviousIds(
      new ResourceGroup(integrationGroups, i.name, { name: names.integrationResourceGroups[i.name], location, tags: { dataIntegration: i.name } }),
      i.previousNames ?? [],
    ),
  ]);
  const productGroups = new Construct(scope, 'data-product-resource-groups');
  const products = props.dataProducts.map((p) => [
    p.name,
    withPreviousIds(
      new ResourceGroup(productGroups, p.name, { name: names.productResourceGroups[p.name], location, tags: { dataProduct: p.name } }),
      p.previousNames ?? [],
    ),
  ]);
  return Object.fromEntries([...integrations, ...products]);
}
