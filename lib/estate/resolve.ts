import { EstateNaming } from '../naming/naming';
import { landingZoneNames, managementZoneNames, MANAGEMENT_ZONE_KEY } from '../naming/zone-names';
import { format } from '../network/cidr';
import type { AddressPlan } from '../network/address-plan';
import { DEFAULT_ADDRESS_POOL } from '../network/address-pool';
import { EstateLock } from './lock/estate-lock';
import { lockedSubnets } from './lock/lock-allocations';
import { deploymentOrder } from './lock/locked-zones';
import { landingZoneSubnetDefinitions, managementZoneSubnetDefinitions, placeSubnets } from '../network/subnet-layout';
import { zoneCode } from './derived-names';
import * as path from 'path';
import { AvnmScope, azureNameBase, Backend, DataProduct, Estate, EstateNetwork, LandingZone, ManagementZone, stackNameOf } from './model';
import type { DataProductNames } from '../naming/item-names';
import { DEFAULT_PRODUCT_ENGINE, EstateFile, LandingZoneFile, parseInputRef } from './schema';
import { BUILT_IN_POLICY_PREFIX } from '../catalog/policy-definitions';
import type { ZonePolicyFile } from './governance-schema';
import { GovernanceNames, governanceNames } from '../naming/governance-names';
import type { Connectivity, DataIntegration, ItemAccess, ZoneGovernance } from './model';
import { ConnectivityFile, parseResourceId } from './connectivity-schema';
import { SECURE_DEFAULTS } from '../catalog/secure-defaults';

/** What resolving each landing zone needs of the estate as a whole. */
interface ResolveContext {
  readonly naming: EstateNaming;
  readonly estateCostCenter?: string;
  readonly byZone: ReadonlyMap<string, LandingZoneFile>;
  readonly lock?: EstateLock;
  /** A landing zone's space by file position (1-based; 0 is the management zone's). */
  readonly spaceOf: (position: number) => AddressSpace;
  readonly lockedSpaceOf: (position: number) => string | undefined;
  readonly fileIndex: ReadonlyMap<string, number>;
  /** The estate's region: every zone's unless it names its own. */
  readonly location: string;
}

type AddressSpace = Parameters<typeof format>[0];

/** Builds the resolved model from a file that passed every check. */
// (helper C) The address plan comes from validation (semanticChecks), which planned it once.
export function resolveEstate(file: EstateFile, plan: AddressPlan, lock?: EstateLock): Estate {
  if (plan.problems.length) throw new Error(`internal: address plan failed after validation: ${plan.problems[0].message}`);
  const pool = file.network.addressPool ?? DEFAULT_ADDRESS_POOL;
  const naming = new EstateNaming(file.estate, file.environment, file.managementZone.subscriptionId);
  const context: ResolveContext = {
    naming,
    estateCostCenter: file.tags?.costCenter,
    byZone: new Map(file.landingZones.map((z) => [z.name, z])),
    lock,
    spaceOf: (i) => plan.spaces[i]!.cidr,
    lockedSpaceOf: (i) => plan.spaces[i]!.lockedSpace,
    // Spaces by file position; the model lists landing zones in deployment order (locked-zones.ts).
    fileIndex: new Map(file.landingZones.map((z, i) => [z.name, i])),
    location: file.location,
  };
  const landingZones = deploymentOrder(file.landingZones, lock).map((zone, index) => resolveLandingZone(zone, index, context));
  return {
    estate: file.estate,
    environment: file.environment,
    location: file.location,
    regions: [...new Set([file.location, ...landingZones.map((zone) => zone.location)])],
    tags: file.tags ?? {},
    backend: resolveBackend(file),
    network: resolveNetwork(file, pool, landingZones),
    naming,
    managementZone: resolveManagementZone(file, context, landingZones),
    landingZones,
    suppressions: file.suppressions.map((s, i) => ({ ...s, path: `suppressions[${i}]` })),
  };
}

