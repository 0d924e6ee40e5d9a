import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Fn, TerraformRemoteState, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LANDING_ZONE_OPERATOR_OUTPUTS, LANDING_ZONE_OUTPUTS as OUT, MANAGEMENT_ZONE_OUTPUTS as HUB } from '../lib/contract/outputs';
import { DataInputGrants, ResolvedInputGrant } from '../lib/constructs/landing-zone/data-input-grants';
import { DataLandingZone, PeerNetwork } from '../lib/constructs/landing-zone/landing-zone';
import { ManagementZoneLinks } from '../lib/constructs/shared/management-zone-links';
import { ServingIngress } from '../lib/constructs/landing-zone/serving-ingress';
import { LandingZoneGovernance } from '../lib/constructs/governance/landing-zone-governance';
import { inputsPlacedIn } from '../lib/estate/input-plan';
import { Estate, ExistingHub, LandingZone } from '../lib/estate/model';
import { MANAGEMENT_ZONE_KEY } from '../lib/naming/zone-names';
import { OutputLocation } from './backend';
import { landingZoneGovernanceProps } from './governance-props';
import { landingZoneProps } from './landing-zone-props';
import { servingIngressProps } from './serving-ingress-props';
import { connectivityProviders } from './connectivity-providers';
import { hubPeeringSpec } from './management-zone-props';
import { hubPeering, hubSidePeeringCommand } from '../lib/estate/hub-peerings';
import { ZoneStack } from './zone-stack';
import { NetworkPeering } from '../lib/constructs/landing-zone/network-peering';
import { zoneNetwork } from '../lib/estate/zone-network';

/** The landing zone's default provider manages storage through Azure Resource Manager only (see below). */
export const LANDING_ZONE_PROVIDER_FEATURES = [{ storage: [{ dataPlaneAvailable: false }] }];

/**
 * A `dlz-<name>` stack. It reads the management zone's remote-state outputs, and those of the
 * earlier zones its cross-zone input grants need, never anything of a later zone. The
 * earlier zones it peers with (topology peering) are named by the estate's names, so their
 * states are not read.
 */
export class LandingZoneStack extends ZoneStack {
  readonly landingZone: LandingZone;
  readonly zone: DataLandingZone;
  readonly inputGrants: DataInputGrants;
  /** The zone's published serving endpoints (`servingIngress`), when it has any. */
  readonly servingIngress?: ServingIngress;

