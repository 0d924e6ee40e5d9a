import { createHash } from 'crypto';
import { EstateNaming } from './naming';

/**
 * Names of the resources a data integration or data product deploys (issue #6), made
 * through `EstateNaming` so validation checks every one before synthesis.
 *
 * The shapes, by how much room Azure leaves (names scoped to a parent, such as the
 * workspace's `cpu-cluster`, are used as they are):
 * - resource-group-scoped names with room (identities, AKS, Application Insights, private
 *   endpoints, access connectors, alerts): the standard CAF shape with the item name,
 *   `id-relecloud-prd-operations-telemetry`; they live in the item's own resource group;
 * - globally unique names with room (Data Factory, SQL server: 63 characters) share a
 *   namespace with the zone's shared services, so they carry the item's kind like its
 *   resource group does: `adf-relecloud-prd-operations-di-cloud-accounts-<suffix>`;
 * - tight names (Key Vault, storage account: 24; container registry: alphanumerics;
 *   Event Hub namespace: 50; Spark pool: 15; AKS DNS prefix) use the item's **code**: 3
 *   characters hashed from its name, e.g. `relecloudops<code>k<suffix>` for its vault. With
 *   the one-letter purpose the item part is 4 characters, exactly the longest zone purpose
 *   (`work`, `kvdi`): any zone whose lakes fit fits its items too, and validation's
 *   shortName advice covers both.
 */

/** Characters of an item's code. */
export const ITEM_CODE_LENGTH = 3;

/** The one-letter purpose after an item's code in compact names. */
export const ITEM_COMPACT_PURPOSES = { keyVault: 'k', storageAccount: 's', containerRegistry: 'c' } as const;

/**
 * A code per item (integrations and products of one zone share a namespace), in the
 * order given. Hashed from the name, so it does not depend on the item's position; a
 * code taken by an earlier item, or one that would make a compact name equal to a zone's
 * own (`reserved`: 4-character purposes such as `work`), is hashed again with a counter.
 * Appending an item never changes an earlier item's code.
 */
export function itemCodes(items: readonly string[], reserved: ReadonlySet<string>): Record<string, string> {
  const taken = new Set<string>();
  const codes: Record<string, string> = {};
  for (const item of items) {
    let code = '';
    for (let attempt = 0; ; attempt++) {
      code = hashCode(attempt ? `${item}#${attempt}` : item);
      const clashes = Object.values(ITEM_COMPACT_PURPOSES).some((letter) => reserved.has(`${code}${letter}`));
      if (!taken.has(code) && !clashes) break;
    }
    taken.add(code);
    codes[item] = code;
  }
  return codes;
}

function hashCode(seed: string): string {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0) % 36 ** ITEM_CODE_LENGTH;
  return n.toString(36).padStart(ITEM_CODE_LENGTH, '0');
}

/** What an integration's names are made from (the engine decides which resources exist). */
export interface DataIntegrationNameInput {
  readonly name: string;
  /** `databricks`, `data-factory` or `synapse`. @default - unknown: only the names every integration has */
  readonly engine?: string;
}

/** What a product's names are made from. */
export interface DataProductNameInput {
  readonly name: string;
  /** `batch`, `analytics` or `streaming`. @default - unknown: only the names every product has */
  readonly template?: string;
  /** @default - unknown: no engine resources */
  readonly engine?: string;
  /** `aks`: an AKS cluster serves the model (analytics only). @default - none */
  readonly serving?: string;
}

/** A zone as item names need it. */
export interface ItemZone {
  readonly name: string;
  /** Zone part of compact names. */
  readonly code: string;
}

export interface KeyVaultNames {
  readonly name: string;
  readonly privateEndpoint: string;
}

/** What a dedicated factory reaches through its managed virtual network, by managed private endpoint. */
export const DEDICATED_FACTORY_TARGETS = [
  'raw_dfs',
  'enriched_dfs',
  'workspace_dfs',
  'vault',
  'sql',
  'amlworkspace',
  'purview_account',
  'purview_blob',
  'purview_queue',
  'purview_namespace',
] as const;
export type DedicatedFactoryTarget = (typeof DEDICATED_FACTORY_TARGETS)[number];

export interface DedicatedDataFactoryNames {
  readonly factory: string;
  /** The Azure runtime inside the managed virtual network. */
  readonly managedVirtualNetworkRuntime: string;
  /** The credential for the item's identity (linked services authenticate as it). */
  readonly credential: string;
  readonly managedPrivateEndpoints: Readonly<Record<DedicatedFactoryTarget, string>>;
  readonly privateEndpoints: Readonly<{ dataFactory: string; portal: string }>;
}

/** Names every integration and product has. */
export interface DataItemNames {
  /** Stands in for the item name in tight names. */
  readonly code: string;
  /** The item's user-assigned identity: every grant of the item is made to it. */
  readonly identity: string;
}

/** The engines an integration or product runs on (the estate's `engine`). */
export type EngineKind = 'databricks' | 'data-factory' | 'synapse';
/** The data product templates (the estate's `template`). */
export type TemplateKind = 'batch' | 'analytics' | 'streaming';

