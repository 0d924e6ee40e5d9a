import { SubnetDefinition } from '../network/subnet-layout';
import { DataIntegrationNames, dataIntegrationNames, DataProductNames, dataProductNames, itemCodes } from './item-names';
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
  'databricks-auth',
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
  /** The Databricks web-auth workspace (the region's `browser_authentication` endpoint), its managed resource group and its subnets' NSG. */
  readonly databricksWebAuth: Readonly<{ workspace: string; managedResourceGroup: string; networkSecurityGroup: string }>;
  /** Each other region's web-auth workspace and its isolated network, by region (estate regions with Databricks). */
  readonly regionalDatabricksWebAuth: Readonly<Record<string, RegionalWebAuthNames>>;
  /** Every diagnostic setting of the zone (the name is scoped to its target resource). */
  readonly diagnosticSetting: string;
  /** Topology avnm: the Virtual Network Manager, its landing zone network group and connectivity configuration. */
  readonly networkManager: Readonly<{ manager: string; landingZoneGroup: string; connectivityConfiguration: string }>;
}

/** Names of one other region's web-auth workspace and its network: the region is part of each. */
export interface RegionalWebAuthNames {
  readonly virtualNetwork: string;
  readonly workspace: string;
  /** Must not exist yet: Databricks creates it. */
  readonly managedResourceGroup: string;
  readonly networkSecurityGroup: string;
  readonly privateEndpoint: string;
  readonly subnets: { readonly public: string; readonly private: string };
}

/** The landing zone's resource groups (the reference's, `mgmt` spelled out as in the management zone). */
export const LANDING_RESOURCE_GROUPS = [
  'network',
  'management',
  'logging',
  'runtimes',
  'storage',
  'externalstorage',
  'metadata',
  'shared-integration',
  'shared-product',
] as const;
export type LandingResourceGroup = (typeof LANDING_RESOURCE_GROUPS)[number];

/** The lakes with a hierarchical namespace (ADLS Gen2); `external` is a plain blob account. */
export const DATA_LAKES = ['raw', 'enriched', 'workspace'] as const satisfies readonly Lake[];
export type DataLake = (typeof DATA_LAKES)[number];

/**
 * The metadata resource group's Key Vaults (the reference's vault001 and vault002) and
 * their purpose codes in compact names: `kvdi` holds data integration credentials,
 * `kvhm` the Hive metastore's. Codes are exactly as long as the longest lake code
 * (`work`): validation then suggests one shortName length that fixes every name of a zone.
 */
export const METADATA_KEY_VAULTS = { integration: 'kvdi', metastore: 'kvhm' } as const;
export type MetadataKeyVault = keyof typeof METADATA_KEY_VAULTS;

/** The metadata SQL server's databases (the reference's names). */
export const SQL_DATABASES = { adfMetastore: 'AdfMetastoreDb', hiveMetastore: 'HiveMetastoreDb' } as const;
export type SqlDatabase = keyof typeof SQL_DATABASES;

/** The two shared Databricks workspaces: integration (shared-integration) and product (shared-product). */
export const DATABRICKS_WORKSPACES = ['integration', 'product'] as const;
export type DatabricksWorkspaceKey = (typeof DATABRICKS_WORKSPACES)[number];

/** Data factories: the shared integration factory, and the runtime factory hosting the self-hosted integration runtime. */
export const DATA_FACTORIES = ['integration', 'runtime'] as const;
export type DataFactoryKey = (typeof DATA_FACTORIES)[number];

/** The landing zone's private endpoints, by what they reach. */
export const LANDING_PRIVATE_ENDPOINTS = [
  'raw-blob',
  'raw-dfs',
  'enriched-blob',
  'enriched-dfs',
  'workspace-blob',
  'workspace-dfs',
  'external-blob',
  'vault-integration',
  'vault-metastore',
  'sql',
  'adf-integration-datafactory',
  'adf-integration-portal',
  'adf-runtime-datafactory',
  'adf-runtime-portal',
  'dbw-integration',
  'dbw-product',
  'evhns',
  'synw-sql',
  'synw-sqlondemand',
  'synw-dev',
] as const;
export type LandingPrivateEndpoint = (typeof LANDING_PRIVATE_ENDPOINTS)[number];

