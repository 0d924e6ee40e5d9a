import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { FirewallRules, firewallRules } from '../../catalog/firewall-rules';
import { privateDnsZoneNames, zoneId } from '../../catalog/private-dns-zones';
import { availabilityZones } from '../../catalog/regions';
import { MANAGEMENT_RESOURCE_GROUPS, ManagementResourceGroup, ManagementZoneNames } from '../../naming/zone-names';
import { EstateNetworkManager, NetworkManagerScope } from '../network-manager/network-manager';
import { ManagementContainerRegistry } from '../shared/container-registry';
import { DiagnosticSettings, DiagnosticSettingsProps } from '../shared/diagnostic-settings';
import { PrivateEndpointSpec } from '../shared/private-endpoint';
import { ZoneDiagnostics } from '../shared/vocabulary';
import { Automation } from './automation';
import { DatabricksWebAuth } from './databricks-web-auth';
import { FirewallRuleCollectionGroups } from './firewall-rule-collection-groups';
import { Governance } from './governance';
import { LogAnalytics } from './log-analytics';
import { HubSubnetPrefixes, ManagementZoneNetwork } from './management-zone-network';
import { PrivateDnsZones } from './private-dns-zones';
import { SynapsePrivateLinkHub } from './synapse-private-link-hub';

export interface ManagementZoneProps {
  /** Azure region of the estate. */
  readonly location: string;
  /** The management zone's subscription. */
  readonly subscriptionId: string;
  /** Names of every resource of the zone (lib/naming). */
  readonly names: ManagementZoneNames;
  /** The hub network's address space. */
  readonly addressSpace: string;
  readonly subnets: HubSubnetPrefixes;
  /** Premium adds intrusion detection (IDPS) in deny mode. */
  readonly firewallTier: 'Standard' | 'Premium';
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
  readonly firewallRules: FirewallRuleCollectionGroups;
  readonly privateDnsZones: PrivateDnsZones;
  readonly logAnalytics: LogAnalytics;
  readonly governance: Governance;
  readonly containerRegistry: ManagementContainerRegistry;
  readonly synapsePrivateLinkHub: SynapsePrivateLinkHub;
  readonly automation: Automation;
  /** Topology avnm only: the Virtual Network Manager connecting the hub and every landing zone. */
  readonly networkManager?: EstateNetworkManager;
  /** When a landing zone runs Databricks: the region's web-auth workspace. */
  readonly databricksWebAuth?: DatabricksWebAuth;

  constructor(scope: Construct, id: string, props: ManagementZoneProps) {
    super(scope, id);
    const { names, location } = props;
    const groups = new Construct(this, 'resource-groups');
    this.resourceGroups = Object.fromEntries(
      MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, new ResourceGroup(groups, rg, { name: names.resourceGroups[rg], location })]),
    ) as Record<ManagementResourceGroup, ResourceGroup>;

    this.network = new ManagementZoneNetwork(this, 'network', {
      names,
      location,
      resourceGroupName: this.rg('network'),
      addressSpace: props.addressSpace,
      subnets: props.subnets,
      firewallTier: props.firewallTier,
    });
    if (props.networkManagerScope) {
      this.networkManager = new EstateNetworkManager(this, 'network-manager', {
        names: names.networkManager,
        location,
        resourceGroupName: this.rg('network'),
        scope: props.networkManagerScope,
        hubVirtualNetworkId: this.network.virtualNetwork.id,
      });
    }
    this.firewallRules = new FirewallRuleCollectionGroups(this, 'firewall-rules', {
      firewallPolicyId: this.network.firewall.policy.id,
      rules: props.firewallRules ?? firewallRules(location),
      sourceAddresses: [props.addressPool],
      names: names.firewallRuleCollectionGroups,
    });
    this.privateDnsZones = new PrivateDnsZones(this, 'private-dns-zones', {
      resourceGroupName: this.rg('global-dns'),
      zoneNames: privateDnsZoneNames(location),
      virtualNetworkId: this.network.virtualNetwork.id,
      linkName: names.virtualNetwork,
    });
    this.logAnalytics = new LogAnalytics(this, 'monitoring', { name: names.logAnalyticsWorkspace, resourceGroupName: this.rg('management'), location });
    this.governance = new Governance(this, 'governance', {
      subscriptionId: props.subscriptionId,
      resourceGroupName: this.rg('governance'),
      location,
      names,
      subnetId: this.network.servicesSubnet.subnet.id,
      privateDnsZoneIds: this.privateDnsZones.zoneIds,
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
    if (props.databricksWebAuthSubnets) this.databricksWebAuth = this.createDatabricksWebAuth(names, location, props.databricksWebAuthSubnets, diagnostics);
    this.addDiagnostics(diagnostics);
  }

  private rg(group: ManagementResourceGroup): string {
    return this.resourceGroups[group].name;
  }

  /** Every private endpoint of the zone sits in the hub services subnet. */
  private endpoint(name: string, zoneName: string): PrivateEndpointSpec {
    return { name, subnetId: this.network.servicesSubnet.subnet.id, privateDnsZoneIds: [zoneId(this.privateDnsZones.zoneIds, zoneName)] };
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
    const targets: Record<string, Pick<DiagnosticSettingsProps, 'targetResourceId' | 'logAnalyticsDestinationType' | 'metrics'>> = {
      // Resource-specific tables: the firewall's structured logs (rule hits, DNS proxy, IDPS).
      firewall: { targetResourceId: this.network.firewall.firewall.id, logAnalyticsDestinationType: 'Dedicated' },
      'firewall-public-ip': { targetResourceId: this.network.firewall.publicIp.id },
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