function resolveManagementZone(file: EstateFile, context: ResolveContext, landingZones: readonly LandingZone[]): ManagementZone {
  const { naming, spaceOf, lockedSpaceOf } = context;
  const managementSubnets = placeSubnets(spaceOf(0), managementZoneSubnetDefinitions());
  const webAuthRegions = databricksWebAuthRegions(file.location, landingZones, context.lock);
  return {
    stackName: MANAGEMENT_ZONE_KEY,
    subscriptionId: file.managementZone.subscriptionId.toLowerCase(),
    addressSpace: format(spaceOf(0)),
    ...(lockedSpaceOf(0) ? { lockedAddressSpace: lockedSpaceOf(0) } : {}),
    subnets: managementSubnets,
    governance: resolveGovernance(
      file.managementZone.governance.policy,
      context.estateCostCenter,
      file.managementZone.budget,
      governanceNames(naming, MANAGEMENT_ZONE_KEY, file.managementZone.governance.policy),
    ),
    firewall: file.managementZone.firewall ?? { tier: SECURE_DEFAULTS.firewall.tier.value },
    connectivity: resolveConnectivity(file.managementZone.connectivity),
    purview: file.managementZone.purview,
    names: managementZoneNames(
      naming,
      managementSubnets,
      webAuthRegions.filter((region) => region !== file.location),
    ),
    databricksWebAuthRegions: webAuthRegions,
  };
}

/** The connectivity section after validation: an existing hub's ids split into their parts. */
function resolveConnectivity(file: ConnectivityFile): Connectivity {
  if (file.mode === 'own-hub') return { mode: 'own-hub' };
  const hub = parseResourceId(file.hubVirtualNetworkId!);
  const zones = file.privateDnsZones!;
  return {
    mode: 'existing-hub',
    hub: { virtualNetworkId: file.hubVirtualNetworkId!, ...hub },
    firewallPrivateIp: file.firewallPrivateIp!,
    dnsServers: file.dnsServers ?? [file.firewallPrivateIp!],
    ...(file.firewallPolicyId ? { firewallPolicy: { id: file.firewallPolicyId, subscriptionId: parseResourceId(file.firewallPolicyId).subscriptionId } } : {}),
    ...(file.firewallPublicIp ? { firewallPublicIp: file.firewallPublicIp } : {}),
    createHubPeerings: file.createHubPeerings,
    privateDnsZones: { subscriptionId: zones.subscriptionId.toLowerCase(), resourceGroupName: zones.resourceGroupName, managedByPolicy: zones.managedByPolicy },
  };
}

/**
 * The regions with a web-auth workspace: each where a landing zone runs Databricks. Once
 * deployed, a region's workspace stays while the lock records it, even when no landing zone
 * there runs Databricks any more: a Databricks workspace is a data store the guard keeps (it
 * costs nothing without clusters), and a zone may bring Databricks back.
 */
function databricksWebAuthRegions(location: string, landingZones: readonly LandingZone[], lock: EstateLock | undefined): string[] {
  const used = landingZones.filter((zone) => zone.sharedServices.databricks).map((zone) => zone.location);
  const regions = new Set([...used, ...lockedWebAuthRegions(lock, location)]);
  const ordered = [location, ...landingZones.map((zone) => zone.location), ...regions];
  return [...new Set(ordered)].filter((region) => regions.has(region));
}

/** The regions of the web-auth workspaces the lock records (the estate region's sits at an address without one). */
function lockedWebAuthRegions(lock: EstateLock | undefined, location: string): string[] {
  const dmlz = lock?.zones.find((zone) => zone.stack === MANAGEMENT_ZONE_KEY);
  return Object.keys(dmlz?.dataStores ?? {}).flatMap((address) => {
    const match = /^azurerm_databricks_workspace\.management-zone_databricks-web-auth(?:-([a-z0-9]+))?_/.exec(address);
    return match ? [match[1] ?? location] : [];
  });
}