/** The shared integration factory's managed private endpoints (its managed virtual network reaches only these). */
export const MANAGED_PRIVATE_ENDPOINTS = [
  'raw_dfs',
  'enriched_dfs',
  'vault_integration',
  'sql',
  'purview_account',
  'purview_blob',
  'purview_queue',
  'purview_namespace',
  'databricks_integration',
] as const;
export type ManagedPrivateEndpointKey = (typeof MANAGED_PRIVATE_ENDPOINTS)[number];

export interface LandingZoneNames {
  readonly resourceGroups: Readonly<Record<LandingResourceGroup, string>>;
  /** One empty resource group per data integration (the reference's `di001` slots), by integration name. */
  readonly integrationResourceGroups: Readonly<Record<string, string>>;
  /** One empty resource group per data product (the reference's `dp001` slots), by product name. */
  readonly productResourceGroups: Readonly<Record<string, string>>;
  readonly virtualNetwork: string;
  readonly subnets: Readonly<Record<string, string>>;
  readonly networkSecurityGroups: Readonly<{ default: string; databricks: string }>;
  readonly routeTable: string;
  /** Globally unique and at most 24 characters: compact. */
  readonly storageAccounts: Readonly<Record<Lake, string>>;
  /**
   * Containers: `data` in every lake (the reference's), plus `di-<integration>` in the raw and
   * enriched lakes and `dp-<product>` in the workspace lake. The prefix keeps an item named
   * `data` from colliding with the shared container.
   */
  readonly containers: Readonly<{ data: string; integrations: Readonly<Record<string, string>>; products: Readonly<Record<string, string>> }>;
  /** Globally unique and at most 24 characters: compact. */
  readonly keyVaults: Readonly<Record<MetadataKeyVault, string>>;
  /** Globally unique (`<name>.database.windows.net`). */
  readonly sqlServer: string;
  readonly sqlDatabases: Readonly<Record<SqlDatabase, string>>;
  /** The Entra administrator of the zone's SQL endpoints (no SQL logins exist). */
  readonly sqlAdministratorIdentity: string;
  readonly databricksWorkspaces: Readonly<Record<DatabricksWorkspaceKey, string>>;
  /** Must not exist yet: Databricks creates them. */
  readonly databricksManagedResourceGroups: Readonly<Record<DatabricksWorkspaceKey, string>>;
  /** Globally unique. */
  readonly dataFactories: Readonly<Record<DataFactoryKey, string>>;
  readonly integrationRuntimes: Readonly<{ managedVirtualNetwork: string; selfHosted: string }>;
  readonly managedPrivateEndpoints: Readonly<Record<ManagedPrivateEndpointKey, string>>;
  /** Globally unique. */
  readonly eventHubNamespace: string;
  /** Globally unique. */
  readonly synapseWorkspace: string;
  /** Must not exist yet: Synapse creates it. */
  readonly synapseManagedResourceGroup: string;
  readonly privateEndpoints: Readonly<Record<LandingPrivateEndpoint, string>>;
  /** Every diagnostic setting of the zone (the name is scoped to its target resource). */
  readonly diagnosticSetting: string;
  /** Topology avnm: the zone's static membership in the management zone's network group (scoped to the group). */
  readonly networkManagerStaticMember: string;
  /** Each data integration's own resources, by integration name (lib/naming/item-names.ts). */
  readonly dataIntegrations: Readonly<Record<string, DataIntegrationNames>>;
  /** Each data product's own resources, by product name. */
  readonly dataProducts: Readonly<Record<string, DataProductNames>>;
}