  /**
   * @param forgetFarSides earlier zones whose side of the peering this stack made before
   * peering stacks: it forgets them (their peering stacks import them), and keeps the provider
   * Terraform needs for that (lib/lock/peering-layout.ts). @default none
   */
  constructor(scope: Construct, estate: Estate, landingZone: LandingZone, location: OutputLocation, forgetFarSides: readonly LandingZone[] = []) {
    super(scope, landingZone.stackName, { estate, subscriptionId: landingZone.subscriptionId, zoneTag: landingZone.name, location });
    this.landingZone = landingZone;

    const hubState = this.remoteState(MANAGEMENT_ZONE_KEY);
    const hub: PeerNetwork & { readonly provider: AzurermProvider } = {
      key: MANAGEMENT_ZONE_KEY,
      virtualNetworkId: hubState.getString(HUB.vnetId),
      virtualNetworkName: hubState.getString(HUB.vnetName),
      resourceGroupName: hubState.getString(HUB.networkResourceGroupName),
      provider: this.providerFor(MANAGEMENT_ZONE_KEY, estate.managementZone.subscriptionId),
      isHub: true,
    };
    // Topology avnm: the management zone's Virtual Network Manager connects the zones, so no
    // earlier zone's state is read for networking (only for cross-zone input grants, below).
    const avnm = estate.network.topology === 'avnm';
    const earlierZones = (avnm ? [] : estate.landingZones.slice(0, landingZone.index)).map((earlier) => this.peerNetwork(earlier));

    // The lakes deny shared keys and public access: the provider must manage them through
    // Azure Resource Manager only, never probe their data plane (it would hang or fail with
    // 403 from anywhere without private line of sight).
    this.provider.features = LANDING_ZONE_PROVIDER_FEATURES;

    const connectivity = estate.managementZone.connectivity;
    const existingHub = connectivity.mode === 'existing-hub' ? connectivity : undefined;
    const providers = connectivityProviders(estate, (key, subscriptionId) => this.providerFor(key, subscriptionId));
    const enterprisePeering = existingHub && hubPeering(existingHub, landingZone);
    const links = managementZoneLinks(hubState, existingHub);

    this.zone = new DataLandingZone(
      this,
      'landing-zone',
      landingZoneProps(estate, landingZone, {
        firewallPrivateIp: hubState.getString(HUB.firewallPrivateIp),
        hub,
        earlierZones,
        ...(avnm ? { networkGroupId: hubState.getString(HUB.avnmNetworkGroupId) } : {}),
        ...(existingHub
          ? { dnsServers: existingHub.dnsServers, enterpriseHubPeering: hubPeeringSpec(existingHub, enterprisePeering!, providers.hubSide()) }
          : {}),
        provider: this.provider,
        links,
      }),
    );
    this.addOutputs();
    this.forgetFarSides(forgetFarSides);
    if (existingHub && !existingHub.createHubPeerings)
      this.output(
        LANDING_ZONE_OPERATOR_OUTPUTS.hubSidePeeringCommand,
        hubSidePeeringCommand(existingHub, enterprisePeering!),
        "Run once in the enterprise hub's subscription (connectivity team): the hub side of this zone's peering",
      );

    // Published scoring endpoints: a DNAT group in the hub's firewall policy, through the hub's provider.
    const ingress = servingIngressProps(landingZone, () => ({
      firewallPolicyId: hubState.getString(HUB.firewallPolicyId),
      firewallPublicIp: hubState.getString(HUB.firewallPublicIp),
      // An enterprise hub's policy lives in the connectivity subscription, not the management zone's.
      provider: existingHub ? providers.firewallPolicy() : hub.provider,
    }));
    if (ingress) this.servingIngress = new ServingIngress(this, 'serving-ingress', ingress);

    this.inputGrants = new DataInputGrants(this, 'input-grants', { grants: this.resolveInputGrants(estate, landingZone) });
    new LandingZoneGovernance(
      this,
      'governance',
      landingZoneGovernanceProps(estate, landingZone, this.zone, { logAnalyticsWorkspaceId: links.logAnalyticsWorkspaceId, managementProvider: hub.provider }),
    );
  }

  /**
   * An earlier landing zone's network (topology peering), named by its id: the estate's names,
   * as its peering stack names this zone's (stacks/peering-stack.ts). No state of the earlier
   * zone is read, so a plan of this zone needs none of theirs; its side of the peering is its
   * peering stack's.
   */
  private peerNetwork(earlier: LandingZone): PeerNetwork {
    return { key: earlier.name, ...zoneNetwork(earlier) };
  }

  /** `removed` blocks (destroy = false) for the earlier zones' sides this stack made before peering stacks, with their providers. */
  private forgetFarSides(earlierZones: readonly LandingZone[]): void {
    const peerings = this.zone.node.tryFindChild('peerings');
    this.forgotten.forget(
      earlierZones.map((earlier) => {
        const peering = peerings?.node.tryFindChild(earlier.name);
        if (!peering) throw new Error(`internal: ${this.node.id} has no peering with ${earlier.name} to move`);
        // Terraform needs the provider a resource was made with even to forget it.
        this.providerFor(earlier.stackName, earlier.subscriptionId);
        return NetworkPeering.fromRemoteAddress(this, peering);
      }),
    );
  }