function resolveLandingZone(zone: LandingZoneFile, index: number, context: ResolveContext): LandingZone {
  const { naming, lock } = context;
  const position = context.fileIndex.get(zone.name)! + 1;
  const items = [...zone.dataIntegrations, ...zone.dataProducts];
  const nameBases = Object.fromEntries(items.map((i) => [i.name, azureNameBase({ name: i.name, previousNames: i.renamedFrom })]));
  const subnets = placeSubnets(
    context.spaceOf(position),
    landingZoneSubnetDefinitions(
      zone.dataIntegrations.map((i) => i.name),
      zone.dataProducts.map((p) => p.name),
      nameBases,
    ),
    lockedSubnets(
      lock,
      zone.name,
      items.map((i) => ({ name: i.name, previousNames: i.renamedFrom })),
    ),
  );
  const code = zoneCode(zone);
  const budgeted = items.filter((i) => i.budget).map((i) => i.name);
  const governance = resolveGovernance(
    zone.governance.policy,
    zone.costCenter ?? context.estateCostCenter,
    zone.budget,
    governanceNames(naming, zone.name, zone.governance.policy, budgeted, nameBases),
  );
  const names = landingZoneNames(naming, landingZoneNameInputs(zone, code, nameBases), subnets);
  const item = <T extends { costCenter?: string; access?: Partial<ItemAccess>; budget?: DataIntegration['budget'] }>(i: T) => ({
    ...i,
    costCenter: i.costCenter ?? governance.costCenter,
    access: { dataEngineers: i.access?.dataEngineers ?? [], dataReaders: i.access?.dataReaders ?? [] },
  });
  return {
    index,
    name: zone.name,
    location: zone.location ?? context.location,
    code,
    stackName: stackNameOf(zone.name),
    subscriptionId: zone.subscriptionId.toLowerCase(),
    addressSpace: format(context.spaceOf(position)),
    ...(context.lockedSpaceOf(position) ? { lockedAddressSpace: context.lockedSpaceOf(position) } : {}),
    subnets,
    sharedServices: zone.sharedServices,
    dataIntegrations: zone.dataIntegrations.map(({ renamedFrom, ...i }) =>
      item({ ...i, previousNames: renamedFrom ?? [], names: names.dataIntegrations[i.name] }),
    ),
    dataProducts: zone.dataProducts.map((p) => item(resolveProduct(zone, p, context.byZone, names.dataProducts[p.name]))),
    governance,
    access: { zoneAdmins: zone.access?.zoneAdmins ?? [], dataEngineers: zone.access?.dataEngineers ?? [], dataReaders: zone.access?.dataReaders ?? [] },
    names,
  };
}

/** What a zone's names are made from: its items, their name bases and their variants. */
function landingZoneNameInputs(zone: LandingZoneFile, code: string, nameBases: Record<string, string>) {
  return {
    name: zone.name,
    code,
    dataIntegrations: zone.dataIntegrations.map((i) => i.name),
    dataProducts: zone.dataProducts.map((p) => p.name),
    nameBases,
    integrationEngines: Object.fromEntries(zone.dataIntegrations.map((i) => [i.name, i.engine])),
    productKinds: Object.fromEntries(
      zone.dataProducts.map((p) => [p.name, { template: p.template, engine: p.engine ?? DEFAULT_PRODUCT_ENGINE[p.template], serving: p.serving }]),
    ),
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

function resolveProduct(
  zone: LandingZoneFile,
  product: LandingZoneFile['dataProducts'][number],
  byZone: ReadonlyMap<string, LandingZoneFile>,
  names: DataProductNames,
): DataProduct {
  return {
    name: product.name,
    names,
    previousNames: product.renamedFrom ?? [],
    template: product.template,
    engine: product.engine ?? DEFAULT_PRODUCT_ENGINE[product.template],
    ...(product.serving ? { serving: product.serving } : {}),
    ...(product.servingIngress ? { servingIngress: product.servingIngress } : {}),
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
      assignments: policy.assignments.map((a) => ({
        ...a,
        definitionId: a.definitionId.startsWith('/') ? a.definitionId : `${BUILT_IN_POLICY_PREFIX}${a.definitionId.toLowerCase()}`,
      })),
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
