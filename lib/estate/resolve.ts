import { EstateNaming } from '../naming/naming';
import { landingZoneNames, managementZoneNames, MANAGEMENT_ZONE_KEY } from '../naming/zone-names';
import { format } from '../network/cidr';
import { planAddresses } from '../network/address-plan';
import { EstateLock } from './lock/estate-lock';
import { addressPlanInput, lockedSubnets } from './lock/lock-allocations';
import { deploymentOrder } from './lock/locked-zones';
import { landingZoneSubnetDefinitions, managementZoneSubnetDefinitions, placeSubnets } from '../network/subnet-layout';
import { zoneCode } from './derived-names';
import * as path from 'path';
import { AvnmScope, azureNameBase, Backend, DataProduct, Estate, EstateNetwork, LandingZone, stackNameOf } from './model';
import { DEFAULT_PRODUCT_ENGINE, EstateFile, LandingZoneFile, parseInputRef } from './schema';
import { DEFAULT_ADDRESS_POOL } from './semantic-checks';
import { BUILT_IN_POLICY_PREFIX } from '../catalog/policy-definitions';
import type { ZonePolicyFile } from './governance-schema';
import { GovernanceNames, governanceNames } from '../naming/governance-names';
import type { DataIntegration, ItemAccess, ZoneGovernance } from './model';

