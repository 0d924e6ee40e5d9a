import { Construct } from 'constructs';
import { peerNetworks } from '../lib/constructs/landing-zone/network-peering';
import { Estate, LandingZone } from '../lib/estate/model';
import { zoneNetwork } from '../lib/estate/zone-network';
import { PeeringStackSpec } from '../lib/lock/peering-layout';
import { OutputLocation } from './backend';
import { ZoneStack } from './zone-stack';

/**
 * A `peerings-<zone>` stack (topology peering, lib/lock/peering-layout.ts): the zone's side of
 * its peerings with every later landing zone, `peer-<later zone>` on its network, with one
 * provider, the zone's subscription. Deployed after the landing zones (manifest order), it
 * names the networks by their ids (the estate's names) and reads no state. Appending a zone
 * adds one peering here; the landing zone stacks stay as they are. Empty for a zone that
 * retired (or an estate that left topology peering): applying it tears its peerings down.
 */
export class PeeringStack extends ZoneStack {
  constructor(scope: Construct, estate: Estate, spec: PeeringStackSpec, location: OutputLocation, imported: readonly LandingZone[]) {
    super(scope, spec.stack, { estate, subscriptionId: spec.subscriptionId, zoneTag: spec.zone, location });
    if (!spec.landingZone) return;
    const local = { ...zoneNetwork(spec.landingZone), provider: this.provider };
    const importedNames = new Set(imported.map((zone) => zone.name));
    const peerings = new Construct(this, 'peerings');
    for (const later of spec.laterZones) {
      const peering = peerNetworks(peerings, later.name, { ...local, peeringName: `peer-${later.name}` }, zoneNetwork(later));
      // Made by the later zone's stack before peering stacks: taken over as it is (the later stack forgets it).
      if (importedNames.has(later.name)) peering.importFrom(`${local.virtualNetworkId}/virtualNetworkPeerings/peer-${later.name}`);
    }
  }
}
