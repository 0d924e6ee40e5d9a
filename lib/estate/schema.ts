import { z } from 'zod';
import { cidrProblem, contains, parseCidr } from '../network/cidr';
import { isAzureRegion } from '../catalog/regions';
import { suppressions } from './suppression-schema';
import { EMAIL, budget, costCenter, itemAccess, zoneAccess, zoneGovernance } from './governance-schema';

/**
 * The estate file's shape (spec section 1), checked with zod. Every object is
 * strict so a typo'd key is an error, never silently ignored. Cross-field rules
 * (uniqueness, overlaps, inputs, derived names) live in semantic-checks.ts.
 * The `.describe()` texts document each field and feed the format reference.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const guid = (what: string) =>
  z.string().regex(GUID, { error: `must be a GUID like 00000000-0000-0000-0000-000000000000 (${what})` });

export const cidr = z
  .string()
  .max(18, { error: 'is not an IPv4 CIDR block like 10.1.0.0/16' })
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Landing zone names: spec says 2-12 chars of [a-z0-9-] starting with a letter. */
export const zoneName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,11}$/, { error: 'must be 2-12 characters of a-z, 0-9 and "-", starting with a letter' })
  .regex(/^(?!.*--)(?!.*-$)/, { error: 'must not end with "-" or contain "--" (Azure resource names built from it would be invalid)' })
  .refine((name) => name !== 'dmlz', { error: 'is reserved for the data management zone; choose another name' });

/** Stands in for a zone name inside length-limited global names. */
export const shortName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,11}$/, { error: 'must be 1-12 characters of a-z and 0-9, starting with a letter' });

/**
 * Integration and product names: [a-z0-9-], they become container, subnet and resource
 * group names. The spec says 2-24 characters, but its own example product
 * `cloud-service-recommender` has 25, so up to 32 are accepted (every derived name is
 * still checked against Azure's limits).
 */
export const ITEM_NAME_MAX = 32;
export const itemName = z
  .string()
  .regex(new RegExp(`^[a-z0-9][a-z0-9-]{1,${ITEM_NAME_MAX - 1}}$`), { error: `must be 2-${ITEM_NAME_MAX} characters of a-z, 0-9 and "-", not starting with "-"` })
  .regex(/^(?!.*--)(?!.*-$)/, { error: 'must not end with "-" or contain "--" (storage container names built from it would be invalid)' });

/** Most subscriptions an explicit network manager scope may list. */
const MAX_SCOPE_SUBSCRIPTIONS = 1000;

const TAG_KEY = /^[^<>%&\\?/]{1,512}$/;

export const RESERVED_TAG_KEYS = ['estate', 'environment', 'zone', 'managed-by'] as const;

const tags = z
  .record(
    z.string().regex(TAG_KEY, { error: 'tag names are 1-512 characters without < > % & \\ ? /' }),
    z.string().max(256, { error: 'tag values are at most 256 characters' }),
  )
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'reserved: the synthesizer sets this tag on every resource; choose another tag name' });
      }
    }
    if (Object.keys(value).length > 40) {
      ctx.addIssue({ code: 'custom', message: 'at most 40 estate tags (Azure allows 50 per resource and the synthesizer adds its own)' });
    }
  })
  .describe('Merged into every taggable resource, plus the estate, environment, zone and managed-by tags.');

