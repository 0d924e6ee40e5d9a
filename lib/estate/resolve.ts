import { EstateNaming } from '../naming/naming';
import { landingZoneNames, managementZoneNames, MANAGEMENT_ZONE_KEY } from '../naming/zone-names';
import { format } from '../network/cidr';
import { landingZoneSlotsNeeded, managementZoneSlotsNeeded, planAddresses } from '../network/address-plan';
import { landingZoneSubnetDefinitions, managementZoneSubnetDefinitions, placeSubnets } from '../network/subnet-layout';
import { zoneCode } from './derived-names';
import { DataProduct, Estate, LandingZone, stackNameOf } from './model';
import { DEFAULT_PRODUCT_ENGINE, EstateFile, LandingZoneFile, parseInputRef } from './schema';
import { DEFAULT_ADDRESS_POOL } from './semantic-checks';

/** Builds the resolved model from a file that passed every check. */
export function resolveEstate(file: EstateFile, poolExplicit: boolean): Estate {
  const pool = file.network.addressPool ?? DEFAULT_ADDRESS_POOL;
  const plan = planAddresses({
    pool,
    poolExplicit,
    zones: [
      { path: 'managementZone', addressSpace: file.managementZone.addressSpace, slotsNeeded: managementZoneSlotsNeeded() },
      ...file.landingZones.map((z, i) => ({
        path: `landingZones[${i}]`,
        addressSpace: z.addressSpace,
        slotsNeeded: landingZoneSlotsNeeded(z.dataIntegrations.length, z.dataProducts.length),
      })),
    ],
  });
  if (plan.problems.length) throw new Error(`internal: address plan failed after validation: ${plan.problems[0].message}`);
  const spaceOf = (i: number) => plan.spaces[i]!.cidr;
  const naming = new EstateNaming(file.estate, file.environment, file.managementZone.subscriptionId);

  const managementSubnets = placeSubnets(spaceOf(0), managementZoneSubnetDefinitions());
  const managementZone = {
    stackName: MANAGEMENT_ZONE_KEY,
    subscriptionId: file.managementZone.subscriptionId.toLowerCase(),
    addressSpace: format(spaceOf(0)),
    subnets: managementSubnets,
    firewall: file.managementZone.firewall,
    purview: file.managementZone.purview,
    names: managementZoneNames(naming, managementSubnets),
  };

  const byZone = new Map(file.landingZones.map((z) => [z.name, z]));
  const landingZones = file.landingZones.map((zone, index): LandingZone => {
    const subnets = placeSubnets(
      spaceOf(index + 1),
      landingZoneSubnetDefinitions(zone.dataIntegrations.map((i) => i.name), zone.dataProducts.map((p) => p.name)),
    );
    const code = zoneCode(zone);
    return {
      index,
      name: zone.name,
      code,
      stackName: stackNameOf(zone.name),
      subscriptionId: zone.subscriptionId.toLowerCase(),
      addressSpace: format(spaceOf(index + 1)),
      subnets,
      sharedServices: zone.sharedServices,
      dataIntegrations: zone.dataIntegrations,
      dataProducts: zone.dataProducts.map((p) => resolveProduct(zone, p, byZone)),
      names: landingZoneNames(
        naming,
        {
          name: zone.name,
          code,
          dataIntegrations: zone.dataIntegrations.map((i) => i.name),
          dataProducts: zone.dataProducts.map((p) => p.name),
          integrationEngines: Object.fromEntries(zone.dataIntegrations.map((i) => [i.name, i.engine])),
          productKinds: Object.fromEntries(
            zone.dataProducts.map((p) => [p.name, { template: p.template, engine: p.engine ?? DEFAULT_PRODUCT_ENGINE[p.template], serving: p.serving }]),
          ),
        },
        subnets,
      ),
    };
  });

  return {
    estate: file.estate,
    environment: file.environment,
    location: file.location,
    tags: file.tags ?? {},
    backend: file.backend,
    network: { addressPool: pool, topology: file.network.topology },
    naming,
    managementZone,
    landingZones,
    suppressions: file.suppressions.map((s, i) => ({ ...s, path: `suppressions[${i}]` })),
  };
}

function resolveProduct(zone: LandingZoneFile, product: LandingZoneFile['dataProducts'][number], byZone: Map<string, LandingZoneFile>): DataProduct {
  return {
    name: product.name,
    template: product.template,
    engine: product.engine ?? DEFAULT_PRODUCT_ENGINE[product.template],
    ...(product.serving ? { serving: product.serving } : {}),
    inputs: product.inputs.map((input) => {
      const { zone: zoneName, name } = parseInputRef(input, zone.name);
      const source = zoneName === zone.name ? zone : byZone.get(zoneName)!;
      const kind = source.dataIntegrations.some((i) => i.name === name) ? 'integration' : 'product';
      return { zone: zoneName, name, kind };
    }),
  };
}
