/**
 * The private DNS zones the management zone hosts for the whole estate (the
 * reference's 46, AzureCloud suffixes resolved). The reference hard-codes the
 * region-specific zones for northeurope and westeurope; here they follow the
 * estate's region, so an estate gets the 40 global zones plus 3 for its region.
 */
export const GLOBAL_PRIVATE_DNS_ZONES: readonly string[] = [
  'privatelink.afs.azure.net',
  'privatelink.analysis.windows.net',
  'privatelink.api.azureml.ms',
  'privatelink.azure-automation.net',
  'privatelink.azure-devices.net',
  'privatelink.adf.azure.com',
  'privatelink.azurecr.io',
  'privatelink.azuredatabricks.net',
  'privatelink.azuresynapse.net',
  'privatelink.azurewebsites.net',
  'privatelink.blob.core.windows.net',
  'privatelink.cassandra.cosmos.azure.com',
  'privatelink.cognitiveservices.azure.com',
  'privatelink.database.windows.net',
  'privatelink.datafactory.azure.net',
  'privatelink.dev.azuresynapse.net',
  'privatelink.dfs.core.windows.net',
  'privatelink.documents.azure.com',
  'privatelink.eventgrid.azure.net',
  'privatelink.file.core.windows.net',
  'privatelink.gremlin.cosmos.azure.com',
  'privatelink.mariadb.database.azure.com',
  'privatelink.mongo.cosmos.azure.com',
  'privatelink.mysql.database.azure.com',
  'privatelink.notebooks.azure.net',
  'privatelink.pbidedicated.windows.net',
  'privatelink.postgres.database.azure.com',
  'privatelink.purview.azure.com',
  'privatelink.purviewstudio.azure.com',
  'privatelink.queue.core.windows.net',
  'privatelink.redis.cache.windows.net',
  'privatelink.search.windows.net',
  'privatelink.service.signalr.net',
  'privatelink.servicebus.windows.net',
  'privatelink.sql.azuresynapse.net',
  'privatelink.table.core.windows.net',
  'privatelink.table.cosmos.azure.com',
  'privatelink.prod.powerquery.microsoft.com',
  'privatelink.vaultcore.azure.net',
  'privatelink.web.core.windows.net',
];

/** Every zone for an estate in `region`: the global ones, then the region's. */
export function privateDnsZoneNames(region: string): string[] {
  return [
    ...GLOBAL_PRIVATE_DNS_ZONES,
    `privatelink.${region}.azmk8s.io`,
    `privatelink.${region}.batch.azure.com`,
    `${region}.privatelink.redisenterprise.cache.azure.net`,
  ];
}

/** Every zone for an estate using `regions`: the global ones, then each region's (the estate's region first). */
export function privateDnsZoneNamesFor(regions: readonly string[]): string[] {
  return [...new Set(regions.flatMap((region) => privateDnsZoneNames(region)))];
}

/**
 * The id of an enterprise private DNS zone (estate `connectivity.privateDnsZones`): private
 * DNS zones are global resources named after the zone, so the id follows from where they live.
 */
export function enterpriseZoneId(subscriptionId: string, resourceGroupName: string, zoneName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/privateDnsZones/${zoneName}`;
}

/** The id of a zone the management zone hosts; a missing one is a programming error, not user input. */
export function zoneId(zoneIds: Readonly<Record<string, string>>, zoneName: string): string {
  const id = zoneIds[zoneName];
  if (!id) throw new Error(`private DNS zone ${zoneName} is not hosted by the management zone`);
  return id;
}