const localBackend = z.strictObject({
  type: z.literal('local').describe('One state file per zone in a local directory.'),
  stateDirectory: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[^\0\n\r"]+$/, { error: 'must be a plain path' })
    .default('terraform-state')
    .describe('Directory holding a folder per estate and environment (<estate>-<environment>/) with one <stack>.tfstate per zone, relative to where synth runs. @default terraform-state'),
});

const azurermBackend = z.strictObject({
  type: z.literal('azurerm').describe('Each zone\'s state as <keyPrefix>/<stack>.tfstate in an Azure storage container, with Entra ID auth (use_azuread_auth).'),
  resourceGroupName: z
    .string()
    .regex(/^[-\w._()]{1,90}$/, { error: 'must be a resource group name (1-90 characters)' })
    .describe('Resource group of the state storage account.'),
  storageAccountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/, { error: 'must be 3-24 lowercase letters and digits' })
    .describe('The state storage account.'),
  containerName: z
    .string()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, { error: 'must be a 3-63 character container name of a-z, 0-9 and single hyphens' })
    .describe('The blob container holding the state files.'),
  subscriptionId: guid('the subscription holding the state storage account')
    .optional()
    .describe('Subscription of the state storage account. @default the subscription of the deploying identity'),
  keyPrefix: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/, {
      error: 'must be blob path segments of letters, digits, ".", "_" and "-" separated by single "/", with no leading or trailing "/"',
    })
    .optional()
    .describe('Folder of the state files in the container, so estates and environments never share state. @default <estate>/<environment>'),
});

const backend = z
  .discriminatedUnion('type', [localBackend, azurermBackend], {
    error: 'type must be "local" or "azurerm"',
  })
  .default({ type: 'local', stateDirectory: 'terraform-state' })
  .describe('Where each zone\'s Terraform state lives. azurerm uses Entra ID auth only; no keys or SAS tokens.');

/** How zones are connected (docs/topology.md). */
export const NETWORK_TOPOLOGIES = ['peering', 'avnm'] as const;
export type NetworkTopology = (typeof NETWORK_TOPOLOGIES)[number];

/** An Azure management group id (its name, not the resource id): 1-90 characters of letters, digits, "-", "_", ".", "(" and ")". */
const managementGroupId = z
  .string()
  .regex(/^[-\w.()]{1,90}$/, { error: 'must be a management group id (its name, e.g. mg-analytics): 1-90 letters, digits, "-", "_", ".", "(" and ")"' })
  .regex(/[^.]$/, { error: 'must not end with "."' });

const avnmOptions = z
  .strictObject({
    managementGroupIds: z
      .array(managementGroupId)
      .min(1)
      .max(100)
      .optional()
      .describe('Management groups the network manager manages (recommended: the one holding every landing zone subscription). Appending a landing zone then never changes the dmlz stack.'),
    subscriptionIds: z
      .array(guid('a subscription in the network manager scope'))
      .min(1)
      .max(MAX_SCOPE_SUBSCRIPTIONS)
      .optional()
      .describe('Subscriptions the network manager manages; must include every landing zone subscription, present and future, for dmlz to stay unchanged when a zone is appended.'),
  })
  .describe('The Virtual Network Manager scope. Without either list it is every distinct subscription of the estate, so appending a zone in a new subscription changes the dmlz stack (scope only).');

/** The private IPv4 ranges of RFC 1918: an address pool lies inside one unless the estate opts out. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
/** The largest address pool: a /8 holds 256 zones of a /16 each. */
export const LARGEST_POOL_PREFIX = 8;

/** What is wrong with a (valid CIDR) address pool, as a problem of the network mapping, or undefined. */
function addressPoolProblem(pool: string, allowNonPrivate: boolean): { path: string[]; message: string } | undefined {
  if (cidrProblem(pool)) return undefined; // reported on the field already
  const block = parseCidr(pool);
  const fix = 'use a private range such as 10.0.0.0/8 (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)';
  if (block.prefix < LARGEST_POOL_PREFIX) {
    return { path: ['addressPool'], message: `is larger than a /${LARGEST_POOL_PREFIX}: every zone is numbered from the pool and the hub firewall passes traffic from all of it; ${fix}` };
  }
  const isPrivate = PRIVATE_RANGES.some((range) => contains(parseCidr(range), block));
  if (!isPrivate && !allowNonPrivate) {
    return {
      path: ['addressPool'],
      message: `is not a private range (RFC 1918); ${fix}, or, for shared (100.64.0.0/10) or public space your organisation owns, set network.allowNonPrivateAddressPool: true`,
    };
  }
  if (isPrivate && allowNonPrivate) {
    return { path: ['allowNonPrivateAddressPool'], message: `is not needed: network.addressPool ${pool} is a private range (RFC 1918); remove it` };
  }
  return undefined;
}

