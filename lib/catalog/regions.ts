/**
 * Azure public cloud regions (`az account list-locations --query "[].name"`), the
 * values `location` accepts. Logical-only regions (e.g. "global", "europe") are
 * excluded because resources cannot be deployed into them.
 */
export const AZURE_REGIONS: readonly string[] = [
  'australiacentral', 'australiacentral2', 'australiaeast', 'australiasoutheast',
  'austriaeast', 'belgiumcentral', 'brazilsouth', 'brazilsoutheast',
  'canadacentral', 'canadaeast', 'centralindia', 'centralus', 'chilecentral',
  'eastasia', 'eastus', 'eastus2', 'francecentral', 'francesouth',
  'germanynorth', 'germanywestcentral', 'indonesiacentral', 'israelcentral',
  'italynorth', 'japaneast', 'japanwest', 'jioindiacentral', 'jioindiawest',
  'koreacentral', 'koreasouth', 'malaysiawest', 'mexicocentral',
  'newzealandnorth', 'northcentralus', 'northeurope', 'norwayeast', 'norwaywest',
  'polandcentral', 'qatarcentral', 'southafricanorth', 'southafricawest',
  'southcentralus', 'southeastasia', 'southindia', 'spaincentral',
  'swedencentral', 'swedensouth', 'switzerlandnorth', 'switzerlandwest',
  'uaecentral', 'uaenorth', 'uksouth', 'ukwest', 'westcentralus',
  'westeurope', 'westindia', 'westus', 'westus2', 'westus3',
];

const REGION_SET = new Set(AZURE_REGIONS);

export function isAzureRegion(name: string): boolean {
  return REGION_SET.has(name);
}

/** Regions with availability zones: zonal resources (firewall, its public IP) spread over zones 1-3 there. */
const ZONAL_REGIONS = new Set([
  'australiaeast', 'austriaeast', 'belgiumcentral', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus',
  'chilecentral', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'indonesiacentral',
  'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'malaysiawest', 'mexicocentral',
  'newzealandnorth', 'northeurope', 'norwayeast', 'polandcentral', 'qatarcentral', 'southafricanorth',
  'southcentralus', 'southeastasia', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'uaenorth', 'uksouth',
  'westeurope', 'westus2', 'westus3',
]);

/** Availability zones to spread zonal resources over, or none where the region has no zones. */
export function availabilityZones(region: string): string[] {
  return ZONAL_REGIONS.has(region) ? ['1', '2', '3'] : [];
}