/**
 * The names of one engine's resources, keyed by `engine`. Each variant declares the
 * others' fields as absent, so `names.sparkPool` reads as `string | undefined` on any
 * variant and as `string` once `engine` is known.
 */
export type EngineNames =
  | { readonly engine: 'databricks'; readonly accessConnector: string; readonly dataFactory?: never; readonly sparkPool?: never }
  | { readonly engine: 'data-factory'; readonly dataFactory: DedicatedDataFactoryNames; readonly accessConnector?: never; readonly sparkPool?: never }
  | { readonly engine: 'synapse'; readonly sparkPool: string; readonly accessConnector?: never; readonly dataFactory?: never };

/** The names of one engine's resources. */
export type EngineNamesOf<E extends EngineKind> = Extract<EngineNames, { readonly engine: E }>;

/**
 * A data integration's names, keyed by `engine`. Engine `data-factory` deploys the data
 * product batch template's vault with its factory.
 */
export type DataIntegrationNames = DataItemNames &
  (
    | (EngineNamesOf<'databricks'> & { readonly keyVault?: never })
    | (EngineNamesOf<'data-factory'> & { readonly keyVault: KeyVaultNames })
    | (EngineNamesOf<'synapse'> & { readonly keyVault?: never })
  );

export interface MachineLearningNames {
  readonly workspace: string;
  readonly storageAccount: string;
  readonly containerRegistry: string;
  readonly applicationInsights: string;
  readonly computeCluster: string;
  readonly privateEndpoints: Readonly<{ workspace: string; registry: string; blob: string; file: string }>;
}

export interface ServingNames {
  readonly cluster: string;
  readonly dnsPrefix: string;
  /** Must not exist yet: AKS creates it for the nodes. */
  readonly nodeResourceGroup: string;
  /** The cluster's control plane identity (it registers the API server in the management zone's DNS zone). */
  readonly identity: string;
  /** The nodes' (kubelet) identity: it pulls model images. */
  readonly kubeletIdentity: string;
  /** The cluster as an Azure ML compute target. */
  readonly inferenceCluster: string;
}

export interface ProductSqlNames {
  readonly server: string;
  readonly database: string;
  readonly privateEndpoint: string;
}

export interface ProductEventHubNames {
  readonly namespace: string;
  readonly hub: string;
  readonly privateEndpoint: string;
}

/** Failed-run alerts to the product team. */
export interface ProductAlertNames {
  readonly actionGroup: string;
  readonly actionGroupShortName: string;
  readonly failedRuns: string;
}

/**
 * The names of one template's resources, keyed by `template`; as EngineNames, each variant
 * declares the others' fields as absent.
 */
export type TemplateNames =
  | { readonly template: 'batch'; readonly sql: ProductSqlNames; readonly machineLearning?: never; readonly serving?: never; readonly eventHub?: never }
  | {
      readonly template: 'analytics';
      readonly machineLearning: MachineLearningNames;
      /** With `serving: aks` only. */
      readonly serving?: ServingNames;
      readonly sql?: never;
      readonly eventHub?: never;
    }
  | {
      readonly template: 'streaming';
      readonly eventHub: ProductEventHubNames;
      readonly sql?: never;
      readonly machineLearning?: never;
      readonly serving?: never;
    };

/** The names of one template's resources. */
export type TemplateNamesOf<T extends TemplateKind> = Extract<TemplateNames, { readonly template: T }>;

/** A data product's names: every product's, its template's (keyed by `template`) and its engine's (keyed by `engine`). */
export type DataProductNames = DataItemNames & {
  readonly keyVault: KeyVaultNames;
  readonly alerts: ProductAlertNames;
} & TemplateNames &
  EngineNames;

/** The identity every item has. */
function itemNames(naming: EstateNaming, zone: ItemZone, name: string, code: string): DataItemNames {
  return { code, identity: naming.standard('userAssignedIdentity', zone.name, name) };
}

/** The names of an engine's resources; none for an engine validation has already rejected. */
function engineNames(naming: EstateNaming, zone: ItemZone, kind: 'di' | 'dp', name: string, code: string, engine: string | undefined): EngineNames | undefined {
  const z = zone.name;
  const endpoint = (purpose: string) => naming.standard('privateEndpoint', z, `${name}-${purpose}`);
  switch (engine) {
    case 'databricks':
      return { engine, accessConnector: naming.standard('databricksAccessConnector', z, name) };
    case 'data-factory':
      return {
        engine,
        dataFactory: {
          factory: naming.unique('dataFactory', z, `${kind}-${name}`),
          managedVirtualNetworkRuntime: naming.fixed('integrationRuntime', 'AutoResolveIntegrationRuntime'),
          credential: naming.child('dataFactoryCredential', name),
          managedPrivateEndpoints: Object.fromEntries(DEDICATED_FACTORY_TARGETS.map((t) => [t, naming.scoped('managedPrivateEndpoint', t)])) as Record<
            DedicatedFactoryTarget,
            string
          >,
          privateEndpoints: { dataFactory: endpoint('adf'), portal: endpoint('adf-portal') },
        },
      };
    case 'synapse':
      return { engine, sparkPool: naming.scoped('synapseSparkPool', sparkPoolName(name, code)) };
    default:
      return undefined;
  }
}

