import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { FirewallRules, firewallRules } from '../../catalog/firewall-rules';
import { privateDnsZoneNamesFor, zoneId } from '../../catalog/private-dns-zones';
import { availabilityZones } from '../../catalog/regions';
import { MANAGEMENT_RESOURCE_GROUPS, ManagementResourceGroup, ManagementZoneNames } from '../../naming/zone-names';
import { EstateNetworkManager, NetworkManagerScope } from '../network-manager/network-manager';
import { ManagementContainerRegistry } from '../shared/container-registry';
import { DiagnosticSettings, DiagnosticSettingsProps } from '../shared/diagnostic-settings';
import { EnterpriseHubPeering, EnterpriseHubPeeringSpec } from '../shared/enterprise-hub-peering';
import { PrivateEndpointSpec } from '../shared/private-endpoint';
import { ZoneDiagnostics } from '../shared/vocabulary';
import { Automation } from './automation';
import { DatabricksWebAuth } from './databricks-web-auth';
import { FirewallRuleCollectionGroups } from './firewall-rule-collection-groups';
import { Governance } from './governance';
import { LogAnalytics } from './log-analytics';
import { HubSubnetPrefixes, ManagementZoneNetwork } from './management-zone-network';
import { PrivateDnsZones } from './private-dns-zones';
import { RegionalDatabricksWebAuth } from './regional-web-auth';
import { SynapsePrivateLinkHub } from './synapse-private-link-hub';

/** What the management zone uses of an enterprise connectivity hub instead of deploying its own. */
export interface ManagementZoneExistingHub {
  /** The hub firewall's private IP: next hop of the default route. */
  readonly firewallPrivateIp: string;
  /** The zone network's DNS servers. */
  readonly dnsServers: readonly string[];
  /** The enterprise's private DNS zones, by zone name: every private endpoint registers there. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  /** False when Azure Policy creates the private endpoints' DNS zone groups: the zone creates none. */
  readonly dnsZoneGroups: boolean;
  /**
   * The hub firewall's policy, and a provider for its subscription: the estate's rule collection groups go there.
   * @default none: the connectivity team opens the estate's egress
   */
  readonly firewallPolicy?: { readonly id: string; readonly provider?: AzurermProvider };
  /** The zone network's peering with the hub. */
  readonly peering: EnterpriseHubPeeringSpec;
}

export interface ManagementZoneProps {
  /** Azure region of the estate. */
  readonly location: string;
  /**
   * Every region the estate uses: the regional private DNS zones, the firewall's regional
   * rules and the Databricks web-auth workspaces follow each.
   * @default [location]
   */
  readonly regions?: readonly string[];
  /** The management zone's subscription. */
  readonly subscriptionId: string;
  /** Names of every resource of the zone (lib/naming). */
  readonly names: ManagementZoneNames;
  /** The hub network's address space. */
  readonly addressSpace: string;
  readonly subnets: HubSubnetPrefixes;
  /** Premium adds intrusion detection (IDPS) in deny mode. Own hub only. */
  readonly firewallTier: 'Standard' | 'Premium';
  /**
   * Join an enterprise connectivity hub: no firewall, public IP, firewall policy or private DNS zone here.
   * @default the zone deploys its own hub
   */
  readonly existingHub?: ManagementZoneExistingHub;
  /**
   * Who may send traffic through the firewall: the estate's address pool, which holds every
   * zone. The reference allows `*`. Landing zones are not listed one by one, so appending
   * one never changes this zone.
   */
  readonly addressPool: string;
  /**
   * Topology `avnm`: what the Virtual Network Manager connecting the hub and every landing zone manages.
   * @default no network manager (topology `peering`)
   */
  readonly networkManagerScope?: NetworkManagerScope;
  /**
   * The hub firewall's allow rules.
   * @default the reference's rule collection groups for `location` (lib/catalog/firewall-rules.ts)
   */
  readonly firewallRules?: FirewallRules;
  /**
   * The Databricks web-auth workspace's delegated subnet pair in the hub: the region's
   * `browser_authentication` endpoint for landing zones whose Databricks front end is private.
   * @default none (no landing zone runs Databricks)
   */
  readonly databricksWebAuthSubnets?: { readonly public: string; readonly private: string };
  /**
   * The regions that get a web-auth workspace (with `databricksWebAuthSubnets`): `location`'s in
   * the hub, another region's in an isolated network of that region.
   * @default [location]
   */
  readonly databricksWebAuthRegions?: readonly string[];
}

