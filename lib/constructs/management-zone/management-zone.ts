import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { availabilityZones } from '../../catalog/regions';
import { Estate } from '../../estate/model';
import { MANAGEMENT_RESOURCE_GROUPS, ManagementResourceGroup } from '../../naming/zone-names';
import { EstateNetworkManager } from '../network-manager/network-manager';
import { DiagnosticSettings, DiagnosticSettingsProps } from '../shared/diagnostic-settings';
import { Automation } from './automation';
import { ManagementContainerRegistry } from './container-registry';
import { FirewallRuleCollectionGroups } from './firewall-rule-collection-groups';
import { firewallRules } from './firewall-rules';
import { Governance } from './governance';
import { LogAnalytics } from './log-analytics';
import { ManagementZoneNetwork } from './management-zone-network';
import { privateDnsZoneNames, zoneId } from '../../catalog/private-dns-zones';
import { PrivateDnsZones } from './private-dns-zones';
import { SynapsePrivateLinkHub } from './synapse-private-link-hub';

export interface ManagementZoneProps {
  readonly estate: Estate;
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

  constructor(scope: Construct, id: string, props: ManagementZoneProps) {
    super(scope, id);
    const { estate } = props;
    const zone = estate.managementZone;
    const names = zone.names;
    const location = estate.location;

    const groups = new Construct(this, 'resource-groups');
    this.resourceGroups = Object.fromEntries(
      MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, new ResourceGroup(groups, rg, { name: names.resourceGroups[rg], location })]),
    ) as Record<ManagementResourceGroup, ResourceGroup>;
    const rg = (group: ManagementResourceGroup) => this.resourceGroups[group].name;

    this.network = new ManagementZoneNetwork(this, 'network', { zone, location, resourceGroupName: rg('network') });
    if (estate.network.topology === 'avnm') {
      this.networkManager = new EstateNetworkManager(this, 'network-manager', {
        names: names.networkManager,
        location,
        resourceGroupName: rg('network'),
        scope: estate.network.avnmScope!,
        hubVirtualNetworkId: this.network.virtualNetwork.id,
      });
    }
    this.firewallRules = new FirewallRuleCollectionGroups(this, 'firewall-rules', {
      firewallPolicyId: this.network.firewall.policy.id,
      rules: firewallRules(location),
      sourceAddresses: estateSourceAddresses(estate),
      names: names.firewallRuleCollectionGroups,
    });
    this.privateDnsZones = new PrivateDnsZones(this, 'private-dns-zones', {
      resourceGroupName: rg('global-dns'),
      zoneNames: privateDnsZoneNames(location),
      virtualNetworkId: this.network.virtualNetwork.id,
      linkName: names.virtualNetwork,
    });
    this.logAnalytics = new LogAnalytics(this, 'monitoring', {
      name: names.logAnalyticsWorkspace,
      resourceGroupName: rg('management'),
      location,
    });

    // Every private endpoint of the zone sits in the hub services subnet.
    const subnetId = this.network.servicesSubnet.subnet.id;
    const zoneIds = this.privateDnsZones.zoneIds;
    const endpoint = (name: string, zoneName: string) => ({ name, subnetId, privateDnsZoneIds: [zoneId(zoneIds, zoneName)] });

    this.governance = new Governance(this, 'governance', {
      subscriptionId: zone.subscriptionId,
      resourceGroupName: rg('governance'),
      location,
      names,
      subnetId,
      privateDnsZoneIds: zoneIds,
    });
    this.containerRegistry = new ManagementContainerRegistry(this, 'container-registry', {
      name: names.containerRegistry,
      resourceGroupName: rg('container'),
      location,
      zoneRedundant: availabilityZones(location).length > 0,
      privateEndpoint: endpoint(names.privateEndpoints.registry, 'privatelink.azurecr.io'),
    });
    this.synapsePrivateLinkHub = new SynapsePrivateLinkHub(this, 'synapse-private-link-hub', {
      name: names.synapsePrivateLinkHub,
      resourceGroupName: rg('consumption'),
      location,
      privateEndpoint: endpoint(names.privateEndpoints['synapse-web'], 'privatelink.azuresynapse.net'),
    });
    this.automation = new Automation(this, 'automation', {
      subscriptionId: zone.subscriptionId,
      resourceGroupName: rg('automation'),
      location,
      identityName: names.automationIdentity,
      purviewAccountId: this.governance.purview.account.id,
    });

    // Keyed by what they watch, so adding a target never renames another's address.
    const diagnostics = new Construct(this, 'diagnostics');
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
      new DiagnosticSettings(diagnostics, key, { name: names.diagnosticSetting, logAnalyticsWorkspaceId: this.logAnalytics.workspace.id, ...target });
    }
  }
}

/**
 * Who may send traffic through the firewall: the estate's address pool, which validation
 * guarantees holds every zone. The reference allows `*`. Landing zones are not listed one
 * by one, so appending one never changes this stack.
 */
function estateSourceAddresses(estate: Estate): string[] {
  return [estate.network.addressPool];
}
