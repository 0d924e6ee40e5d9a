import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { Estate } from '../../estate/model';
import { MANAGEMENT_RESOURCE_GROUPS, ManagementResourceGroup } from '../../naming/zone-names';
import { LogAnalytics } from './log-analytics';
import { ManagementZoneNetwork } from './management-zone-network';
import { privateDnsZoneNames } from './private-dns-zone-names';
import { PrivateDnsZones } from './private-dns-zones';

export interface ManagementZoneProps {
  readonly estate: Estate;
}

/**
 * The data management landing zone: what every landing zone shares. Resource groups
 * as in the reference, the hub network with firewall and DNS proxy, the estate's
 * private DNS zones, and central monitoring.
 */
export class DataManagementZone extends Construct {
  readonly resourceGroups: Readonly<Record<ManagementResourceGroup, ResourceGroup>>;
  readonly network: ManagementZoneNetwork;
  readonly privateDnsZones: PrivateDnsZones;
  readonly logAnalytics: LogAnalytics;

  constructor(scope: Construct, id: string, props: ManagementZoneProps) {
    super(scope, id);
    const { estate } = props;
    const zone = estate.managementZone;
    const location = estate.location;

    const groups = new Construct(this, 'resource-groups');
    this.resourceGroups = Object.fromEntries(
      MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, new ResourceGroup(groups, rg, { name: zone.names.resourceGroups[rg], location })]),
    ) as Record<ManagementResourceGroup, ResourceGroup>;

    this.network = new ManagementZoneNetwork(this, 'network', {
      zone,
      location,
      resourceGroupName: this.resourceGroups.network.name,
    });
    this.privateDnsZones = new PrivateDnsZones(this, 'private-dns-zones', {
      resourceGroupName: this.resourceGroups['global-dns'].name,
      zoneNames: privateDnsZoneNames(location),
      virtualNetworkId: this.network.virtualNetwork.id,
      linkName: zone.names.virtualNetwork,
    });
    this.logAnalytics = new LogAnalytics(this, 'monitoring', {
      name: zone.names.logAnalyticsWorkspace,
      resourceGroupName: this.resourceGroups.management.name,
      location,
    });
  }
}