/** What a landing zone's names are made from. */
export interface LandingZoneNameInputs {
  readonly name: string;
  /** Zone part of compact global names. */
  readonly code: string;
  /** Data integration names, in file order. @default none */
  readonly dataIntegrations?: readonly string[];
  /** Data product names, in file order. @default none */
  readonly dataProducts?: readonly string[];
  /**
   * Per item name, the name its Azure names are made from: a renamed item's first name
   * (Azure cannot rename its resources). Results stay keyed by the current name.
   * @default each item's own name
   */
  readonly nameBases?: Readonly<Record<string, string>>;
  /**
   * Engine per data integration name: which engine's resources the integration gets names for.
   * @default - none: only the names every integration has
   */
  readonly integrationEngines?: Readonly<Record<string, string | undefined>>;
  /**
   * Template, engine and serving per data product name.
   * @default - none: only the names every product has
   */
  readonly productKinds?: Readonly<Record<string, { readonly template?: string; readonly engine?: string; readonly serving?: string } | undefined>>;
}

export function managementZoneNames(
  naming: EstateNaming,
  subnets: readonly SubnetDefinition[],
  /** Regions other than the estate's that get a web-auth workspace. @default none */
  webAuthRegions: readonly string[] = [],
): ManagementZoneNames {
  const zone = MANAGEMENT_ZONE_KEY;
  const resourceGroups = Object.fromEntries(MANAGEMENT_RESOURCE_GROUPS.map((rg) => [rg, naming.standard('resourceGroup', zone, rg)])) as Record<
    ManagementResourceGroup,
    string
  >;
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
    databricksWebAuth: {
      workspace: naming.standard('databricksWorkspace', zone, 'webauth'),
      managedResourceGroup: naming.standard('resourceGroup', zone, 'dbw-webauth-managed'),
      networkSecurityGroup: naming.standard('networkSecurityGroup', zone, 'databricks'),
    },
    regionalDatabricksWebAuth: Object.fromEntries(webAuthRegions.map((region) => [region, regionalWebAuthNames(naming, region)])),
    diagnosticSetting: naming.standard('diagnosticSetting', zone),
    networkManager: {
      manager: naming.standard('networkManager', zone),
      landingZoneGroup: naming.child('networkManagerNetworkGroup', 'landing-zones'),
      connectivityConfiguration: naming.child('networkManagerConnectivityConfiguration', 'hub-and-spoke'),
    },
  };
}

function regionalWebAuthNames(naming: EstateNaming, region: string): RegionalWebAuthNames {
  const zone = MANAGEMENT_ZONE_KEY;
  return {
    virtualNetwork: naming.standard('virtualNetwork', zone, `webauth-${region}`),
    workspace: naming.standard('databricksWorkspace', zone, `webauth-${region}`),
    managedResourceGroup: naming.standard('resourceGroup', zone, `dbw-webauth-managed-${region}`),
    networkSecurityGroup: naming.standard('networkSecurityGroup', zone, `databricks-${region}`),
    privateEndpoint: naming.standard('privateEndpoint', zone, `databricks-auth-${region}`),
    subnets: { public: naming.child('subnet', 'dbw-webauth-public'), private: naming.child('subnet', 'dbw-webauth-private') },
  };
}

