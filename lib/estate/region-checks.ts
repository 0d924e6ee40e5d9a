import { RegionalService, serviceAvailability, serviceAvailableIn } from '../catalog/region-services';
import { EstateProblem } from '../util/problems';
import { Estate, LandingZone } from './model';

/**
 * Every zone's region has the services the zone deploys (lib/catalog/region-services.ts), so a
 * zone in a region without one fails validation, naming zone, service and region, rather than
 * failing `terraform apply`. One problem per zone and service: the management zone's first,
 * then the landing zones in file order (`zoneOrder`, the landing zone names in file order).
 */
export function regionServiceProblems(estate: Estate, zoneOrder: readonly string[]): EstateProblem[] {
  const position = (zone: LandingZone) => zoneOrder.indexOf(zone.name);
  const zones = [...estate.landingZones].sort((a, b) => position(a) - position(b));
  return [...managementZoneProblems(estate), ...zones.flatMap((zone) => landingZoneProblems(estate, zone, position(zone)))];
}

interface ManagementUse {
  readonly service: RegionalService;
  readonly what: string;
  /** A fix other than moving the estate. */
  readonly fix?: string;
}

/**
 * What the management zone deploys that not every region has. The Databricks web-auth workspaces
 * are not here: one follows each region whose landing zones run Databricks, which those zones'
 * own check covers.
 */
function managementUses(estate: Estate): ManagementUse[] {
  const zone = estate.managementZone;
  const uses: ManagementUse[] = [
    { service: 'purview', what: "Microsoft Purview (the estate's data catalog)" },
    { service: 'synapse', what: 'the Synapse private link hub (Azure Synapse Analytics)' },
  ];
  // Only its own hub has a firewall; an enterprise hub's tier is not the estate's to choose.
  if (zone.connectivity.mode === 'own-hub' && zone.firewall.tier === 'Premium')
    uses.push({
      service: 'azure-firewall-premium',
      what: 'Azure Firewall Premium (managementZone.firewall.tier: Premium)',
      fix: 'set managementZone.firewall.tier: Standard',
    });
  return uses;
}

function managementZoneProblems(estate: Estate): EstateProblem[] {
  const region = estate.location;
  return managementUses(estate)
    .filter((use) => !serviceAvailableIn(use.service, region))
    .map((use) => ({
      path: 'location',
      message:
        `the management zone deploys ${use.what} in ${region}, where ${serviceAvailability(use.service).label} is not available; ` +
        `${use.fix ? `${use.fix}, or ` : ''}choose another location for the estate (landing zones without a location of their own move with it) ${citation(use.service)}`,
    }));
}

/** Why a landing zone deploys a service: its shared service, and the items that need it. */
interface ZoneUse {
  readonly service: RegionalService;
  readonly sharedKey?: keyof LandingZone['sharedServices'];
  readonly integrations: readonly string[];
  readonly products: readonly string[];
  /** How an item stops needing it. */
  readonly itemFix: string;
}

function zoneUses(zone: LandingZone): ZoneUse[] {
  const onEngine = (engine: string) => ({
    integrations: zone.dataIntegrations.filter((i) => i.engine === engine).map((i) => i.name),
    products: zone.dataProducts.filter((p) => p.engine === engine).map((p) => p.name),
    itemFix: 'another engine for',
  });
  const uses: ZoneUse[] = [
    { service: 'databricks', sharedKey: zone.sharedServices.databricks ? 'databricks' : undefined, ...onEngine('databricks') },
    { service: 'data-factory', sharedKey: zone.sharedServices.dataFactory ? 'dataFactory' : undefined, ...onEngine('data-factory') },
    { service: 'synapse', sharedKey: zone.sharedServices.synapse ? 'synapse' : undefined, ...onEngine('synapse') },
    {
      service: 'machine-learning',
      integrations: [],
      products: zone.dataProducts.filter((p) => p.template === 'analytics').map((p) => p.name),
      itemFix: 'another template for',
    },
  ];
  return uses.filter((use) => use.sharedKey || use.integrations.length || use.products.length);
}

function landingZoneProblems(estate: Estate, zone: LandingZone, position: number): EstateProblem[] {
  const region = zone.location;
  const own = `landingZones[${position}].location`;
  // The model keeps only the resolved region: one unlike the estate's is the zone's own setting.
  const ownRegion = region !== estate.location;
  const move = ownRegion ? `move the zone to a region that has it (${own})` : `give the zone a region of its own (${own}) or move the estate (location)`;
  return zoneUses(zone)
    .filter((use) => !serviceAvailableIn(use.service, region))
    .map((use) => {
      const label = serviceAvailability(use.service).label;
      return {
        path: ownRegion ? own : 'location',
        message: `landing zone "${zone.name}" deploys ${label} (${reasons(use).join('; ')}) in ${region}, where it is not available; ${move}, or stop using it there (${fixes(use).join('; ')}) ${citation(use.service)}`,
      };
    });
}

function items(use: ZoneUse): string[] {
  return [
    ...(use.integrations.length ? [`dataIntegrations ${use.integrations.join(', ')}`] : []),
    ...(use.products.length ? [`dataProducts ${use.products.join(', ')}`] : []),
  ];
}

function reasons(use: ZoneUse): string[] {
  return [...(use.sharedKey ? [`sharedServices.${use.sharedKey}`] : []), ...items(use)];
}

function fixes(use: ZoneUse): string[] {
  const moved = items(use);
  return [...(use.sharedKey ? [`sharedServices.${use.sharedKey}: false`] : []), ...(moved.length ? [`${use.itemFix} ${moved.join(' and ')}`] : [])];
}

/** Where the availability data comes from, so a stale row can be checked and corrected. */
function citation(service: RegionalService): string {
  const row = serviceAvailability(service);
  return `(lib/catalog/region-services.ts, from ${row.basis}, checked ${row.checked})`;
}
