import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';

export interface PrivateDnsZonesProps {
  readonly resourceGroupName: string;
  readonly zoneNames: readonly string[];
  /** The hub network every zone is linked to (resolution goes through the firewall DNS proxy). */
  readonly virtualNetworkId: string;
  readonly linkName: string;
}

/** The estate's private DNS zones, each linked to the hub; every private endpoint registers here. */
export class PrivateDnsZones extends Construct {
  /** Zone name (e.g. `privatelink.dfs.core.windows.net`) to zone id. */
  readonly zoneIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: PrivateDnsZonesProps) {
    super(scope, id);
    for (const zoneName of props.zoneNames) {
      // Keyed by the zone name, so adding a zone never renames another's address.
      const scopeForZone = new Construct(this, zoneName);
      const zone = new PrivateDnsZone(scopeForZone, 'zone', { name: zoneName, resourceGroupName: props.resourceGroupName });
      new PrivateDnsZoneVirtualNetworkLink(scopeForZone, 'hub-link', {
        name: props.linkName,
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: props.virtualNetworkId,
        registrationEnabled: false,
      });
      this.zoneIds[zoneName] = zone.id;
    }
  }
}
