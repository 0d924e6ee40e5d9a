import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { LandingZoneNames } from '../../naming/zone-names';
import { SubnetSlot } from '../../network/subnet-layout';
import { DataIntegrationSpec } from '../data-integration/data-integration';
import { DataProductSpec } from '../data-product/data-product';
import { ManagementZoneAccess, ManagementZoneLinks } from '../shared/management-zone-links';
import { EnterpriseHubPeeringSpec } from '../shared/enterprise-hub-peering';

/** A network this landing zone peers with: the hub's from its remote state, an earlier zone's by the estate's names. */
export interface PeerNetwork {
  /** Zone key (`dmlz` or the landing zone name): the peering names and construct ids use it. */
  readonly key: string;
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly resourceGroupName: string;
  /**
   * Provider for the peer's subscription: the hub's, whose side of the peering the landing
   * zone creates. @default - none: the peer's own peering stack creates its side (earlier zones)
   */
  readonly provider?: AzurermProvider;
  /** The hub offers gateway transit to spokes. @default false */
  readonly isHub?: boolean;
}

/** The shared services a landing zone runs (the estate's `sharedServices`). */
export interface SharedServicesSpec {
  /** The integration and product Databricks workspaces, in their delegated subnet pairs. */
  readonly databricks: boolean;
  /** The shared integration Data Factory. */
  readonly dataFactory: boolean;
  /** The Synapse workspace products share (and items on engine `synapse` need). */
  readonly synapse: boolean;
  /** The shared integration Event Hub namespace. */
  readonly eventHub: boolean;
  /** The runtimes resource group's self-hosted integration runtime. */
  readonly selfHostedIntegrationRuntime: boolean;
}

/**
 * Everything a data landing zone is built from: plain values, no estate. The app layer
 * maps a resolved estate's zone onto these (stacks/landing-zone-props.ts); a team without
 * an estate file writes them by hand (__tests__/construct-library.test.ts).
 */
export interface DataLandingZoneProps {
  /** The zone's name: the remote side's peering names (`peer-<name>`). */
  readonly name: string;
  /** Azure region of every resource of the zone. */
  readonly location: string;
  /** The zone's subscription: every role assignment of the zone lies in it. */
  readonly subscriptionId: string;
  /** The spoke network's address space. */
  readonly addressSpace: string;
  /** The spoke's subnets (lib/network/subnet-layout.ts): the reference's, and one per item (`owner`). */
  readonly subnets: readonly SubnetSlot[];
  /** Every Azure name of the zone (lib/naming/zone-names.ts). */
  readonly names: LandingZoneNames;
  readonly sharedServices: SharedServicesSpec;
  /** In order: appending one moves nothing. */
  readonly dataIntegrations: readonly DataIntegrationSpec[];
  /** In order: appending one moves nothing. */
  readonly dataProducts: readonly DataProductSpec[];
  /** Production: paid AKS tier and Azure ML's FastProd purpose for served products. */
  readonly production: boolean;
  /** The estate's address pool: AKS service ranges stay outside it. */
  readonly addressPool: string;
  /**
   * Subscriptions whose Synapse workspaces may pass the lakes' firewalls by resource
   * instance (besides Purview, always).
   */
  readonly synapseSubscriptionIds: readonly string[];
  /** The hub firewall's private IP (routes and DNS). */
  readonly firewallPrivateIp: string;
  /**
   * The spoke network's DNS servers.
   * @default [firewallPrivateIp]: the firewall's DNS proxy
   */
  readonly dnsServers?: readonly string[];
  /**
   * An enterprise connectivity hub the spoke peers with besides the management zone's network.
   * @default none: the management zone's network is the hub
   */
  readonly enterpriseHubPeering?: EnterpriseHubPeeringSpec;
  /** The management zone's hub network, with the provider for its subscription. */
  readonly hub: PeerNetwork & { readonly provider: AzurermProvider };
  /**
   * The networks to peer with besides the hub: the mesh (topology peering; empty with avnm).
   * The zone creates its own side only; each earlier zone's peering stack creates the other.
   */
  readonly earlierZones: readonly PeerNetwork[];
  /**
   * Topology avnm: the management zone's network group (from its remote state). The zone
   * joins it as a static member, through the hub's provider, instead of peering.
   * @default - topology peering: peer with the hub and every earlier zone
   */
  readonly networkGroupId?: string;
  /** This zone's own provider. */
  readonly provider: AzurermProvider;
  /** What the zone uses of the management zone: DNS zones, Log Analytics, Purview. */
  readonly links: ManagementZoneLinks;
  /** The management zone's subscription and provider (AKS API server DNS records). */
  readonly managementZone: ManagementZoneAccess;
}
