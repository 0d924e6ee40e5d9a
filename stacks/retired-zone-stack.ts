import { Construct } from 'constructs';
import { Estate } from '../lib/estate/model';
import { LockedZone } from '../lib/estate/lock/estate-lock';
import { OutputLocation } from './backend';
import { LANDING_ZONE_PROVIDER_FEATURES } from './landing-zone-stack';
import { ZoneStack } from './zone-stack';

/**
 * The stack of a landing zone that left the estate file (docs/retirement.md). It keeps the
 * zone's state key and providers (from the estate lock) and declares no resource, so applying
 * it tears the zone down: its network, peerings (both directions), endpoints, identities and
 * grants. Its data stores, and the resource groups holding them, get `removed` blocks instead,
 * so they leave the state and stay in Azure, unless synth ran with --allow-data-loss.
 */
export class RetiredZoneStack extends ZoneStack {
  constructor(scope: Construct, estate: Estate, zone: LockedZone, location: OutputLocation, forget: readonly string[]) {
    super(scope, zone.stack, { estate, subscriptionId: zone.subscriptionId, zoneTag: zone.stack.replace(/^dlz-/, ''), location });
    this.provider.features = LANDING_ZONE_PROVIDER_FEATURES;
    // Terraform needs every provider configuration that resources in the state were made with, to destroy them.
    for (const [alias, subscriptionId] of Object.entries(zone.providers).sort(([a], [b]) => a.localeCompare(b)))
      this.providerFor(alias, subscriptionId, { force: true });
    this.forgotten.forget(forget);
  }
}
