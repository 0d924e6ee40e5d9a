import { EstateNaming, Environment } from '../naming/naming';
import { LandingZoneNames, ManagementZoneNames } from '../naming/zone-names';
import { SubnetSlot } from '../network/subnet-layout';
import type { Budget, ItemAccess, PolicyAssignmentSpec, PolicyExemptionSpec, ZoneAccess, ZoneGovernanceSpec, ZonePolicy } from '../contract/governance';
import type { DataIntegrationNames, DataProductNames } from '../naming/item-names';
import type { EstateSuppression } from '../policy/suppressions';
import { IntegrationEngine, NetworkTopology, ProductTemplate } from './schema';

/**
 * The resolved estate: the file after validation, defaults, address planning and
 * naming. Constructs read only this; they never re-derive names or addresses.
 */
export interface Estate {
  readonly estate: string;
  readonly environment: Environment;
  readonly location: string;
  /**
   * Every region in use: the estate's location (the management zone's), then each other
   * region of a landing zone in deployment order. Whatever is regional (private DNS zones,
   * firewall rules for regional endpoints, the Databricks web-auth workspace) follows each.
   */
  readonly regions: readonly string[];
  /** User tags; the synthesizer adds estate, environment, zone and managed-by. */
  readonly tags: Readonly<Record<string, string>>;
  readonly backend: Backend;
  readonly network: EstateNetwork;
  readonly naming: EstateNaming;
  readonly managementZone: ManagementZone;
  readonly landingZones: readonly LandingZone[];
  /** Policy findings the estate accepts, each with a written reason (lib/policy). */
  readonly suppressions: readonly EstateSuppression[];
}

/** Address planning and how zones are connected (docs/topology.md). */
export interface EstateNetwork {
  readonly addressPool: string;
  readonly topology: NetworkTopology;
  /** With topology `avnm` only: what the management zone's Virtual Network Manager manages. */
  readonly avnmScope?: AvnmScope;
}

/**
 * The Virtual Network Manager scope. `explicit` is false when it was derived from the
 * estate's subscriptions (then appending a zone in a new subscription changes dmlz).
 */
export interface AvnmScope {
  readonly managementGroupIds: readonly string[];
  readonly subscriptionIds: readonly string[];
  readonly explicit: boolean;
}

/**
 * Where the zones' states live, resolved so that two estates, or two environments of one
 * estate, never share a state file (spec section 5).
 */
export type Backend =
  | {
      readonly type: 'local';
      /** The estate's own state directory: `<stateDirectory>/<estate>-<environment>`, one `<stack>.tfstate` per zone. */
      readonly stateDirectory: string;
    }
  | {
      readonly type: 'azurerm';
      readonly resourceGroupName: string;
      readonly storageAccountName: string;
      readonly containerName: string;
      readonly subscriptionId?: string;
      /** The folder of the estate's state blobs: `backend.keyPrefix`, else `<estate>/<environment>`. Keys are `<keyPrefix>/<stack>.tfstate`. */
      readonly keyPrefix: string;
    };

export interface Zone {
  /** `dmlz` or `dlz-<name>`: the stack name and its state key. */
  readonly stackName: string;
  readonly subscriptionId: string;
  readonly addressSpace: string;
  /**
   * Set when an explicit addressSpace contradicts the estate lock: the deployed space. Moving
   * a deployed network is a change the data-loss guard judges (lib/lock/lock-guard.ts).
   */
  readonly lockedAddressSpace?: string;
  readonly subnets: readonly SubnetSlot[];
}

export interface ManagementZone extends Zone {
  readonly governance: ZoneGovernance;
  /** Own hub only: the estate's hub firewall. */
  readonly firewall: { readonly tier: 'Standard' | 'Premium' };
  /** Whether the zone deploys its own hub or joins an enterprise one (spec section 7). */
  readonly connectivity: Connectivity;
  readonly purview: { readonly rootCollectionAdmins: readonly string[] };
  readonly names: ManagementZoneNames;
  /**
   * The regions whose Databricks web-auth workspace the management zone holds: each region
   * where a landing zone runs Databricks, and afterwards while the estate lock records it.
   * The estate's region first, then the others in the order of `Estate.regions`.
   */
  readonly databricksWebAuthRegions: readonly string[];
}

/** How the estate connects (estate `managementZone.connectivity`, docs/topology.md). */
export type Connectivity = OwnHub | ExistingHub;

/** The management zone deploys the hub firewall, its public IP and policy, and the private DNS zones. */
export interface OwnHub {
  readonly mode: 'own-hub';
}

