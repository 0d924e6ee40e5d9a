import { isAzureRegion } from './regions';

/**
 * Which services the estate deploys exist in which Azure region, as data with its sources, so
 * validation refuses a zone in a region without one of its services (lib/estate/region-checks.ts)
 * instead of `terraform apply` failing half way with LocationNotAvailableForResourceType.
 *
 * Rows list where a service IS available: a region missing from a row (including one added to
 * AZURE_REGIONS later) counts as lacking the service until a source says otherwise. Refusing a
 * region wrongly costs an edit here; accepting it wrongly costs a failed apply of a zone.
 *
 * Sources: the service's own region page where Microsoft publishes one (Databricks); otherwise
 * the Azure Resource Manager resource provider's locations for the resource type (what ARM checks
 * when it refuses a region), as snapshotted by Microsoft in Azure/PSRule.Rules.Azure
 * (`data/providers/<namespace>/types.json`). Microsoft's summary for every service is "Products
 * available by region" (PRODUCTS_BY_REGION); check a row there when refreshing it.
 *
 * Not listed, so never refused: Key Vault, Storage, SQL Database, Container Registry, Log
 * Analytics, virtual machines (self-hosted runtime hosts), Event Hubs and AKS. AKS spreads over
 * availability zones only where the region has them (regions.ts availabilityZones), which is
 * not a reason to refuse the region. Event Hubs' ARM snapshot is inconsistent (namespaces lack
 * brazilsoutheast where namespaces/authorizationrules list it), too weak to refuse regions on.
 * Stream Analytics and IoT Hub are not deployed (docs/data-products.md).
 */

export const PRODUCTS_BY_REGION = 'https://azure.microsoft.com/explore/global-infrastructure/products-by-region/';

export type RegionalService = 'purview' | 'azure-firewall-premium' | 'synapse' | 'databricks' | 'data-factory' | 'machine-learning';

export interface ServiceAvailability {
  readonly service: RegionalService;
  /** The product's name, for messages. */
  readonly label: string;
  /** Every region (AZURE_REGIONS names) where it is available; all others lack it. */
  readonly regions?: readonly string[];
  /** Or: the regions that lack it; every other Azure region has it. */
  readonly unavailableIn?: readonly string[];
  /** Where the list was read (https). */
  readonly source: string;
  /** What the source is, in a few words, for messages. */
  readonly basis: string;
  /** When the source was read (YYYY-MM-DD). */
  readonly checked: string;
}

/** Whitespace-separated region names: a row's list stays one readable block, not a line per region. */
function regionList(names: string): readonly string[] {
  return names.trim().split(/\s+/);
}

const PSRULE = 'https://github.com/Azure/PSRule.Rules.Azure/blob';