const network = z
  .strictObject({
    addressPool: cidr.default('10.0.0.0/8').describe('Zones without addressSpace get the next free /16 from this pool, in file order; the hub firewall passes traffic from all of it. A private range (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, RFC 1918) of at most a /8, unless allowNonPrivateAddressPool is true. @default 10.0.0.0/8'),
    topology: z
      .enum(NETWORK_TOPOLOGIES)
      .default('peering')
      .describe(
        'peering: hub and full mesh of virtual network peerings, each landing zone peering with the hub and every earlier zone (zones deploy one after another). avnm: Azure Virtual Network Manager in the management zone connects the hub and every landing zone (hub and spoke, spokes directly connected); each landing zone only joins its network group, so zones deploy in parallel. See docs/topology.md. @default peering',
      ),
    avnm: avnmOptions.optional().describe('Only with topology avnm: the Virtual Network Manager\'s scope. @default the distinct subscriptions of the estate (management zone first, then landing zones in file order)'),
    allowNonPrivateAddressPool: z
      .boolean()
      .optional()
      .describe(
        'true: network.addressPool may lie outside the private ranges of RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), e.g. in the shared address space 100.64.0.0/10 or in public space your organisation owns. Every zone network is then numbered from it, and the hub firewall passes traffic from all of it. @default false',
      ),
  })
  .superRefine((value, ctx) => {
    if (value.avnm && value.topology !== 'avnm') ctx.addIssue({ code: 'custom', path: ['avnm'], message: 'network.avnm applies only to topology avnm (network.topology is peering); remove it or set network.topology: avnm' });
    const problem = addressPoolProblem(value.addressPool, value.allowNonPrivateAddressPool === true);
    if (problem) ctx.addIssue({ code: 'custom', ...problem });
  })
  .default({ addressPool: '10.0.0.0/8', topology: 'peering' })
  .describe('Address planning and the network topology.');

const managementZone = z.strictObject({
  subscriptionId: guid('the management zone subscription').describe('Subscription of the data management zone.'),
  addressSpace: cidr.optional().describe('The hub network; at least a /22. @default the next free /16 of network.addressPool'),
  firewall: z
    .strictObject({
      tier: z.enum(['Standard', 'Premium']).default('Premium').describe('Premium adds IDPS in deny mode. @default Premium'),
    })
    .default({ tier: 'Premium' })
    .describe('The hub\'s Azure Firewall: the estate\'s only egress and its DNS proxy.'),
  purview: z
    .strictObject({
      rootCollectionAdmins: z.array(guid('an Entra object id')).max(100).default([]).describe('Entra object ids made Purview root collection admins.'),
    })
    .default({ rootCollectionAdmins: [] })
    .describe('The estate\'s Microsoft Purview account.'),
  governance: zoneGovernance,
  budget: budget.describe('A monthly budget on the management zone subscription, with email alerts. @default none'),
})
  .describe('The data management landing zone (stack dmlz): hub network, firewall, private DNS, governance, monitoring.');

const sharedServices = z
  .strictObject({
    databricks: z.boolean().default(true).describe('Shared Azure Databricks workspaces (and their delegated subnets).'),
    dataFactory: z.boolean().default(true).describe('Shared Azure Data Factory.'),
    synapse: z.boolean().default(true).describe('Shared Azure Synapse workspace.'),
    eventHub: z.boolean().default(false).describe('Shared Event Hubs namespace.'),
    selfHostedIntegrationRuntime: z.boolean().default(false).describe('Self-hosted integration runtime for on-premises sources.'),
  })
  .default({ databricks: true, dataFactory: true, synapse: true, eventHub: false, selfHostedIntegrationRuntime: false })
  .describe('What the shared "Ingest & Processing" and shared product resource groups hold.');