/**
 * The data management landing zone: what every landing zone shares. Resource groups
 * as in the reference, the hub network with firewall, its allow rules and DNS proxy,
 * the estate's private DNS zones, governance (Purview, Key Vault), the shared container
 * registry, the Synapse private link hub, the automation identity, and central
 * monitoring with diagnostic settings on every resource that produces logs.
 */
export class DataManagementZone extends Construct {
  readonly resourceGroups: Readonly<Record<ManagementResourceGroup, ResourceGroup>>;
  readonly network: ManagementZoneNetwork;
  /** The estate's rule collection groups: in its own firewall's policy, or the enterprise hub's when given. */
  readonly firewallRules?: FirewallRuleCollectionGroups;
  /** Own hub only: the estate's private DNS zones. */
  readonly privateDnsZones?: PrivateDnsZones;
  /** Every private DNS zone endpoints register in, by zone name: the zone's own or the enterprise's. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  /** Existing hub only: the zone network's peering with it. */
  readonly hubPeering?: EnterpriseHubPeering;
  /** The firewall policy the estate's rules go in, when there is one. */
  readonly firewallPolicyId?: string;
  readonly logAnalytics: LogAnalytics;
  readonly governance: Governance;
  readonly containerRegistry: ManagementContainerRegistry;
  readonly synapsePrivateLinkHub: SynapsePrivateLinkHub;
  readonly automation: Automation;
  /** Topology avnm only: the Virtual Network Manager connecting the hub and every landing zone. */
  readonly networkManager?: EstateNetworkManager;
  /** When a landing zone of the estate's region runs Databricks: the region's web-auth workspace. */
  readonly databricksWebAuth?: DatabricksWebAuth;
  /** The other regions' web-auth workspaces, by region. */
  readonly regionalDatabricksWebAuth: Readonly<Record<string, RegionalDatabricksWebAuth>> = {};
  private readonly dnsZoneGroups: boolean;