export const REGION_SERVICES: readonly ServiceAvailability[] = [
  {
    service: 'purview',
    label: 'Microsoft Purview',
    // Microsoft.Purview/accounts. An ARM refusal quoted in tayganr/purviewdemo#29 (2023-01) listed
    // 21 of these; the four added since are canadaeast, germanywestcentral, qatarcentral, swedencentral.
    regions: regionList(`
      australiaeast brazilsouth canadacentral canadaeast centralindia eastus eastus2 francecentral germanywestcentral japaneast
      koreacentral northeurope qatarcentral southafricanorth southcentralus southeastasia swedencentral switzerlandnorth uaenorth
      uksouth westcentralus westeurope westus westus2 westus3
    `),
    source: `${PSRULE}/78b64dbe390287b9e48661b0bb4468257201fe06/data/providers/microsoft.purview/types.json`,
    basis: 'the ARM locations of Microsoft.Purview/accounts',
    checked: '2026-12-07',
  },
  {
    service: 'azure-firewall-premium',
    label: 'Azure Firewall Premium',
    // "Supported regions": Premium is offered wherever Azure Firewall is; no region lacks the tier alone.
    unavailableIn: [],
    source: 'https://learn.microsoft.com/azure/firewall/premium-features#supported-regions',
    basis: 'Azure Firewall Premium features, "Supported regions"',
    checked: '2026-12-07',
  },
  {
    service: 'synapse',
    label: 'Azure Synapse Analytics',
    // Microsoft.Synapse/workspaces; privateLinkHubs and workspaces/bigDataPools list the same regions.
    regions: regionList(`
      australiaeast australiasoutheast brazilsouth canadacentral canadaeast centralindia centralus eastasia eastus eastus2
      francecentral germanywestcentral israelcentral italynorth japaneast japanwest koreacentral northcentralus northeurope norwayeast
      polandcentral qatarcentral southafricanorth southcentralus southindia southeastasia swedencentral switzerlandnorth switzerlandwest
      uaenorth uksouth ukwest westcentralus westeurope westus westus2 westus3
    `),
    source: `${PSRULE}/08d58379c4394f3c7d987ff605a2a54299552ab3/data/providers/microsoft.synapse/types.json`,
    basis: 'the ARM locations of Microsoft.Synapse workspaces and private link hubs',
    checked: '2026-12-07',
  },
  {
    service: 'databricks',
    label: 'Azure Databricks',
    // The page's table (China and US Gov regions dropped). ARM's Microsoft.Databricks snapshot
    // (PSRule.Rules.Azure cd87079f) lists the same regions but mexicocentral, added since.
    regions: regionList(`
      australiacentral australiacentral2 australiaeast australiasoutheast brazilsouth canadacentral canadaeast centralindia centralus
      eastasia eastus eastus2 francecentral germanywestcentral japaneast japanwest koreacentral mexicocentral northcentralus
      northeurope norwayeast qatarcentral southafricanorth southcentralus southeastasia southindia swedencentral switzerlandnorth
      switzerlandwest uaenorth uksouth ukwest westcentralus westeurope westindia westus westus2 westus3
    `),
    source: 'https://learn.microsoft.com/azure/databricks/resources/supported-regions',
    basis: 'the "Azure Databricks regions" page',
    checked: '2026-12-07',
  },
  {
    service: 'data-factory',
    label: 'Azure Data Factory',
    // Microsoft.DataFactory/factories (shared and dedicated factories alike).
    regions: regionList(`
      australiaeast australiasoutheast brazilsouth canadacentral canadaeast centralindia centralus eastasia eastus eastus2
      francecentral francesouth germanywestcentral israelcentral italynorth japaneast japanwest koreacentral mexicocentral
      northcentralus northeurope norwayeast polandcentral qatarcentral southafricanorth southcentralus southindia southeastasia
      spaincentral swedencentral switzerlandnorth switzerlandwest uaenorth uksouth ukwest westcentralus westeurope westus westus2 westus3
    `),
    source: `${PSRULE}/6472ffb8151abb42a940f0b32220d63482ebc7d6/data/providers/microsoft.datafactory/types.json`,
    basis: 'the ARM locations of Microsoft.DataFactory/factories',
    checked: '2026-12-07',
  },
  {
    service: 'machine-learning',
    label: 'Azure Machine Learning',
    // Microsoft.MachineLearningServices workspaces and their sub-resources (all list the same regions).
    regions: regionList(`
      australiaeast australiasoutheast brazilsouth canadacentral canadaeast centralindia centralus eastasia eastus eastus2
      francecentral germanywestcentral japaneast japanwest jioindiawest koreacentral northcentralus northeurope norwayeast
      polandcentral qatarcentral southafricanorth southcentralus southindia southeastasia swedencentral switzerlandnorth uaenorth
      uksouth ukwest westcentralus westeurope westus westus2 westus3
    `),
    source: `${PSRULE}/2adfe3840880f25e09746c924358a8c61dff8638/data/providers/microsoft.machinelearningservices/types.json`,
    basis: 'the ARM locations of Microsoft.MachineLearningServices/workspaces',
    checked: '2026-12-07',
  },
];

const BY_SERVICE = new Map(REGION_SERVICES.map((row) => [row.service, row]));

/** The row of a service (every RegionalService has one). */
export function serviceAvailability(service: RegionalService): ServiceAvailability {
  const row = BY_SERVICE.get(service);
  if (!row) throw new Error(`internal: no region data for ${service}`);
  return row;
}

/** Whether `service` can be deployed in `region` (an AZURE_REGIONS name), per its row. */
export function serviceAvailableIn(service: RegionalService, region: string): boolean {
  const row = serviceAvailability(service);
  if (row.regions) return row.regions.includes(region);
  return isAzureRegion(region) && !(row.unavailableIn ?? []).includes(region);
}
