import { SubnetDefinition } from '../network/subnet-layout';
import { EstateNaming } from './naming';

/** The management zone's name part in every name and its stack name. */
export const MANAGEMENT_ZONE_KEY = 'dmlz';

/** The management zone's resource groups, as in the reference (`mgmt` holds monitoring here). */
export const MANAGEMENT_RESOURCE_GROUPS = ['network', 'global-dns', 'governance', 'container', 'consumption', 'automation', 'management'] as const;
export type ManagementResourceGroup = (typeof MANAGEMENT_RESOURCE_GROUPS)[number];

/** The landing zone's data lakes: purpose code in compact names. */
export const LAKE_PURPOSES = { raw: 'raw', enriched: 'enr', workspace: 'work', external: 'ext' } as const;
export type Lake = keyof typeof LAKE_PURPOSES;

/**
 * The management zone's private endpoints, by what they reach. Purview's ingestion
 * endpoints end in `-blob`, `-queue` and `-namespace`: the Purview portal lists an
 * ingestion endpoint only when its name ends that way (as the reference notes).
 */
export const MANAGEMENT_PRIVATE_ENDPOINTS = [
  'purview-account',
  'purview-portal',
  'purview-blob',
  'purview-queue',
  'purview-namespace',
  'vault',
  'registry',
  'synapse-web',
] as const;
export type ManagementPrivateEndpoint = (typeof MANAGEMENT_PRIVATE_ENDPOINTS)[number];

/** The hub firewall policy's rule collection groups (the reference's network and application groups). */
export const FIREWALL_RULE_COLLECTION_GROUPS = ['network', 'application'] as const;
export type FirewallRuleCollectionGroupKey = (typeof FIREWALL_RULE_COLLECTION_GROUPS)[number];

export interface ManagementZoneNames {
  readonly resourceGroups: Readonly<Record<ManagementResourceGroup, string>>;
  readonly virtualNetwork: string;
  readonly subnets: Readonly<Record<string, string>>;
  readonly networkSecurityGroup: string;
  readonly routeTable: string;
  readonly firewall: string;
  readonly firewallPolicy: string;
  readonly publicIp: string;
  readonly publicIpPrefix: string;
  readonly logAnalyticsWorkspace: string;
  readonly firewallRuleCollectionGroups: Readonly<Record<FirewallRuleCollectionGroupKey, string>>;
  /** Globally unique: `pview-{estate}-{env}-dmlz-{suffix}`. */
  readonly purviewAccount: string;
  /** The new resource group Purview creates for its managed storage account and Event Hub namespace. */
  readonly purviewManagedResourceGroup: string;
  /** Globally unique and at most 24 characters: compact. */
  readonly keyVault: string;
  /** Globally unique, alphanumerics only: compact. */
  readonly containerRegistry: string;
  /** Lowercase alphanumerics only: compact. */
  readonly synapsePrivateLinkHub: string;
  /** The automation identity (the reference's `<name>-uai001`). */
  readonly automationIdentity: string;
  readonly privateEndpoints: Readonly<Record<ManagementPrivateEndpoint, string>>;
  /** Every diagnostic setting of the zone (the name is scoped to its target resource). */
  readonly diagnosticSetting: string;
}

export interface LandingZoneNames {
  readonly resourceGroups: Readonly<{ network: string }>;
  readonly virtualNetwork: string;
  readonly subnets: Readonly<Record<string, string>>;
  readonly networkSecurityGroups: Readonly<{ default: string; databricks: string }>;
  readonly routeTable: string;
  /** Reserved now so the name rules hold before the lakes are deployed. */
  readonly storageAccounts: Readonly<Record<Lake, string>>;
}

export function managementZoneNames(naming: EstateNaming, subnets: readonly SubnetDefinition[]): ManagementZoneNames {
  const zone = MANAGEMENT_ZONE_KEY;
  const resourceGroups = Object.fromEntries(
    MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, naming.standard('resourceGroup', zone, rg)]),
  ) as Record<ManagementResourceGroup, string>;
  return {
    resourceGroups,
    virtualNetwork: naming.standard('virtualNetwork', zone),
    subnets: Object.fromEntries(
      subnets.map((s) => [s.key, s.role === 'firewall' ? naming.fixed('subnet', 'AzureFirewallSubnet') : naming.child('subnet', s.key)]),
    ),
    networkSecurityGroup: naming.standard('networkSecurityGroup', zone, 'services'),
    routeTable: naming.standard('routeTable', zone),
    firewall: naming.standard('firewall', zone),
    firewallPolicy: naming.standard('firewallPolicy', zone),
    publicIp: naming.standard('publicIp', zone, 'afw'),
    publicIpPrefix: naming.standard('publicIpPrefix', zone, 'afw'),
    logAnalyticsWorkspace: naming.standard('logAnalyticsWorkspace', zone),
    firewallRuleCollectionGroups: Object.fromEntries(
      FIREWALL_RULE_COLLECTION_GROUPS.map((group) => [group, naming.child('firewallPolicyRuleCollectionGroup', group)]),
    ) as Record<FirewallRuleCollectionGroupKey, string>,
    purviewAccount: naming.unique('purviewAccount', zone),
    purviewManagedResourceGroup: naming.standard('resourceGroup', zone, 'purview-managed'),
    keyVault: naming.compact('keyVault', zone, 'kv'),
    containerRegistry: naming.compact('containerRegistry', zone, 'cr'),
    synapsePrivateLinkHub: naming.compact('synapsePrivateLinkHub', zone, 'synplh'),
    automationIdentity: naming.standard('userAssignedIdentity', zone, 'automation'),
    privateEndpoints: Object.fromEntries(
      MANAGEMENT_PRIVATE_ENDPOINTS.map((endpoint) => [endpoint, naming.standard('privateEndpoint', zone, endpoint)]),
    ) as Record<ManagementPrivateEndpoint, string>,
    diagnosticSetting: naming.standard('diagnosticSetting', zone),
  };
}

export function landingZoneNames(naming: EstateNaming, zone: { name: string; code: string }, subnets: readonly SubnetDefinition[]): LandingZoneNames {
  return {
    resourceGroups: { network: naming.standard('resourceGroup', zone.name, 'network') },
    virtualNetwork: naming.standard('virtualNetwork', zone.name),
    subnets: Object.fromEntries(subnets.map((s) => [s.key, naming.child('subnet', s.key)])),
    networkSecurityGroups: {
      default: naming.standard('networkSecurityGroup', zone.name),
      databricks: naming.standard('networkSecurityGroup', zone.name, 'databricks'),
    },
    routeTable: naming.standard('routeTable', zone.name),
    storageAccounts: Object.fromEntries(
      Object.entries(LAKE_PURPOSES).map(([lake, purpose]) => [lake, naming.compact('storageAccount', zone.code, purpose)]),
    ) as Record<Lake, string>,
  };
}