  constructor(scope: Construct, id: string, props: ManagementZoneProps) {
    super(scope, id);
    const { names, location } = props;
    const groups = new Construct(this, 'resource-groups');
    this.resourceGroups = Object.fromEntries(
      MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, new ResourceGroup(groups, rg, { name: names.resourceGroups[rg], location })]),
    ) as Record<ManagementResourceGroup, ResourceGroup>;

    const hub = props.existingHub;
    const regions = props.regions ?? [location];
    this.network = new ManagementZoneNetwork(this, 'network', {
      names,
      location,
      resourceGroupName: this.rg('network'),
      addressSpace: props.addressSpace,
      subnets: props.subnets,
      firewall: hub ? { privateIp: hub.firewallPrivateIp, dnsServers: hub.dnsServers } : { tier: props.firewallTier },
    });
    if (props.networkManagerScope) this.networkManager = this.createNetworkManager(props, props.networkManagerScope);
    this.firewallPolicyId = this.network.firewall?.policy.id ?? hub?.firewallPolicy?.id;
    if (this.firewallPolicyId) this.firewallRules = this.createFirewallRules(props, this.firewallPolicyId, regions);
    if (hub) this.hubPeering = this.peerWithHub(hub);
    else this.privateDnsZones = this.createPrivateDnsZones(names, regions);
    this.privateDnsZoneIds = this.privateDnsZones?.zoneIds ?? hub!.privateDnsZoneIds;
    this.dnsZoneGroups = hub?.dnsZoneGroups ?? true;
    this.logAnalytics = new LogAnalytics(this, 'monitoring', { name: names.logAnalyticsWorkspace, resourceGroupName: this.rg('management'), location });
    this.governance = new Governance(this, 'governance', {
      subscriptionId: props.subscriptionId,
      resourceGroupName: this.rg('governance'),
      location,
      names,
      subnetId: this.network.servicesSubnet.subnet.id,
      privateDnsZoneIds: this.privateDnsZoneIds,
      dnsZoneGroups: this.dnsZoneGroups,
    });
    this.containerRegistry = this.createContainerRegistry(names, location);
    this.synapsePrivateLinkHub = this.createSynapsePrivateLinkHub(names, location);
    this.automation = new Automation(this, 'automation', {
      subscriptionId: props.subscriptionId,
      resourceGroupName: this.rg('automation'),
      location,
      identityName: names.automationIdentity,
      purviewAccountId: this.governance.purview.account.id,
    });
    const diagnostics = { name: names.diagnosticSetting, logAnalyticsWorkspaceId: this.logAnalytics.workspace.id };
    const webAuthSubnets = props.databricksWebAuthSubnets;
    if (webAuthSubnets) {
      // A web-auth workspace per region with Databricks: the estate region's in the hub.
      const webAuthRegions = props.databricksWebAuthRegions ?? [location];
      if (webAuthRegions.includes(location)) this.databricksWebAuth = this.createDatabricksWebAuth(names, location, webAuthSubnets, diagnostics);
      this.regionalDatabricksWebAuth = this.createRegionalWebAuth(
        props,
        webAuthSubnets,
        webAuthRegions.filter((region) => region !== location),
        diagnostics,
      );
    }
    this.addDiagnostics(diagnostics);
  }

  private createNetworkManager(props: ManagementZoneProps, scope: NetworkManagerScope): EstateNetworkManager {
    return new EstateNetworkManager(this, 'network-manager', {
      names: props.names.networkManager,
      location: props.location,
      resourceGroupName: this.rg('network'),
      scope,
      hubVirtualNetworkId: this.network.virtualNetwork.id,
      ...(props.regions ? { regions: props.regions } : {}),
    });
  }

  /** The estate's rule collection groups: in its own firewall's policy, or the enterprise hub's (through its provider). */
  private createFirewallRules(props: ManagementZoneProps, firewallPolicyId: string, regions: readonly string[]): FirewallRuleCollectionGroups {
    const provider = props.existingHub?.firewallPolicy?.provider;
    return new FirewallRuleCollectionGroups(this, 'firewall-rules', {
      firewallPolicyId,
      rules: props.firewallRules ?? firewallRules(regions),
      sourceAddresses: [props.addressPool],
      names: props.names.firewallRuleCollectionGroups,
      ...(provider ? { provider } : {}),
    });
  }

  /** Existing hub: the zone network's peering with it. */
  private peerWithHub(hub: ManagementZoneExistingHub): EnterpriseHubPeering {
    const vnet = this.network.virtualNetwork;
    return new EnterpriseHubPeering(this, 'enterprise-hub-peering', {
      ...hub.peering,
      spoke: { virtualNetworkId: vnet.id, virtualNetworkName: vnet.name, resourceGroupName: this.rg('network') },
    });
  }

  /** Own hub: the estate's private DNS zones, global and of every region, linked to the hub. */
  private createPrivateDnsZones(names: ManagementZoneNames, regions: readonly string[]): PrivateDnsZones {
    return new PrivateDnsZones(this, 'private-dns-zones', {
      resourceGroupName: this.rg('global-dns'),
      zoneNames: privateDnsZoneNamesFor(regions),
      virtualNetworkId: this.network.virtualNetwork.id,
      linkName: names.virtualNetwork,
    });
  }

  private rg(group: ManagementResourceGroup): string {
    return this.resourceGroups[group].name;
  }

  /** Every private endpoint of the zone sits in the hub services subnet. */
  private endpoint(name: string, zoneName: string): PrivateEndpointSpec {
    const privateDnsZoneIds = this.dnsZoneGroups ? [zoneId(this.privateDnsZoneIds, zoneName)] : [];
    return { name, subnetId: this.network.servicesSubnet.subnet.id, privateDnsZoneIds };
  }

  /** The web-auth workspaces of regions other than the estate's, each in a network of its own region. */
  private createRegionalWebAuth(
    props: ManagementZoneProps,
    subnets: { readonly public: string; readonly private: string },
    regions: readonly string[],
    diagnostics: ZoneDiagnostics,
  ): Record<string, RegionalDatabricksWebAuth> {
    return Object.fromEntries(
      regions.map((region) => {
        const names = props.names.regionalDatabricksWebAuth[region];
        if (!names) throw new Error(`internal: no web-auth names for region ${region}`);
        const webAuth = new RegionalDatabricksWebAuth(this, `databricks-web-auth-${region}`, {
          names,
          resourceGroupName: this.rg('network'),
          location: region,
          subnetPrefixes: subnets,
          // In the hub's services subnet, so in the hub's region: a cross-region endpoint.
          privateEndpoint: { ...this.endpoint(names.privateEndpoint, 'privatelink.azuredatabricks.net'), location: props.location },
          diagnostics,
        });
        return [region, webAuth];
      }),
    );
  }

  private createContainerRegistry(names: ManagementZoneNames, location: string): ManagementContainerRegistry {
    return new ManagementContainerRegistry(this, 'container-registry', {
      name: names.containerRegistry,
      resourceGroupName: this.rg('container'),
      location,
      zoneRedundant: availabilityZones(location).length > 0,
      privateEndpoint: this.endpoint(names.privateEndpoints.registry, 'privatelink.azurecr.io'),
    });
  }

  private createSynapsePrivateLinkHub(names: ManagementZoneNames, location: string): SynapsePrivateLinkHub {
    return new SynapsePrivateLinkHub(this, 'synapse-private-link-hub', {
      name: names.synapsePrivateLinkHub,
      resourceGroupName: this.rg('consumption'),
      location,
      privateEndpoint: this.endpoint(names.privateEndpoints['synapse-web'], 'privatelink.azuresynapse.net'),
    });
  }

  private createDatabricksWebAuth(
    names: ManagementZoneNames,
    location: string,
    subnetPrefixes: { readonly public: string; readonly private: string },
    diagnostics: ZoneDiagnostics,
  ): DatabricksWebAuth {
    return new DatabricksWebAuth(this, 'databricks-web-auth', {
      names: { ...names.databricksWebAuth, subnets: { public: names.subnets['dbw-webauth-public'], private: names.subnets['dbw-webauth-private'] } },
      resourceGroupName: this.rg('network'),
      location,
      virtualNetwork: { id: this.network.virtualNetwork.id, name: this.network.virtualNetwork.name },
      subnetPrefixes,
      routeTableId: this.network.routeTable.routeTable.id,
      privateEndpoint: this.endpoint(names.privateEndpoints['databricks-auth'], 'privatelink.azuredatabricks.net'),
      diagnostics,
    });
  }

  /** Diagnostic settings of every resource of the zone that produces logs. */
  private addDiagnostics(diagnostics: ZoneDiagnostics): void {
    // Keyed by what they watch, so adding a target never renames another's address.
    const scope = new Construct(this, 'diagnostics');
    const firewall = this.network.firewall;
    const targets: Record<string, Pick<DiagnosticSettingsProps, 'targetResourceId' | 'logAnalyticsDestinationType' | 'metrics'>> = {
      ...(firewall
        ? {
            // Resource-specific tables: the firewall's structured logs (rule hits, DNS proxy, IDPS).
            firewall: { targetResourceId: firewall.firewall.id, logAnalyticsDestinationType: 'Dedicated' },
            'firewall-public-ip': { targetResourceId: firewall.publicIp.id },
          }
        : {}),
      'key-vault': { targetResourceId: this.governance.keyVault.vault.id },
      purview: { targetResourceId: this.governance.purview.account.id },
      'container-registry': { targetResourceId: this.containerRegistry.registry.id },
      'virtual-network': { targetResourceId: this.network.virtualNetwork.id },
      // NSGs have rule and event logs but no platform metrics.
      'services-nsg': { targetResourceId: this.network.servicesNetworkSecurityGroup.id, metrics: [] },
    };
    if (this.networkManager) {
      // Membership, connectivity and rule collection changes (no platform metrics).
      targets['network-manager'] = { targetResourceId: this.networkManager.manager.id, metrics: [] };
    }
    for (const [key, target] of Object.entries(targets)) {
      new DiagnosticSettings(scope, key, { name: diagnostics.name, logAnalyticsWorkspaceId: diagnostics.logAnalyticsWorkspaceId, ...target });
    }
  }
}