/** Most landing zones an estate may list (each is a stack; 500 is far beyond any organisation's). */
export const MAX_LANDING_ZONES = 500;
/** Most integrations, products or inputs one list may hold (a zone's subnets run out long before). */
export const MAX_LIST_ITEMS = 200;

export const INTEGRATION_ENGINES = ['databricks', 'data-factory', 'synapse'] as const;
export const PRODUCT_TEMPLATES = ['batch', 'analytics', 'streaming'] as const;

/** The engine a data product runs on when the estate names none. */
export const DEFAULT_PRODUCT_ENGINE = { batch: 'data-factory', analytics: 'data-factory', streaming: 'synapse' } as const;

/** What a product reads: an integration or product of its zone by name, or of another zone as `<zone>/<name>`. */
export const inputRef = z
  .string()
  .max(64, { error: 'must be "<name>" or "<zone>/<name>"' })
  .regex(/^(?:[a-z][a-z0-9-]*\/)?[a-z0-9][a-z0-9-]*$/, { error: 'must be "<name>" or "<zone>/<name>" (one "/" at most, names of a-z, 0-9 and "-")' });

/** Splits a valid input reference; a bare name belongs to `ownZone`. */
export function parseInputRef(value: string, ownZone: string): { zone: string; name: string; crossZone: boolean } {
  const slash = value.indexOf('/');
  return slash < 0 ? { zone: ownZone, name: value, crossZone: false } : { zone: value.slice(0, slash), name: value.slice(slash + 1), crossZone: true };
}

/** Most earlier names one item may list (each rename adds one). */
export const MAX_PREVIOUS_NAMES = 20;

/**
 * An item's earlier names, oldest first: a single name or a list. Azure cannot rename
 * resource groups, lakes' containers, vaults or servers, so the item keeps the Azure names
 * made from its first name, and its Terraform addresses move to the new name through
 * `moved` blocks (docs/renames.md). Normalized to a list.
 */
const renamedFrom = z
  .union([itemName, z.array(itemName).min(1, { error: 'list at least one earlier name, or remove renamedFrom' }).max(MAX_PREVIOUS_NAMES)], {
    error: 'write the earlier name, or a list of earlier names oldest first',
  })
  .transform((value) => (typeof value === 'string' ? [value] : value))
  .optional();

const dataIntegration = z.strictObject({
  name: itemName.describe('Unique within the zone, across integrations and products.'),
  renamedFrom: renamedFrom.describe('The integration\'s earlier name, or its earlier names oldest first, when it was renamed. Its Azure resources keep the names made from the first one (Azure cannot rename them) and its Terraform addresses move to the new name. Keep it in the file. @default never renamed'),
  sources: z
    .array(z.string().min(1).max(256, { error: 'source descriptions are at most 256 characters' }))
    .min(1, { error: 'needs at least one source system' })
    .max(100)
    .describe('Free text naming the source systems it copies from.'),
  engine: z
    .enum(INTEGRATION_ENGINES)
    .describe('databricks: jobs in the zone\'s shared Databricks workspace; data-factory: pipelines in a dedicated Data Factory; synapse: pipelines in the shared Synapse workspace with a dedicated Spark pool.'),
  costCenter: costCenter.describe('The costCenter tag of everything this integration deploys (its Spark pool, factory, identity, resource group). @default the zone\'s'),
  access: itemAccess,
  budget: budget.describe('A monthly budget on this integration\'s own resource group, with email alerts. @default none'),
});