  /** The contract later zones read (lib/contract/outputs.ts). */
  private addOutputs(): void {
    this.output(OUT.subscriptionId, this.landingZone.subscriptionId, 'Landing zone subscription');
    this.output(OUT.vnetId, this.zone.network.virtualNetwork.id, 'Spoke virtual network id');
    this.output(OUT.vnetName, this.zone.network.virtualNetwork.name, 'Spoke virtual network name');
    this.output(OUT.networkResourceGroupName, this.zone.networkResourceGroup.name, 'Resource group of the spoke network');
    this.output(
      OUT.storageAccountIds,
      Object.fromEntries(Object.entries(this.zone.storage.lakes).map(([lake, dataLake]) => [lake, dataLake.account.id])),
      'Storage account id by lake (raw, enriched, workspace, external)',
    );
    this.output(
      OUT.dataLocations,
      Object.fromEntries(Object.entries(this.zone.dataLocations).map(([item, container]) => [item, container.id])),
      'Container id by data integration (enriched lake) and data product (workspace lake): the scope of cross-zone read grants',
    );
    this.output(
      OUT.identities,
      Object.fromEntries(Object.entries(this.zone.identities).map(([item, identity]) => [item, identity.principalId])),
      "Principal id of each data integration's and product's identity: the principal of cross-zone read grants",
    );
  }

  /**
   * The read grants for inputs placed in this zone (lib/estate/input-plan.ts), with this
   * zone's side as local references and the other zone's from its remote state:
   * `identities` when the consumer is the earlier zone, `data_locations` when the producer is.
   */
  private resolveInputGrants(estate: Estate, landingZone: LandingZone): ResolvedInputGrant[] {
    const byName = new Map(estate.landingZones.map((zone) => [zone.name, zone]));
    const remote = (zone: LandingZone, output: string, key: string) => Token.asString(Fn.lookup(this.remoteState(zone.stackName).get(output), key));
    return inputsPlacedIn(estate, landingZone.name).map(({ consumer: consumerEdge, producer: producerEdge }) => {
      const edge = { consumer: consumerEdge, producer: producerEdge };
      const consumer = byName.get(edge.consumer.zone)!;
      const producer = byName.get(edge.producer.zone)!;
      const local = producer === landingZone;
      return {
        ...edge,
        principalId:
          consumer === landingZone ? this.zone.identities[edge.consumer.product].principalId : remote(consumer, OUT.identities, edge.consumer.product),
        scope: local ? this.zone.dataLocations[edge.producer.item].id : remote(producer, OUT.dataLocations, edge.producer.item),
        // Role assignments are addressed by their scope, whatever the provider's subscription: the stack's own does (docs/apply-time.md).
        subscriptionId: producer.subscriptionId,
      };
    });
  }
}

/** What the landing zone uses of the management zone, from its remote state (and the estate's connectivity). */
function managementZoneLinks(hubState: TerraformRemoteState, existingHub: ExistingHub | undefined): ManagementZoneLinks {
  const zoneIds = hubState.get(HUB.privateDnsZoneIds);
  return {
    // lookup() without a default: a zone missing from the management zone fails the plan instead of yielding null.
    privateDnsZoneId: (zoneName) => Token.asString(Fn.lookup(zoneIds, zoneName)),
    logAnalyticsWorkspaceId: hubState.getString(HUB.logAnalyticsWorkspaceId),
    purviewAccountId: hubState.getString(HUB.purviewAccountId),
    purviewPrincipalId: hubState.getString(HUB.purviewPrincipalId),
    purviewIngestion: {
      storageAccountId: hubState.getString(HUB.purviewIngestionStorageId),
      eventHubNamespaceId: hubState.getString(HUB.purviewEventHubNamespaceId),
    },
    // An enterprise hub whose Azure Policy creates the zone groups: the endpoints register nowhere themselves.
    ...(existingHub?.privateDnsZones.managedByPolicy ? { dnsZoneGroups: false } : {}),
  };
}
