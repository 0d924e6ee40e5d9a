import { z } from 'zod';
import { EMAIL, budget, costCenter, itemAccess, zoneAccess, zoneGovernance } from './governance-schema';
import { cidr, guid, itemName, shortName, zoneName } from './schema-fields';
import { SECURE_DEFAULTS } from '../catalog/secure-defaults';
import { servingIngress } from './serving-ingress-schema';
import { connectivity } from './connectivity-schema';
import { isAzureRegion } from '../catalog/regions';

/** The estate file's zones (schema.ts): the management zone, landing zones and their integrations and products. */

export const managementZone = z
  .strictObject({
    subscriptionId: guid('the management zone subscription').describe('Subscription of the data management zone.'),
    addressSpace: cidr.optional().describe('The hub network; at least a /22. @default the next free /16 of network.addressPool'),
    firewall: z
      .strictObject({
        tier: z.enum(['Standard', 'Premium']).default(SECURE_DEFAULTS.firewall.tier.value).describe('Premium adds IDPS in deny mode. @default Premium'),
      })
      .optional()
      .describe("The hub's Azure Firewall: the estate's only egress and its DNS proxy. Only with connectivity mode own-hub. @default tier Premium"),
    connectivity,
    purview: z
      .strictObject({
        rootCollectionAdmins: z.array(guid('an Entra object id')).max(100).default([]).describe('Entra object ids made Purview root collection admins.'),
      })
      .default({ rootCollectionAdmins: [] })
      .describe("The estate's Microsoft Purview account."),
    governance: zoneGovernance,
    budget: budget.describe('A monthly budget on the management zone subscription, with email alerts. @default none'),
  })
  .superRefine((zone, ctx) => {
    if (zone.connectivity.mode === 'existing-hub' && zone.firewall !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['firewall'],
        message:
          "configures the estate's own hub firewall, but connectivity.mode is existing-hub (the enterprise hub's firewall is used); remove firewall or set connectivity.mode: own-hub",
      });
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
  renamedFrom: renamedFrom.describe(
    "The integration's earlier name, or its earlier names oldest first, when it was renamed. Its Azure resources keep the names made from the first one (Azure cannot rename them) and its Terraform addresses move to the new name. Keep it in the file. @default never renamed",
  ),
  sources: z
    .array(z.string().min(1).max(256, { error: 'source descriptions are at most 256 characters' }))
    .min(1, { error: 'needs at least one source system' })
    .max(100)
    .describe('Free text naming the source systems it copies from.'),
  engine: z
    .enum(INTEGRATION_ENGINES)
    .describe(
      "databricks: jobs in the zone's shared Databricks workspace; data-factory: pipelines in a dedicated Data Factory; synapse: pipelines in the shared Synapse workspace with a dedicated Spark pool.",
    ),
  costCenter: costCenter.describe(
    "The costCenter tag of everything this integration deploys (its Spark pool, factory, identity, resource group). @default the zone's",
  ),
  access: itemAccess,
  budget: budget.describe("A monthly budget on this integration's own resource group, with email alerts. @default none"),
});

const dataProduct = z
  .strictObject({
    name: itemName.describe('Unique within the zone, across integrations and products.'),
    renamedFrom: renamedFrom.describe(
      "The product's earlier name, or its earlier names oldest first, when it was renamed. Its Azure resources keep the names made from the first one (Azure cannot rename them) and its Terraform addresses move to the new name. Keep it in the file. @default never renamed",
    ),
    template: z.enum(PRODUCT_TEMPLATES).describe('batch, analytics (Azure Machine Learning) or streaming.'),
    engine: z
      .enum(INTEGRATION_ENGINES)
      .optional()
      .describe('Where its pipelines or jobs run. @default data-factory for batch and analytics, synapse for streaming'),
    serving: z.enum(['aks']).optional().describe('analytics only: serve the model from an AKS cluster managed by Azure ML'),
    servingIngress,
    inputs: z
      .array(inputRef)
      .max(MAX_LIST_ITEMS)
      .default([])
      .describe('Integrations or products this product reads: "<name>" in this zone or "<zone>/<name>".'),
    costCenter: costCenter.describe("The costCenter tag of everything this product deploys. @default the zone's"),
    access: itemAccess,
    budget: budget.describe("A monthly budget on this product's own resource group, with email alerts. @default none"),
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
  })
  .superRefine((product, ctx) => {
    if (product.servingIngress && product.serving !== 'aks')
      ctx.addIssue({
        code: 'custom',
        path: ['servingIngress'],
        message: 'publishes the model served by AKS, but this product has no "serving: aks"; add serving: aks (template analytics) or remove servingIngress',
      });
  });

export const landingZone = z.strictObject({
  name: zoneName.describe('Unique in the estate; the stack is dlz-<name>. "dmlz" is reserved.'),
  shortName: shortName
    .optional()
    .describe('Used instead of the name inside length-limited global names (storage accounts, key vaults). @default the name without hyphens'),
  subscriptionId: guid('the landing zone subscription').describe('Subscription of the landing zone; zones may share one.'),
  location: z
    .string()
    .max(40)
    .refine(isAzureRegion, { error: 'is not an Azure region name (e.g. southeastasia, westeurope)' })
    .optional()
    .describe(
      "The zone's Azure region: its network and services live there and peer globally with the hub and the mesh (spec section 8). @default the estate's location",
    ),
  addressSpace: cidr.optional().describe('The spoke network; at least a /21. @default the next free /16 of network.addressPool'),
  sharedServices,
  dataIntegrations: z.array(dataIntegration).max(MAX_LIST_ITEMS).default([]).describe("Each lands one source system's data as-is (no transformation)."),
  dataProducts: z.array(dataProduct).max(MAX_LIST_ITEMS).default([]).describe('Each combines and transforms data into a new dataset or service.'),
  governance: zoneGovernance,
  access: zoneAccess,
  costCenter: costCenter.describe(
    "The costCenter tag of every resource of the zone; integrations and products may set their own. @default the estate's tags.costCenter",
  ),
  budget: budget.describe('A monthly budget on the landing zone subscription, with email alerts. @default none'),
});