const dataProduct = z.strictObject({
  name: itemName.describe('Unique within the zone, across integrations and products.'),
  renamedFrom: renamedFrom.describe('The product\'s earlier name, or its earlier names oldest first, when it was renamed. Its Azure resources keep the names made from the first one (Azure cannot rename them) and its Terraform addresses move to the new name. Keep it in the file. @default never renamed'),
  template: z.enum(PRODUCT_TEMPLATES).describe('batch, analytics (Azure Machine Learning) or streaming.'),
  engine: z.enum(INTEGRATION_ENGINES).optional().describe('Where its pipelines or jobs run. @default data-factory for batch and analytics, synapse for streaming'),
  serving: z.enum(['aks']).optional().describe('analytics only: serve the model from an AKS cluster managed by Azure ML'),
  inputs: z
    .array(inputRef)
    .max(MAX_LIST_ITEMS)
    .default([])
    .describe('Integrations or products this product reads: "<name>" in this zone or "<zone>/<name>".'),
  costCenter: costCenter.describe('The costCenter tag of everything this product deploys. @default the zone\'s'),
  access: itemAccess,
  budget: budget.describe('A monthly budget on this product\'s own resource group, with email alerts. @default none'),
  team: z
    .strictObject({
      email: z
        .string()
        .max(254)
        .regex(EMAIL, { error: 'must be an email address like sales-analytics@example.com' })
        .describe('Where alerts on failed runs of the product go (Data Factory pipelines or its Spark pool).'),
    })
    .optional()
    .describe('The team owning the product. @default none: no alerts are deployed'),
});

const landingZone = z.strictObject({
  name: zoneName.describe('Unique in the estate; the stack is dlz-<name>. "dmlz" is reserved.'),
  shortName: shortName
    .optional()
    .describe('Used instead of the name inside length-limited global names (storage accounts, key vaults). @default the name without hyphens'),
  subscriptionId: guid('the landing zone subscription').describe('Subscription of the landing zone; zones may share one.'),
  addressSpace: cidr.optional().describe('The spoke network; at least a /21. @default the next free /16 of network.addressPool'),
  sharedServices,
  dataIntegrations: z
    .array(dataIntegration)
    .max(MAX_LIST_ITEMS)
    .default([])
    .describe('Each lands one source system\'s data as-is (no transformation).'),
  dataProducts: z
    .array(dataProduct)
    .max(MAX_LIST_ITEMS)
    .default([])
    .describe('Each combines and transforms data into a new dataset or service.'),
  governance: zoneGovernance,
  access: zoneAccess,
  costCenter: costCenter.describe('The costCenter tag of every resource of the zone; integrations and products may set their own. @default the estate\'s tags.costCenter'),
  budget: budget.describe('A monthly budget on the landing zone subscription, with email alerts. @default none'),
});

export const estateSchema = z.strictObject({
  estate: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,9}$/, { error: 'must be 2-10 characters of a-z and 0-9, starting with a letter' })
    .describe('Prefix of every name.'),
  environment: z.enum(['dev', 'test', 'prod']).describe('Part of every name (as dev, tst, prd) and a tag on every resource.'),
  location: z
    .string()
    .max(40)
    .refine(isAzureRegion, { error: 'is not an Azure region name (e.g. westeurope, eastus2)' })
    .describe('The Azure region of every zone; unknown regions are errors.'),
  tags: tags.optional(),
  backend,
  network,
  managementZone,
  landingZones: z
    .array(landingZone)
    .max(MAX_LANDING_ZONES)
    .default([])
    .describe('One data landing zone per business unit (stack dlz-<name>), in deployment order; an estate may start with none.'),
  suppressions,
});

/** The estate file after schema validation and defaults. */
export type EstateFile = z.infer<typeof estateSchema>;
export type LandingZoneFile = EstateFile['landingZones'][number];
export type DataIntegrationFile = LandingZoneFile['dataIntegrations'][number];
export type DataProductFile = LandingZoneFile['dataProducts'][number];
export type BackendFile = EstateFile['backend'];
export type IntegrationEngine = (typeof INTEGRATION_ENGINES)[number];
export type ProductTemplate = (typeof PRODUCT_TEMPLATES)[number];