/**
 * A Spark pool name (letters and digits, at most 15, starting with a letter) that still
 * reads as its item: the name's letters and digits, cut to 12, then the code (unique in
 * the zone, so two pools never clash).
 */
function sparkPoolName(name: string, code: string): string {
  const plain = name.replace(/-/g, '');
  const readable = /^[a-z]/.test(plain) ? plain.slice(0, 12) : `p${plain.slice(0, 11)}`;
  return `${readable}${code}`;
}

function keyVaultNames(naming: EstateNaming, zone: ItemZone, name: string, code: string): KeyVaultNames {
  return {
    name: naming.compact('keyVault', zone.code, `${code}${ITEM_COMPACT_PURPOSES.keyVault}`),
    privateEndpoint: naming.standard('privateEndpoint', zone.name, `${name}-kv`),
  };
}

/**
 * An integration's names. An unknown engine only comes from validating a file with errors
 * (lib/estate/derived-names.ts): its names are registered and checked, never built from,
 * so the names every integration has stand in for the variant there.
 */
export function dataIntegrationNames(naming: EstateNaming, zone: ItemZone, item: DataIntegrationNameInput, code: string): DataIntegrationNames {
  const engine = engineNames(naming, zone, 'di', item.name, code, item.engine);
  const names = { ...itemNames(naming, zone, item.name, code), ...engine };
  // The data product batch template deploys its own vault with the factory.
  return (engine?.engine === 'data-factory' ? { ...names, keyVault: keyVaultNames(naming, zone, item.name, code) } : names) as DataIntegrationNames;
}

/** A product's names; an unknown template or engine as for dataIntegrationNames. */
export function dataProductNames(naming: EstateNaming, zone: ItemZone, item: DataProductNameInput, code: string): DataProductNames {
  const z = zone.name;
  const { name } = item;
  const names = {
    ...itemNames(naming, zone, name, code),
    ...engineNames(naming, zone, 'dp', name, code, item.engine),
    keyVault: keyVaultNames(naming, zone, name, code),
    alerts: {
      actionGroup: naming.standard('actionGroup', z, name),
      actionGroupShortName: naming.scoped('actionGroupShortName', `dp-${code}`),
      failedRuns: naming.standard('metricAlert', z, `${name}-failed-runs`),
    },
  };
  return { ...names, ...templateNames(naming, zone, item, code) } as DataProductNames;
}

/** The names of a template's resources; none for a template validation has already rejected. */
function templateNames(naming: EstateNaming, zone: ItemZone, item: DataProductNameInput, code: string): TemplateNames | undefined {
  const z = zone.name;
  const { name } = item;
  const endpoint = (purpose: string) => naming.standard('privateEndpoint', z, `${name}-${purpose}`);
  const compact = (kind: 'storageAccount' | 'containerRegistry') => naming.compact(kind, zone.code, `${code}${ITEM_COMPACT_PURPOSES[kind]}`);
  switch (item.template) {
    case 'batch':
      return {
        template: 'batch',
        sql: { server: naming.unique('sqlServer', z, `dp-${name}`), database: naming.scoped('sqlDatabase', name), privateEndpoint: endpoint('sql') },
      };
    case 'analytics':
      return {
        template: 'analytics',
        machineLearning: {
          // Its own resource group names the zone and product; 33 characters leave room for the name only.
          workspace: naming.scoped('machineLearningWorkspace', `mlw-${name}`),
          storageAccount: compact('storageAccount'),
          containerRegistry: compact('containerRegistry'),
          applicationInsights: naming.standard('applicationInsights', z, name),
          computeCluster: naming.scoped('machineLearningCompute', 'cpu-cluster'),
          privateEndpoints: { workspace: endpoint('mlw'), registry: endpoint('cr'), blob: endpoint('st-blob'), file: endpoint('st-file') },
        },
        ...(item.serving === 'aks' ? { serving: servingNames(naming, zone, name, code) } : {}),
      };
    case 'streaming':
      return {
        template: 'streaming',
        eventHub: { namespace: naming.unique('eventHubNamespace', z, `dp-${code}`), hub: naming.scoped('eventHub', name), privateEndpoint: endpoint('evhns') },
      };
    default:
      return undefined;
  }
}

function servingNames(naming: EstateNaming, zone: ItemZone, name: string, code: string): ServingNames {
  const z = zone.name;
  return {
    cluster: naming.standard('kubernetesCluster', z, name),
    dnsPrefix: naming.standard('kubernetesDnsPrefix', z, code),
    nodeResourceGroup: naming.standard('resourceGroup', z, `dp-${name}-aks-managed`),
    identity: naming.standard('userAssignedIdentity', z, `${name}-aks`),
    kubeletIdentity: naming.standard('userAssignedIdentity', z, `${name}-aks-kubelet`),
    inferenceCluster: naming.scoped('machineLearningCompute', 'aks-serving'),
  };
}
