import { Construct } from 'constructs';
import { MANAGEMENT_ZONE_OPERATOR_OUTPUTS, MANAGEMENT_ZONE_OUTPUTS as OUT } from '../lib/contract/outputs';
import { DataManagementZone } from '../lib/constructs/management-zone/management-zone';
import { ManagementZoneGovernance } from '../lib/constructs/governance/management-zone-governance';
import { Estate } from '../lib/estate/model';
import { MANAGEMENT_ZONE_KEY } from '../lib/naming/zone-names';
import { OutputLocation } from './backend';
import { managementZoneGovernanceProps, managementZoneProps } from './management-zone-props';
import { connectivityProviders } from './connectivity-providers';
import { hubPeering, hubSidePeeringCommand } from '../lib/estate/hub-peerings';
import { ZoneStack } from './zone-stack';

/** The `dmlz` stack: the data management landing zone and its remote-state outputs. */
export class ManagementZoneStack extends ZoneStack {
  readonly zone: DataManagementZone;

  constructor(scope: Construct, estate: Estate, location: OutputLocation) {
    super(scope, MANAGEMENT_ZONE_KEY, { estate, subscriptionId: estate.managementZone.subscriptionId, zoneTag: MANAGEMENT_ZONE_KEY, location });
    const providers = connectivityProviders(estate, (key, subscriptionId) => this.providerFor(key, subscriptionId));
    this.zone = new DataManagementZone(this, 'management-zone', managementZoneProps(estate, providers));
    new ManagementZoneGovernance(this, 'governance', managementZoneGovernanceProps(estate, this.zone.logAnalytics.workspace.id));

    const network = this.zone.network;
    this.output(OUT.subscriptionId, estate.managementZone.subscriptionId, 'Management zone subscription');
    this.output(OUT.vnetId, network.virtualNetwork.id, 'Hub virtual network id');
    this.output(OUT.vnetName, network.virtualNetwork.name, 'Hub virtual network name');
    this.output(OUT.networkResourceGroupName, this.zone.resourceGroups.network.name, 'Resource group of the hub network');
    this.output(OUT.firewallPrivateIp, network.firewallPrivateIp, 'Next hop for landing zone routes and their DNS server (firewall DNS proxy)');
    this.addFirewallOutputs(estate);
    this.output(OUT.privateDnsZoneIds, this.zone.privateDnsZoneIds, 'Private DNS zone name to zone id');
    this.output(OUT.logAnalyticsWorkspaceId, this.zone.logAnalytics.workspace.id, 'Where every zone sends diagnostics');
    const purview = this.zone.governance.purview;
    this.output(OUT.purviewAccountId, purview.account.id, 'Purview account id (data factory lineage, storage resource-instance rules)');
    this.output(OUT.purviewPrincipalId, purview.principalId, 'Object id of the Purview identity (landing zone read grants for scanning)');
    this.output(OUT.purviewIngestionStorageId, purview.ingestionStorageId, 'Purview ingestion storage (blob, queue): data factories reach it for lineage');
    this.output(OUT.purviewEventHubNamespaceId, purview.eventHubNamespaceId, 'Purview managed Event Hub namespace: data factories reach it for lineage');
    if (this.zone.networkManager) {
      this.output(
        OUT.avnmNetworkGroupId,
        this.zone.networkManager.landingZoneGroup.id,
        'Virtual Network Manager network group every landing zone joins as a static member (topology avnm)',
      );
    }

    this.addOperatorOutputs(estate);
  }

  /** The firewall policy and public IP published serving endpoints use: the own hub's, or the enterprise hub's when given. */
  private addFirewallOutputs(estate: Estate): void {
    const firewall = this.zone.network.firewall;
    const hub = estate.managementZone.connectivity;
    const policyId = firewall?.policy.id ?? (hub.mode === 'existing-hub' ? hub.firewallPolicy?.id : undefined);
    const publicIp = firewall?.publicIp.ipAddress ?? (hub.mode === 'existing-hub' ? hub.firewallPublicIp : undefined);
    if (policyId) this.output(OUT.firewallPolicyId, policyId, "Hub firewall policy: landing zones add their published serving endpoints' DNAT rules to it");
    if (publicIp) this.output(OUT.firewallPublicIp, publicIp, 'Hub firewall public IP: where callers reach published serving endpoints (TCP 443)');
  }

  /** What the operators run by hand, when there is something to run. */
  private addOperatorOutputs(estate: Estate): void {
    const hub = estate.managementZone.connectivity;
    if (hub.mode === 'existing-hub' && !hub.createHubPeerings)
      this.output(
        MANAGEMENT_ZONE_OPERATOR_OUTPUTS.hubSidePeeringCommand,
        hubSidePeeringCommand(hub, hubPeering(hub, estate.managementZone)),
        "Run once in the enterprise hub's subscription (connectivity team): the hub side of this zone's peering",
      );
    // azurerm has no resource for Purview root collection admins (a data-plane role set
    // through an ARM action), and the estate runs no scripts: hand the operator the commands.
    const admins = estate.managementZone.purview.rootCollectionAdmins;
    if (admins.length) {
      const names = estate.managementZone.names;
      const commands = admins.map(
        (objectId) =>
          `az purview account add-root-collection-admin --subscription ${estate.managementZone.subscriptionId} --resource-group ${names.resourceGroups.governance} --account-name ${names.purviewAccount} --object-id ${objectId}`,
      );
      this.output(
        MANAGEMENT_ZONE_OPERATOR_OUTPUTS.purviewRootCollectionAdminCommands,
        commands,
        'Run once after apply (needs the az purview extension): makes each managementZone.purview.rootCollectionAdmins entry a Purview root collection admin',
      );
    }
  }
}