export function landingZoneNames(naming: EstateNaming, zone: LandingZoneNameInputs, subnets: readonly SubnetDefinition[]): LandingZoneNames {
  const z = zone.name;
  const integrations = zone.dataIntegrations ?? [];
  const products = zone.dataProducts ?? [];
  const base = (item: string) => zone.nameBases?.[item] ?? item;
  const byItem = (items: readonly string[], make: (item: string) => string) => Object.fromEntries(items.map((item) => [item, make(base(item))]));
  const byKey = <K extends string>(keys: readonly K[], make: (key: K) => string) =>
    Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, string>;
  return {
    resourceGroups: byKey(LANDING_RESOURCE_GROUPS, (rg) => naming.standard('resourceGroup', z, rg)),
    integrationResourceGroups: byItem(integrations, (item) => naming.standard('resourceGroup', z, `di-${item}`)),
    productResourceGroups: byItem(products, (item) => naming.standard('resourceGroup', z, `dp-${item}`)),
    virtualNetwork: naming.standard('virtualNetwork', z),
    subnets: Object.fromEntries(subnets.map((s) => [s.key, naming.child('subnet', s.key)])),
    networkSecurityGroups: {
      default: naming.standard('networkSecurityGroup', z),
      databricks: naming.standard('networkSecurityGroup', z, 'databricks'),
    },
    routeTable: naming.standard('routeTable', z),
    storageAccounts: byKey(Object.keys(LAKE_PURPOSES) as Lake[], (lake) => naming.compact('storageAccount', zone.code, LAKE_PURPOSES[lake])),
    containers: {
      data: naming.scoped('storageContainer', 'data'),
      integrations: byItem(integrations, (item) => naming.scoped('storageContainer', `di-${item}`)),
      products: byItem(products, (item) => naming.scoped('storageContainer', `dp-${item}`)),
    },
    keyVaults: byKey(Object.keys(METADATA_KEY_VAULTS) as MetadataKeyVault[], (vault) => naming.compact('keyVault', zone.code, METADATA_KEY_VAULTS[vault])),
    sqlServer: naming.unique('sqlServer', z),
    sqlDatabases: byKey(Object.keys(SQL_DATABASES) as SqlDatabase[], (db) => naming.scoped('sqlDatabase', SQL_DATABASES[db])),
    sqlAdministratorIdentity: naming.standard('userAssignedIdentity', z, 'sql-admin'),
    databricksWorkspaces: byKey(DATABRICKS_WORKSPACES, (ws) => naming.standard('databricksWorkspace', z, ws)),
    databricksManagedResourceGroups: byKey(DATABRICKS_WORKSPACES, (ws) => naming.standard('resourceGroup', z, `dbw-${ws}-managed`)),
    dataFactories: byKey(DATA_FACTORIES, (factory) => naming.unique('dataFactory', z, factory)),
    integrationRuntimes: {
      // The factory's default runtime, redefined inside the managed virtual network (as the reference does).
      managedVirtualNetwork: naming.fixed('integrationRuntime', 'AutoResolveIntegrationRuntime'),
      selfHosted: naming.child('integrationRuntime', 'self-hosted'),
    },
    managedPrivateEndpoints: byKey(MANAGED_PRIVATE_ENDPOINTS, (endpoint) => naming.scoped('managedPrivateEndpoint', endpoint)),
    eventHubNamespace: naming.unique('eventHubNamespace', z),
    synapseWorkspace: naming.unique('synapseWorkspace', z),
    synapseManagedResourceGroup: naming.standard('resourceGroup', z, 'synw-managed'),
    privateEndpoints: byKey(LANDING_PRIVATE_ENDPOINTS, (endpoint) => naming.standard('privateEndpoint', z, endpoint)),
    diagnosticSetting: naming.standard('diagnosticSetting', z),
    networkManagerStaticMember: naming.child('networkManagerStaticMember', z),
    ...dataItemNames(naming, zone),
  };
}

/**
 * The names of every integration's and product's own resources. Codes are assigned
 * integrations first, then products, each in file order; compact item names must not
 * equal the zone's own (`work`, `kvdi`, `kvhm` are 4 characters like an item's part).
 */
function dataItemNames(naming: EstateNaming, zone: LandingZoneNameInputs): Pick<LandingZoneNames, 'dataIntegrations' | 'dataProducts'> {
  const integrations = zone.dataIntegrations ?? [];
  const products = zone.dataProducts ?? [];
  const reserved = new Set([...Object.values(LAKE_PURPOSES), ...Object.values(METADATA_KEY_VAULTS)]);
  const base = (item: string) => zone.nameBases?.[item] ?? item;
  const codes = itemCodes([...integrations, ...products].map(base), reserved);
  const itemZone = { name: zone.name, code: zone.code };
  return {
    dataIntegrations: Object.fromEntries(
      integrations.map((name) => [
        name,
        dataIntegrationNames(naming, itemZone, { name: base(name), engine: zone.integrationEngines?.[name] }, codes[base(name)]),
      ]),
    ),
    dataProducts: Object.fromEntries(
      products.map((name) => [name, dataProductNames(naming, itemZone, { name: base(name), ...zone.productKinds?.[name] }, codes[base(name)])]),
    ),
  };
}