/** Builds the resolved model from a file that passed every check. */
export function resolveEstate(file: EstateFile, poolExplicit: boolean, lock?: EstateLock): Estate {
  const pool = file.network.addressPool ?? DEFAULT_ADDRESS_POOL;
  const plan = planAddresses(
    addressPlanInput(
      {
        pool,
        poolExplicit,
        managementZone: { path: 'managementZone', addressSpace: file.managementZone.addressSpace },
        landingZones: file.landingZones.map((z, i) => ({
          path: `landingZones[${i}]`,
          name: z.name,
          addressSpace: z.addressSpace,
          items: [...z.dataIntegrations, ...z.dataProducts].map((item) => ({ name: item.name, previousNames: item.renamedFrom })),
        })),
      },
      lock,
    ),
  );
  if (plan.problems.length) throw new Error(`internal: address plan failed after validation: ${plan.problems[0].message}`);
  // Spaces by file position; the model lists landing zones in deployment order (locked-zones.ts).
  const fileIndex = new Map(file.landingZones.map((z, i) => [z.name, i]));
  const spaceOf = (i: number) => plan.spaces[i]!.cidr;
  const lockedSpaceOf = (i: number) => plan.spaces[i]!.lockedSpace;
  const naming = new EstateNaming(file.estate, file.environment, file.managementZone.subscriptionId);

  const estateCostCenter = file.tags?.costCenter;
  const managementSubnets = placeSubnets(spaceOf(0), managementZoneSubnetDefinitions());
  const managementZone = {
    stackName: MANAGEMENT_ZONE_KEY,
    subscriptionId: file.managementZone.subscriptionId.toLowerCase(),
    addressSpace: format(spaceOf(0)),
    ...(lockedSpaceOf(0) ? { lockedAddressSpace: lockedSpaceOf(0) } : {}),
    subnets: managementSubnets,
    governance: resolveGovernance(file.managementZone.governance.policy, estateCostCenter, file.managementZone.budget, governanceNames(naming, MANAGEMENT_ZONE_KEY, file.managementZone.governance.policy)),
    firewall: file.managementZone.firewall,
    purview: file.managementZone.purview,
    names: managementZoneNames(naming, managementSubnets),
  };

  const byZone = new Map(file.landingZones.map((z) => [z.name, z]));
  const landingZones = deploymentOrder(file.landingZones, lock).map((zone, index): LandingZone => {
    const position = fileIndex.get(zone.name)! + 1;
    const nameBases = Object.fromEntries([...zone.dataIntegrations, ...zone.dataProducts].map((i) => [i.name, azureNameBase({ name: i.name, previousNames: i.renamedFrom })]));
    const subnets = placeSubnets(
      spaceOf(position),
      landingZoneSubnetDefinitions(zone.dataIntegrations.map((i) => i.name), zone.dataProducts.map((p) => p.name), nameBases),
      lockedSubnets(lock, zone.name, [...zone.dataIntegrations, ...zone.dataProducts].map((i) => ({ name: i.name, previousNames: i.renamedFrom }))),
    );
    const code = zoneCode(zone);
    const budgeted = [...zone.dataIntegrations, ...zone.dataProducts].filter((i) => i.budget).map((i) => i.name);
    const governance = resolveGovernance(zone.governance.policy, zone.costCenter ?? estateCostCenter, zone.budget, governanceNames(naming, zone.name, zone.governance.policy, budgeted, nameBases));
    const item = <T extends { costCenter?: string; access?: Partial<ItemAccess>; budget?: DataIntegration['budget'] }>(i: T) => ({
      ...i,
      costCenter: i.costCenter ?? governance.costCenter,
      access: { dataEngineers: i.access?.dataEngineers ?? [], dataReaders: i.access?.dataReaders ?? [] },
    });
    return {
      index,
      name: zone.name,
      code,
      stackName: stackNameOf(zone.name),
      subscriptionId: zone.subscriptionId.toLowerCase(),
      addressSpace: format(spaceOf(position)),
      ...(lockedSpaceOf(position) ? { lockedAddressSpace: lockedSpaceOf(position) } : {}),
      subnets,
      sharedServices: zone.sharedServices,
      dataIntegrations: zone.dataIntegrations.map(({ renamedFrom, ...i }) => item({ ...i, previousNames: renamedFrom ?? [] })),
      dataProducts: zone.dataProducts.map((p) => item(resolveProduct(zone, p, byZone))),
      governance,
      access: { zoneAdmins: zone.access?.zoneAdmins ?? [], dataEngineers: zone.access?.dataEngineers ?? [], dataReaders: zone.access?.dataReaders ?? [] },
      names: landingZoneNames(
        naming,
        {
          name: zone.name,
          code,
          dataIntegrations: zone.dataIntegrations.map((i) => i.name),
          dataProducts: zone.dataProducts.map((p) => p.name),
          nameBases,
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
    backend: resolveBackend(file),
    network: resolveNetwork(file, pool, landingZones),
    naming,
    managementZone,
    landingZones,
    suppressions: file.suppressions.map((s, i) => ({ ...s, path: `suppressions[${i}]` })),
  };
}

/**
 * The topology, and for avnm the network manager scope: the management subscription plus
 * the explicit lists, or without lists every distinct subscription of the estate in deployment order.
 */
function resolveNetwork(file: EstateFile, pool: string, landingZones: readonly LandingZone[]): EstateNetwork {
  if (file.network.topology !== 'avnm') return { addressPool: pool, topology: file.network.topology };
  const options = file.network.avnm;
  const explicit = !!(options?.managementGroupIds?.length || options?.subscriptionIds?.length);
  const avnmScope: AvnmScope = explicit
    ? {
        managementGroupIds: options?.managementGroupIds ?? [],
        // The hub lives in the management subscription: always in scope, so the hub and spoke configuration can peer it.
        subscriptionIds: [...new Set([file.managementZone.subscriptionId, ...(options?.subscriptionIds ?? [])].map((id) => id.toLowerCase()))],
        explicit,
      }
    : {
        managementGroupIds: [],
        subscriptionIds: [...new Set([file.managementZone.subscriptionId, ...landingZones.map((z) => z.subscriptionId)].map((id) => id.toLowerCase()))],
        explicit,
      };
  return { addressPool: pool, topology: 'avnm', avnmScope };
}

function resolveProduct(zone: LandingZoneFile, product: LandingZoneFile['dataProducts'][number], byZone: Map<string, LandingZoneFile>): DataProduct {
  return {
    name: product.name,
    previousNames: product.renamedFrom ?? [],
    template: product.template,
    engine: product.engine ?? DEFAULT_PRODUCT_ENGINE[product.template],
    ...(product.serving ? { serving: product.serving } : {}),
    ...(product.costCenter ? { costCenter: product.costCenter } : {}),
    ...(product.budget ? { budget: product.budget } : {}),
    ...(product.team ? { teamEmail: product.team.email } : {}),
    access: { dataEngineers: product.access?.dataEngineers ?? [], dataReaders: product.access?.dataReaders ?? [] },
    inputs: product.inputs.map((input) => {
      const { zone: zoneName, name } = parseInputRef(input, zone.name);
      const source = zoneName === zone.name ? zone : byZone.get(zoneName)!;
      const kind = source.dataIntegrations.some((i) => i.name === name) ? 'integration' : 'product';
      return { zone: zoneName, name, kind };
    }),
  };
}

/** A zone's policy, cost center and budget; extra assignments get full definition ids. */
function resolveGovernance(policy: ZonePolicyFile, costCenter: string | undefined, budget: ZoneGovernance['budget'], names: GovernanceNames): ZoneGovernance {
  return {
    names,
    policy: {
      effect: policy.effect,
      assignments: policy.assignments.map((a) => ({ ...a, definitionId: a.definitionId.startsWith('/') ? a.definitionId : `${BUILT_IN_POLICY_PREFIX}${a.definitionId.toLowerCase()}` })),
      exemptions: policy.exemptions,
    },
    ...(costCenter ? { costCenter } : {}),
    ...(budget ? { budget } : {}),
  };
}

/** Each estate and environment gets its own state folder (local) or key prefix (azurerm). */
function resolveBackend(file: EstateFile): Backend {
  const own = `${file.estate}-${file.environment}`;
  if (file.backend.type === 'local') return { type: 'local', stateDirectory: path.join(file.backend.stateDirectory, own) };
  const { keyPrefix, ...azurerm } = file.backend;
  return { ...azurerm, keyPrefix: keyPrefix ?? `${file.estate}/${file.environment}` };
}
