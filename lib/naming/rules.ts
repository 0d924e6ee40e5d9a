/**
 * Azure naming rules for the resource kinds this project names: CAF
 * abbreviation, length, allowed characters, and whether the name must be
 * globally unique (a public DNS name). Sources: Azure "Naming rules and
 * restrictions for Azure resources" and the CAF abbreviation list.
 */
export interface NamingRule {
  /** CAF abbreviation used in the name. */
  readonly abbreviation: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** The whole name must match. */
  readonly pattern: RegExp;
  /** Human description of `pattern`, for error messages. */
  readonly charset: string;
  /** Globally unique across Azure (part of a public host name). */
  readonly global: boolean;
}

const HYPHENATED = /^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9_]$/;
const HYPHENATED_TEXT = 'letters, digits, "-", "_" and ".", starting with a letter or digit and ending with a letter, digit or "_"';

export const NAMING_RULES = {
  resourceGroup: {
    abbreviation: 'rg',
    minLength: 1,
    maxLength: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    charset: 'letters, digits, "-", "_", ".", "(" and ")", not ending with "."',
    global: false,
  },
  virtualNetwork: { abbreviation: 'vnet', minLength: 2, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  subnet: { abbreviation: 'snet', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  networkSecurityGroup: { abbreviation: 'nsg', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  networkSecurityRule: { abbreviation: 'nsgsr', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  routeTable: { abbreviation: 'rt', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  route: { abbreviation: 'udr', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  virtualNetworkPeering: { abbreviation: 'peer', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  firewall: { abbreviation: 'afw', minLength: 1, maxLength: 56, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  firewallPolicy: { abbreviation: 'afwp', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  publicIp: { abbreviation: 'pip', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  publicIpPrefix: { abbreviation: 'ippre', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  // Azure Virtual Network Manager (topology avnm). Network manager names are unique per
  // resource group; its children per parent. Azure: 1-64 characters, letters, digits, "_",
  // "." and "-", starting with a letter or digit and ending with a letter, digit or "_".
  networkManager: { abbreviation: 'vnm', minLength: 1, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  networkManagerNetworkGroup: { abbreviation: 'ng', minLength: 1, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  networkManagerConnectivityConfiguration: { abbreviation: 'cc', minLength: 1, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  networkManagerStaticMember: { abbreviation: 'sm', minLength: 1, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  privateDnsZoneLink: { abbreviation: 'pdnslink', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  logAnalyticsWorkspace: {
    abbreviation: 'log',
    minLength: 4,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    charset: 'letters, digits and "-", starting and ending with a letter or digit',
    global: false,
  },
  storageAccount: { abbreviation: 'st', minLength: 3, maxLength: 24, pattern: /^[a-z0-9]+$/, charset: 'lowercase letters and digits', global: true },
  keyVault: {
    abbreviation: 'kv',
    minLength: 3,
    maxLength: 24,
    pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    charset: 'letters, digits and single "-", starting with a letter and ending with a letter or digit',
    global: true,
  },
  // <name>.purview.azure.com: Azure's pattern ^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$, 3-63.
  purviewAccount: {
    abbreviation: 'pview',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
    charset: 'letters, digits and single "-", starting and ending with a letter or digit',
    global: true,
  },
  // <name>.azurecr.io
  containerRegistry: { abbreviation: 'cr', minLength: 5, maxLength: 50, pattern: /^[a-zA-Z0-9]+$/, charset: 'letters and digits', global: true },
  // azurerm's validation (^[a-z0-9]{1,45}$); not part of a public host name of its own.
  synapsePrivateLinkHub: {
    abbreviation: 'synplh',
    minLength: 1,
    maxLength: 45,
    pattern: /^[a-z0-9]+$/,
    charset: 'lowercase letters and digits',
    global: false,
  },
  privateEndpoint: { abbreviation: 'pe', minLength: 2, maxLength: 64, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  userAssignedIdentity: {
    abbreviation: 'id',
    minLength: 3,
    maxLength: 128,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", starting with a letter or digit',
    global: false,
  },
  firewallPolicyRuleCollectionGroup: { abbreviation: 'rcg', minLength: 1, maxLength: 80, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  // <name>.datafactory.azure.net; azurerm's DataFactoryName pattern.
  dataFactory: {
    abbreviation: 'adf',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
    charset: 'letters, digits and single "-", starting and ending with a letter or digit',
    global: true,
  },
  // Scoped to the factory; azurerm's integration runtime pattern (no "--", no leading or trailing "-").
  integrationRuntime: {
    abbreviation: 'ir',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/,
    charset: 'letters, digits and single "-", starting and ending with a letter or digit',
    global: false,
  },
  // Scoped to the factory's managed virtual network. Older azurerm 4.x releases accept only
  // letters, digits and "_", newer ones also "-" and ".": the intersection holds for both.
  managedPrivateEndpoint: { abbreviation: 'mpe', minLength: 2, maxLength: 80, pattern: /^[a-zA-Z0-9_]+$/, charset: 'letters, digits and "_"', global: false },
  // The workspace URL is generated (adb-<id>.<n>.azuredatabricks.net): the name is unique per resource group only.
  databricksWorkspace: {
    abbreviation: 'dbw',
    minLength: 3,
    maxLength: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*[a-zA-Z0-9]$/,
    charset: 'letters, digits, "-" and "_", starting and ending with a letter or digit',
    global: false,
  },
  // <name>.sql.azuresynapse.net; Azure rejects names containing "-ondemand" (the serverless endpoint's suffix).
  synapseWorkspace: {
    abbreviation: 'synw',
    minLength: 1,
    maxLength: 50,
    pattern: /^(?!.*-ondemand)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    charset: 'lowercase letters, digits and "-", starting and ending with a letter or digit, without "-ondemand"',
    global: true,
  },
  // <name>.database.windows.net
  sqlServer: {
    abbreviation: 'sql',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    charset: 'lowercase letters, digits and "-", starting and ending with a letter or digit',
    global: true,
  },
  // Scoped to the server.
  sqlDatabase: {
    abbreviation: 'sqldb',
    minLength: 1,
    maxLength: 128,
    pattern: /^[^<>*%&:\\/?]*[^<>*%&:\\/?. ]$/,
    charset: 'any characters but < > * % & : \\ / ?, not ending with "." or a space',
    global: false,
  },
  // <name>.servicebus.windows.net; Azure reserves names ending in "-sb" or "-mgmt".
  eventHubNamespace: {
    abbreviation: 'evhns',
    minLength: 6,
    maxLength: 50,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$(?<!-sb)(?<!-mgmt)/,
    charset: 'letters, digits and "-", starting with a letter, ending with a letter or digit, not ending in "-sb" or "-mgmt"',
    global: true,
  },
  // Scoped to the storage account (blob containers and ADLS Gen2 file systems alike).
  storageContainer: {
    abbreviation: 'stct',
    minLength: 3,
    maxLength: 63,
    pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/,
    charset: 'lowercase letters, digits and single "-", starting and ending with a letter or digit',
    global: false,
  },
  // Data integrations and data products (lib/naming/item-names.ts).
  // Scoped to the resource group; azurerm's validation (^[a-zA-Z0-9][\w-]{2,32}$).
  machineLearningWorkspace: {
    abbreviation: 'mlw',
    minLength: 3,
    maxLength: 33,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", starting with a letter or digit',
    global: false,
  },
  // Compute clusters and attached inference clusters, scoped to the workspace. Azure ML allows
  // 2-16 characters for compute names (azurerm checks 3-32): the intersection.
  machineLearningCompute: {
    abbreviation: 'mlc',
    minLength: 3,
    maxLength: 16,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    charset: 'letters, digits and "-", starting with a letter and ending with a letter or digit',
    global: false,
  },
  kubernetesCluster: {
    abbreviation: 'aks',
    minLength: 1,
    maxLength: 63,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?$/,
    charset: 'letters, digits, "-" and "_", starting and ending with a letter or digit',
    global: false,
  },
  // Part of the API server's host name: <prefix>-<hash>.<guid>.privatelink.<region>.azmk8s.io.
  kubernetesDnsPrefix: {
    abbreviation: 'aks',
    minLength: 1,
    maxLength: 54,
    pattern: /^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
    charset: 'letters, digits and "-", starting with a letter and ending with a letter or digit',
    global: false,
  },
  applicationInsights: { abbreviation: 'appi', minLength: 1, maxLength: 255, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  databricksAccessConnector: {
    abbreviation: 'dbac',
    minLength: 3,
    maxLength: 64,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", starting with a letter or digit',
    global: false,
  },
  // Scoped to the Synapse workspace; azurerm's validation (^[a-zA-Z][a-zA-Z\d]{0,14}$).
  synapseSparkPool: {
    abbreviation: 'synsp',
    minLength: 1,
    maxLength: 15,
    pattern: /^[a-zA-Z][a-zA-Z0-9]*$/,
    charset: 'letters and digits, starting with a letter',
    global: false,
  },
  // Scoped to the namespace.
  eventHub: {
    abbreviation: 'evh',
    minLength: 1,
    maxLength: 256,
    pattern: /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/,
    charset: 'letters, digits, ".", "-" and "_", starting and ending with a letter or digit',
    global: false,
  },
  actionGroup: { abbreviation: 'ag', minLength: 1, maxLength: 260, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  // Shown in e-mails and text messages: at most 12 characters.
  actionGroupShortName: {
    abbreviation: 'ag',
    minLength: 1,
    maxLength: 12,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", starting with a letter or digit',
    global: false,
  },
  metricAlert: { abbreviation: 'alert', minLength: 1, maxLength: 260, pattern: HYPHENATED, charset: HYPHENATED_TEXT, global: false },
  // Scoped to the factory (a user-assigned identity its linked services authenticate as).
  dataFactoryCredential: {
    abbreviation: 'cred',
    minLength: 1,
    maxLength: 127,
    pattern: /^[a-zA-Z0-9_][a-zA-Z0-9_-]*$/,
    charset: 'letters, digits, "-" and "_", not starting with "-"',
    global: false,
  },
  // Scoped to the target resource; Azure rejects < > * % & : \ ? + / and a trailing "." or space.
  diagnosticSetting: {
    abbreviation: 'diag',
    minLength: 1,
    maxLength: 260,
    pattern: /^[^<>*%&:\\?+/]*[^<>*%&:\\?+/. ]$/,
    charset: 'any characters but < > * % & : \\ ? + /, not ending with "." or a space',
    global: false,
  },
  // Governance (docs/governance.md). Policy set definitions, assignments and exemptions at
  // subscription scope: 1-64 characters without < > * % & : \ ? . + /, not ending with a space.
  policySetDefinition: {
    abbreviation: 'polset',
    minLength: 1,
    maxLength: 64,
    pattern: /^[^<>*%&:\\?.+/]*[^<>*%&:\\?.+/ ]$/,
    charset: 'any characters but < > * % & : \\ ? . + /, not ending with a space',
    global: false,
  },
  policyAssignment: {
    abbreviation: 'pa',
    minLength: 1,
    maxLength: 64,
    pattern: /^[^<>*%&:\\?.+/]*[^<>*%&:\\?.+/ ]$/,
    charset: 'any characters but < > * % & : \\ ? . + /, not ending with a space',
    global: false,
  },
  policyExemption: {
    abbreviation: 'pex',
    minLength: 1,
    maxLength: 64,
    pattern: /^[^<>*%&:\\?.+/]*[^<>*%&:\\?.+/ ]$/,
    charset: 'any characters but < > * % & : \\ ? . + /, not ending with a space',
    global: false,
  },
  // Consumption budgets: 1-63 letters, digits, "-" and "_".
  budget: { abbreviation: 'budget', minLength: 1, maxLength: 63, pattern: /^[A-Za-z0-9_-]+$/, charset: 'letters, digits, "-" and "_"', global: false },
} as const satisfies Record<string, NamingRule>;

export type ResourceKind = keyof typeof NAMING_RULES;

/** Why `name` breaks the rule for `kind`, or undefined when it is valid. */
export function namingProblem(kind: ResourceKind, name: string): string | undefined {
  const rule: NamingRule = NAMING_RULES[kind];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    return `is ${name.length} characters; ${kind} names must be ${rule.minLength}-${rule.maxLength}`;
  }
  if (!rule.pattern.test(name)) return `must contain only ${rule.charset}`;
  return undefined;
}