/** Every zone joins an enterprise connectivity hub that already exists. */
export interface ExistingHub {
  readonly mode: 'existing-hub';
  /** The enterprise hub network, and its parts (subscription lower-cased). */
  readonly hub: { readonly virtualNetworkId: string; readonly subscriptionId: string; readonly resourceGroupName: string; readonly name: string };
  /** Next hop of every zone's default route. */
  readonly firewallPrivateIp: string;
  /** Every zone network's DNS servers: the estate's `dnsServers`, else the firewall (its DNS proxy). */
  readonly dnsServers: readonly string[];
  /** Where the estate's rule collection groups go, and the subscription it lives in; none when not given. */
  readonly firewallPolicy?: { readonly id: string; readonly subscriptionId: string };
  /** With `firewallPolicy`: the DNAT destination of published serving endpoints. */
  readonly firewallPublicIp?: string;
  /** The stacks create the hub side of their peerings too, through a provider for the hub's subscription. */
  readonly createHubPeerings: boolean;
  readonly privateDnsZones: {
    readonly subscriptionId: string;
    readonly resourceGroupName: string;
    /** Azure Policy creates the private endpoints' DNS zone groups: the stacks create none. */
    readonly managedByPolicy: boolean;
  };
}

export interface SharedServices {
  readonly databricks: boolean;
  readonly dataFactory: boolean;
  readonly synapse: boolean;
  readonly eventHub: boolean;
  readonly selfHostedIntegrationRuntime: boolean;
}

export interface LandingZone extends Zone {
  /**
   * Position in deployment order: zones of the estate lock in the order they joined, then new
   * ones in file order (lib/estate/lock/locked-zones.ts). Zones link only to earlier zones.
   */
  readonly index: number;
  readonly name: string;
  /** The zone's region: its own `location`, else the estate's. */
  readonly location: string;
  /** Zone part of compact global names. */
  readonly code: string;
  readonly sharedServices: SharedServices;
  readonly dataIntegrations: readonly DataIntegration[];
  readonly dataProducts: readonly DataProduct[];
  readonly names: LandingZoneNames;
  readonly governance: ZoneGovernance;
  /** Entra groups per zone role (object ids). */
  readonly access: ZoneAccess;
}

export interface DataIntegration {
  readonly name: string;
  /**
   * Its earlier names, oldest first (estate `renamedFrom`). Its Azure names are made from the
   * first (`azureNameBase`); its Terraform addresses move from each to the next (docs/renames.md).
   */
  readonly previousNames: readonly string[];
  readonly sources: readonly string[];
  readonly engine: IntegrationEngine;
  /**
   * Its resources' names, keyed by engine (`names.engine` is `engine`): the zone's
   * `names.dataIntegrations` entry, here so the item carries its variant to the constructs.
   */
  readonly names: DataIntegrationNames;
  /** The effective cost center: its own, else the zone's, else the estate's `tags.costCenter`. */
  readonly costCenter?: string;
  /** Entra groups per item role; none when unset. */
  readonly access?: ItemAccess;
  readonly budget?: Budget;
}

export interface DataProduct {
  readonly name: string;
  /** Its earlier names, oldest first: see DataIntegration.previousNames. */
  readonly previousNames: readonly string[];
  readonly template: ProductTemplate;
  readonly engine: IntegrationEngine;
  readonly serving?: 'aks';
  /**
   * With `serving: aks` only: callers outside the platform reach the scoring endpoint through
   * the hub firewall (a DNAT rule on its public IP, TCP 443, to `address`:443).
   */
  readonly servingIngress?: ServingIngress;
  /**
   * Its resources' names, keyed by template and engine (`names.template` is `template`,
   * `names.engine` is `engine`, `names.serving` is there with `serving`): the zone's
   * `names.dataProducts` entry.
   */
  readonly names: DataProductNames;
  readonly inputs: readonly DataInput[];
  /** The effective cost center: its own, else the zone's, else the estate's `tags.costCenter`. */
  readonly costCenter?: string;
  /** Entra groups per item role; none when unset. */
  readonly access?: ItemAccess;
  readonly budget?: Budget;
  /** Where alerts on failed runs go; no alerts without it. */
  readonly teamEmail?: string;
}

/** Governance as deployed in one zone (docs/governance.md). */
export interface ZoneGovernance extends ZoneGovernanceSpec {
  /** The zone's effective cost center: its own, else the estate's `tags.costCenter`. */
  readonly costCenter?: string;
}

/** A served product's published endpoint (estate `servingIngress`). */
export interface ServingIngress {
  /** azureml-fe's internal load balancer address, inside the product's subnet (checked against it). */
  readonly address: string;
  /** IPv4 addresses or CIDR blocks allowed to call it. */
  readonly callers: readonly string[];
}

export interface DataInput {
  readonly zone: string;
  readonly name: string;
  readonly kind: 'integration' | 'product';
}

export function stackNameOf(zoneName: string): string {
  return `dlz-${zoneName}`;
}

/**
 * The name an item's Azure resources are made from: its first name. Azure cannot rename
 * resource groups, containers, vaults or servers, so a renamed item keeps them (docs/renames.md).
 */
export function azureNameBase(item: { readonly name: string; readonly previousNames?: readonly string[] }): string {
  return item.previousNames?.[0] ?? item.name;
}

export type { Budget, ItemAccess, PolicyAssignmentSpec, PolicyExemptionSpec, ZoneAccess, ZonePolicy };
