import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { databricksSccRelays } from '../lib/catalog/firewall-rules';
import { GLOBAL_PRIVATE_DNS_ZONES } from '../lib/catalog/private-dns-zones';
import { DataLossError } from '../lib/lock/address-guard';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { all, dnsZone, findResource, locate, pathOf, privateEndpointsTo, ref, ResourceBody } from './helpers/stack-query';
import { loadShippedEstate, StackJson, synth, SynthesizedEstate } from './helpers/synth';

/**
 * Landing zones in other regions (landingZones[].location, spec section 8), asserted on the
 * synthesized Terraform: a zone's resources live in its region, dmlz hosts every region's
 * regional DNS zones, SCC relay rules and Databricks web-auth workspace, the baseline admits the
 * regions sharing a subscription, AVNM commits in every region, and the lock guards a move.
 * Availability of services per region is tested in region-services.test.ts.
 */

const WE = 'westeurope';
const SEA = 'southeastasia';
const APAC_SUBSCRIPTION = '00000000-0000-0000-0000-000000000004';

/** The regional private DNS zones of one region (the global ones are the same for every region). */
const regionalZones = (region: string) => [
  `privatelink.${region}.azmk8s.io`,
  `privatelink.${region}.batch.azure.com`,
  `${region}.privatelink.redisenterprise.cache.azure.net`,
];

/** relecloud (westeurope) with a third zone in southeastasia, own subscription, running Databricks and a served analytics product. */
function withApac(estate: Record<string, any>): Record<string, any> {
  estate.landingZones.push({
    name: 'apac',
    location: SEA,
    subscriptionId: APAC_SUBSCRIPTION,
    dataIntegrations: [{ name: 'sensors', sources: ['iot-hub'], engine: 'databricks' }],
    dataProducts: [{ name: 'forecast', template: 'analytics', serving: 'aks', inputs: ['sensors'] }],
  });
  return estate;
}

/** relecloud with billing (no Databricks anywhere in it) in southeastasia, sharing operations' subscription. */
function withBillingInSoutheastAsia(estate: Record<string, any>): Record<string, any> {
  const [operations, billing] = estate.landingZones;
  if (billing.sharedServices.databricks !== false) throw new Error('relecloud billing is expected to run no Databricks');
  Object.assign(billing, { location: SEA, subscriptionId: operations.subscriptionId });
  return estate;
}

const avnm = (estate: Record<string, any>) => ({ ...estate, network: { ...estate.network, topology: 'avnm' } });

const base = synth(loadShippedEstate('relecloud'));
const two = synth(withApac(loadShippedEstate('relecloud')));
const shared = synth(avnm(withBillingInSoutheastAsia(loadShippedEstate('relecloud'))));

/** [type, body] of every resource of a stack. */
function typed(stack: StackJson): [string, ResourceBody][] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byId]) =>
    Object.values(byId).map((body) => [type, body as ResourceBody] as [string, ResourceBody]),
  );
}

/** Every distinct `<type> <location>` of a stack's resources that have a location, among those `where` selects. */
function locations(stack: StackJson, where: (type: string, body: ResourceBody) => boolean = () => true): string[] {
  return [
    ...new Set(
      typed(stack)
        .filter(([type, body]) => 'location' in body && where(type, body))
        .map(([type, body]) => `${type} ${body.location}`),
    ),
  ].sort();
}

/** The regions of a stack's baseline assignment (`listOfAllowedLocations`), exactly one per stack. */
function allowedLocations(stack: StackJson): string[] {
  const found = all(stack, 'azurerm_subscription_policy_assignment')
    .map((a) => (a.parameters ? JSON.parse(a.parameters) : {}))
    .filter((p) => p.listOfAllowedLocations);
  expect(found).toHaveLength(1);
  return found[0].listOfAllowedLocations.value;
}

/** The hub firewall's SCC relay rule (Databricks-ApplicationRule-001). */
function sccRelayRule(dmlz: StackJson): ResourceBody {
  const rules = all(dmlz, 'azurerm_firewall_policy_rule_collection_group')
    .flatMap((group) => group.application_rule_collection ?? [])
    .flatMap((collection: ResourceBody) => collection.rule)
    .filter((rule: ResourceBody) => rule.name === 'Databricks-ApplicationRule-001');
  expect(rules).toHaveLength(1);
  return rules[0];
}

/** A zone's peerings, without cdktf metadata, with the zone's own name written as `<zone>`, in a stable order. */
function peerings(stack: StackJson, zone: string): string[] {
  return all(stack, 'azurerm_virtual_network_peering')
    .map(({ '//': _metadata, ...body }) => JSON.stringify(body).replaceAll(zone, '<zone>'))
    .sort();
}

describe('a landing zone in another region (relecloud in westeurope, apac in southeastasia)', () => {
  const { dmlz, 'dlz-operations': operations, 'dlz-billing': billing, 'dlz-apac': apac } = two.stacks;
  const regionalWebAuth = (body: ResourceBody) => pathOf(body).includes(`/databricks-web-auth-${SEA}/`);

  it("puts every resource of the zone in its region (the Data Factory Azure runtimes' AutoResolve aside), its network included", () => {
    expect(all(apac).filter((r) => 'location' in r).length).toBeGreaterThan(50);
    expect(locations(apac, (type) => type !== 'azurerm_data_factory_integration_runtime_azure')).toEqual(
      expect.arrayContaining(['azurerm_virtual_network', 'azurerm_storage_account', 'azurerm_kubernetes_cluster'].map((type) => `${type} ${SEA}`)),
    );
    expect(new Set(locations(apac, (type) => type !== 'azurerm_data_factory_integration_runtime_azure').map((l) => l.split(' ')[1]))).toEqual(new Set([SEA]));
    expect(locations(apac, (type) => type === 'azurerm_data_factory_integration_runtime_azure')).toEqual([
      'azurerm_data_factory_integration_runtime_azure AutoResolve',
    ]);
    expect(locate(apac, 'azurerm_virtual_network').body.location).toBe(SEA);
  });

  it('keeps the other zones and dmlz in the estate region; only the regional web-auth workspace and its network are in southeastasia', () => {
    for (const stack of [operations, billing]) {
      expect(new Set(locations(stack, (type) => type !== 'azurerm_data_factory_integration_runtime_azure').map((l) => l.split(' ')[1]))).toEqual(new Set([WE]));
    }
    expect(locations(dmlz, (_type, body) => !regionalWebAuth(body)).every((l) => l.endsWith(` ${WE}`))).toBe(true);
    // The regional workspace's endpoint sits in the hub (westeurope); the rest of its construct in southeastasia.
    expect(locations(dmlz, (_type, body) => regionalWebAuth(body))).toEqual([
      `azurerm_databricks_workspace ${SEA}`,
      `azurerm_network_security_group ${SEA}`,
      `azurerm_private_endpoint ${WE}`,
      `azurerm_virtual_network ${SEA}`,
    ]);
  });

  it('peers the zone with dmlz and every earlier zone in both directions, exactly as a zone of the estate region (global peering)', () => {
    // Each network by the id its zone's stack gives it (the estate's names: docs/topology.md).
    const network = (zone: string, subscription: string) => {
      const vnet = locate(two.stacks[`dlz-${zone}`]!, 'azurerm_virtual_network').body;
      const resourceGroup = findResource(two.stacks[`dlz-${zone}`]!, 'azurerm_resource_group', { name: `rg-relecloud-prd-${zone}-network` });
      return `/subscriptions/${subscription}/resourceGroups/${resourceGroup.name}/providers/Microsoft.Network/virtualNetworks/${vnet.name}`;
    };
    // billing (westeurope) peers with dmlz and operations; apac with those two the same way, and with billing too. A zone's
    // stack holds both sides of its peering with the hub, and its own side of its peering with each earlier zone.
    const name = (peering: string): string => JSON.parse(peering).name;
    expect(peerings(apac, 'apac').map(name)).toEqual(['peer-billing', 'peer-dmlz', 'peer-operations', 'peer-<zone>']);
    expect(peerings(apac, 'apac').filter((p) => name(p) !== 'peer-billing')).toEqual(peerings(billing, 'billing'));
    const [toBilling] = peerings(apac, 'apac').filter((p) => name(p) === 'peer-billing');
    const [toOperations] = peerings(apac, 'apac').filter((p) => name(p) === 'peer-operations');
    expect(JSON.parse(toOperations!)).toMatchObject({
      provider: 'azurerm',
      remote_virtual_network_id: network('operations', '00000000-0000-0000-0000-000000000002'),
    });
    expect(JSON.parse(toBilling!)).toEqual({
      ...JSON.parse(toOperations!),
      name: 'peer-billing',
      remote_virtual_network_id: network('billing', '00000000-0000-0000-0000-000000000003'),
    });
    // Earlier zones' stacks hold nothing for a later one.
    expect(peerings(billing, 'billing').some((p) => p.includes('apac'))).toBe(false);
    // The other side is in the earlier zone's peering stack, towards apac's network by its id, as billing's with operations.
    const farSides = (earlierZone: string) =>
      all(two.stacks[`peerings-${earlierZone}`]!, 'azurerm_virtual_network_peering')
        .map(({ '//': _metadata, ...body }) => body)
        .sort((a, b) => a.name.localeCompare(b.name));
    const [operationsToApac, operationsToBilling] = farSides('operations');
    expect(operationsToBilling).toMatchObject({ name: 'peer-billing', remote_virtual_network_id: network('billing', '00000000-0000-0000-0000-000000000003') });
    expect(operationsToApac).toEqual({ ...operationsToBilling, name: 'peer-apac', remote_virtual_network_id: network('apac', APAC_SUBSCRIPTION) });
    expect(farSides('billing')).toEqual([
      { ...operationsToApac, resource_group_name: 'rg-relecloud-prd-billing-network', virtual_network_name: 'vnet-relecloud-prd-billing' },
    ]);
    expect(farSides('apac')).toEqual([]);
  });

  it("hosts both regions' regional private DNS zones in dmlz, each once, with the global zones, and exports them", () => {
    const names = all(dmlz, 'azurerm_private_dns_zone').map((z) => z.name);
    expect(names.slice().sort()).toEqual([...GLOBAL_PRIVATE_DNS_ZONES, ...regionalZones(WE), ...regionalZones(SEA)].sort());
    const exported = dmlz.output!.private_dns_zone_ids.value as Record<string, string>;
    for (const zone of [...regionalZones(WE), ...regionalZones(SEA)]) {
      expect(exported[zone]).toBe(ref(dmlz, 'azurerm_private_dns_zone', { name: zone }));
    }
  });

  it("points the served product's AKS cluster at southeastasia's azmk8s zone from dmlz's remote state (westeurope's stays on its own)", () => {
    const cluster = findResource(apac, 'azurerm_kubernetes_cluster', { name: 'aks-relecloud-prd-apac-forecast' });
    expect(cluster.location).toBe(SEA);
    expect(cluster.private_dns_zone_id).toBe(dnsZone(`privatelink.${SEA}.azmk8s.io`));
    expect(locate(operations, 'azurerm_kubernetes_cluster').body.private_dns_zone_id).toBe(dnsZone(`privatelink.${WE}.azmk8s.io`));
  });

  it("allows both regions' Databricks SCC relays through the hub firewall", () => {
    const fqdns = sccRelayRule(dmlz).destination_fqdns;
    expect(fqdns).toEqual([...databricksSccRelays(WE), ...databricksSccRelays(SEA)]);
    expect(fqdns).toEqual(expect.arrayContaining(['tunnel.westeurope.azuredatabricks.net', 'tunnel.southeastasia.azuredatabricks.net']));
  });

  it('adds a web-auth workspace in southeastasia, injected into an unpeered network of its own region, its endpoint in the hub', () => {
    expect(
      all(dmlz, 'azurerm_databricks_workspace')
        .map((w) => w.location)
        .sort(),
    ).toEqual([SEA, WE]);
    const workspace = locate(dmlz, 'azurerm_databricks_workspace', { location: SEA });
    const vnet = locate(dmlz, 'azurerm_virtual_network', { location: SEA });
    expect(workspace.body.custom_parameters.virtual_network_id).toBe(`\${${vnet.address}.id}`);
    for (const subnet of all(dmlz, 'azurerm_subnet').filter((s) => s.virtual_network_name === `\${${vnet.address}.name}`)) {
      expect(subnet.delegation[0].service_delegation.name).toBe('Microsoft.Databricks/workspaces');
    }
    // Not peered, not linked to any DNS zone: nothing in the estate refers to the network but its own subnets and workspace.
    for (const stack of Object.values(two.stacks)) {
      expect(JSON.stringify(all(stack, 'azurerm_virtual_network_peering'))).not.toContain(vnet.address);
      expect(JSON.stringify(all(stack, 'azurerm_private_dns_zone_virtual_network_link'))).not.toContain(vnet.address);
    }
    const endpoints = privateEndpointsTo(dmlz, `\${${workspace.address}.id}`);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({
      location: WE,
      subnet_id: ref(dmlz, 'azurerm_subnet', { name: 'snet-services' }),
      private_service_connection: { subresource_names: ['browser_authentication'] },
      private_dns_zone_group: { private_dns_zone_ids: [ref(dmlz, 'azurerm_private_dns_zone', { name: 'privatelink.azuredatabricks.net' })] },
    });
  });

  it("admits only the zone's own region in its own subscription, and both web-auth regions in dmlz's", () => {
    expect(allowedLocations(apac)).toEqual([SEA, 'global']);
    expect(allowedLocations(operations)).toEqual([WE, 'global']);
    expect(allowedLocations(billing)).toEqual([WE, 'global']);
    expect(allowedLocations(dmlz)).toEqual([WE, SEA, 'global']);
  });
});

describe('a one-region estate (relecloud as shipped)', () => {
  it("hosts only its region's regional DNS zones, allows its own SCC relays, and admits only its region", () => {
    const { dmlz } = base.stacks;
    expect(
      all(dmlz, 'azurerm_private_dns_zone')
        .map((z) => z.name)
        .sort(),
    ).toEqual([...GLOBAL_PRIVATE_DNS_ZONES, ...regionalZones(WE)].sort());
    expect(sccRelayRule(dmlz).destination_fqdns).toEqual([...databricksSccRelays(WE)]);
    // Each zone's stack assigns its subscription's baseline; the peering stacks (docs/topology.md) hold peerings only, which have no location.
    const zoneStacks = Object.keys(base.stacks).filter((name) => !name.startsWith('peerings-'));
    expect(zoneStacks).toEqual(['dmlz', 'dlz-operations', 'dlz-billing']);
    for (const name of zoneStacks) expect(allowedLocations(base.stacks[name]!)).toEqual([WE, 'global']);
    for (const name of ['peerings-operations', 'peerings-billing'])
      expect(Object.keys(base.stacks[name]!.resource ?? {}).filter((type) => type !== 'azurerm_virtual_network_peering')).toEqual([]);
    expect(all(dmlz, 'azurerm_databricks_workspace').map((w) => w.location)).toEqual([WE]);
  });
});

describe('appending a landing zone in a new region', () => {
  const address = (type: string, body: ResourceBody) => `${type}.${body['//'].metadata.uniqueId}`;

  it('leaves the existing landing zone stacks byte-identical', () => {
    for (const stack of ['dlz-operations', 'dlz-billing']) expect(two.text[stack]).toBe(base.text[stack]);
  });

  it("changes dmlz (the documented trade-off): the new region's DNS zones and web-auth workspace are added, nothing is removed", () => {
    expect(two.text.dmlz).not.toBe(base.text.dmlz);
    const before = new Map(typed(base.stacks.dmlz).map(([type, body]) => [address(type, body), body]));
    const after = new Map(typed(two.stacks.dmlz).map(([type, body]) => [address(type, body), body]));
    expect([...before.keys()].filter((a) => !after.has(a))).toEqual([]);
    const added = [...after].filter(([a]) => !before.has(a)).map(([, body]) => body.name);
    expect(added).toEqual(expect.arrayContaining([...regionalZones(SEA), 'dbw-relecloud-prd-dmlz-webauth-southeastasia']));
    expect(added.filter((name) => typeof name === 'string' && name.includes(WE))).toEqual([]);
  });
});

describe('zones of two regions sharing a subscription, without Databricks in the other region (topology avnm)', () => {
  const { dmlz, 'dlz-operations': operations, 'dlz-billing': billing } = shared.stacks;

  it('admits both regions in both zones sharing the subscription; dmlz admits only the regions of its web-auth workspaces', () => {
    expect(allowedLocations(billing)).toEqual([SEA, WE, 'global']);
    expect(allowedLocations(operations)).toEqual([WE, SEA, 'global']);
    expect(allowedLocations(dmlz)).toEqual([WE, 'global']);
  });

  it('has no web-auth workspace for a region where no landing zone runs Databricks', () => {
    expect(all(dmlz, 'azurerm_databricks_workspace').map((w) => [w.name, w.location])).toEqual([['dbw-relecloud-prd-dmlz-webauth', WE]]);
    expect(all(dmlz, 'azurerm_virtual_network').map((v) => v.location)).toEqual([WE]);
    expect(new Set(locations(billing, (type) => type !== 'azurerm_data_factory_integration_runtime_azure').map((l) => l.split(' ')[1]))).toEqual(
      new Set([SEA]),
    );
  });

  it('commits the connectivity configuration in each region, with global mesh on', () => {
    const config = locate(dmlz, 'azurerm_network_manager_connectivity_configuration');
    expect(config.body.global_mesh_enabled).toBe(true);
    expect(config.body.applies_to_group.map((g: ResourceBody) => g.global_mesh_enabled)).toEqual([true]);
    const deployments = all(dmlz, 'azurerm_network_manager_deployment');
    expect(deployments.map((d) => d.location).sort()).toEqual([SEA, WE]);
    for (const deployment of deployments) {
      expect(deployment.configuration_ids).toEqual([`\${${config.address}.id}`]);
      expect(JSON.parse(deployment.triggers.connectivity_configuration).globalMeshEnabled).toBe(true);
    }
  });

  it('one region: one commit and global mesh off', () => {
    const { dmlz: oneRegion } = synth(avnm(loadShippedEstate('relecloud'))).stacks;
    expect(all(oneRegion, 'azurerm_network_manager_deployment').map((d) => d.location)).toEqual([WE]);
    expect(locate(oneRegion, 'azurerm_network_manager_connectivity_configuration').body.global_mesh_enabled).toBe(false);
  });
});

describe('names stay unique across regions', () => {
  // Azure names unique in the whole estate (most are global DNS names).
  const GLOBAL_KINDS = [
    'azurerm_storage_account',
    'azurerm_key_vault',
    'azurerm_databricks_workspace',
    'azurerm_purview_account',
    'azurerm_container_registry',
    'azurerm_mssql_server',
    'azurerm_synapse_workspace',
    'azurerm_data_factory',
  ];
  // Attributes naming the parent a name is unique within, besides the resource group.
  const PARENTS = ['virtual_network_name', 'route_table_name', 'private_dns_zone_name'];
  const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.]+)\.name\}$/;

  /** A name attribute with a reference to a resource of the same stack resolved to that resource's name (remote-state references stay as they are: they name the same resource in every stack). */
  function resolve(stack: StackJson, value: unknown): unknown {
    const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
    if (!match) return value;
    return resolve(stack, stack.resource![match[1]][match[2]].name);
  }

  it.each([
    ['two regions', () => two],
    ['two regions sharing a subscription', () => shared],
  ] as [string, () => SynthesizedEstate][])(
    '%s: no two resources of a type share a name in a resource group; global kinds are unique in the estate',
    (_name, estate) => {
      const { stacks } = estate();
      const seen = new Map<string, string[]>();
      const note = (key: string, where: string) => seen.set(key, [...(seen.get(key) ?? []), where]);
      let checked = 0;
      for (const [stackName, stack] of Object.entries(stacks)) {
        for (const [type, body] of typed(stack)) {
          if (typeof body.name !== 'string') continue;
          const where = `${stackName} ${pathOf(body)}`;
          if (GLOBAL_KINDS.includes(type)) note(`${type} ${body.name}`, where);
          if (type === 'azurerm_resource_group') note(`resource group ${body.name}`, where);
          for (const managed of [body.managed_resource_group_name, body.node_resource_group])
            if (typeof managed === 'string') note(`resource group ${managed}`, where);
          if (body.resource_group_name === undefined || GLOBAL_KINDS.includes(type)) continue;
          const parents = PARENTS.filter((p) => body[p] !== undefined).map((p) => `${p}=${resolve(stack, body[p])}`);
          note(`${type} in ${resolve(stack, body.resource_group_name)} ${parents.join(' ')} ${resolve(stack, body.name)}`, where);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(200);
      expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
    },
  );
});

describe('the estate lock and regions', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Synthesizes `estate` with the lock an earlier synth wrote, as the next run of the same project would. */
  function synthWithLock(previous: SynthesizedEstate, estate: object, allowDataLoss = false): Record<string, StackJson> {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-regions-'));
    dirs.push(dir);
    copyFileSync(path.join(previous.dir, 'estate.lock.json'), path.join(dir, 'estate.lock.json'));
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(estate));
    const outdir = path.join(dir, 'cdktf.out');
    const result = synthesizeEstate({ estatePath: path.join(dir, 'estate.json'), outdir, projectDir: dir, allowDataLoss, diagramOnWorkerThread: false });
    return Object.fromEntries(result.stacks.map((name) => [name, JSON.parse(readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'))]));
  }

  const webAuthLocations = (dmlz: StackJson) => all(dmlz, 'azurerm_databricks_workspace').map((w) => w.location);

  it("keeps southeastasia's web-auth workspace once deployed, when the zone there turns Databricks off", () => {
    const estate = withApac(loadShippedEstate('relecloud'));
    const apac = estate.landingZones[2];
    apac.sharedServices = { databricks: false };
    apac.dataIntegrations[0].engine = 'data-factory';
    // The zone's own workspaces go (a loss the guard asks to be told about); the web-auth workspace in dmlz stays.
    const stacks = synthWithLock(two, estate, true);
    expect(all(stacks['dlz-apac'], 'azurerm_databricks_workspace')).toEqual([]);
    expect(webAuthLocations(stacks.dmlz).sort()).toEqual([SEA, WE]);
    expect(allowedLocations(stacks.dmlz)).toEqual([WE, SEA, 'global']);
  });

  describe('when the only zone in southeastasia is retired', () => {
    let stacks: Record<string, StackJson>;
    beforeAll(() => (stacks = synthWithLock(two, loadShippedEstate('relecloud'))));

    it("keeps southeastasia's web-auth workspace, its network and its endpoint", () => {
      expect(webAuthLocations(stacks.dmlz).sort()).toEqual([SEA, WE]);
      expect(locate(stacks.dmlz, 'azurerm_virtual_network', { location: SEA }).body.name).toBe('vnet-relecloud-prd-dmlz-webauth-southeastasia');
      const workspace = locate(stacks.dmlz, 'azurerm_databricks_workspace', { location: SEA });
      expect(privateEndpointsTo(stacks.dmlz, `\${${workspace.address}.id}`).map((pe) => pe.location)).toEqual([WE]);
    });

    it("still admits southeastasia in dmlz's subscription, where the kept workspace lives", () => {
      expect(allowedLocations(stacks.dmlz)).toEqual([WE, SEA, 'global']);
    });
  });

  it('refuses moving a deployed zone to another region: its data stores would be replaced', () => {
    const estate = withApac(loadShippedEstate('relecloud'));
    estate.landingZones[2].location = WE;
    let error: unknown;
    try {
      synthWithLock(two, estate);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataLossError);
    const losses = (error as DataLossError).losses;
    expect(losses.length).toBeGreaterThan(0);
    expect(new Set(losses.map((l) => l.stack))).toEqual(new Set(['dlz-apac']));
    const accounts = losses.filter((l) => l.address.startsWith('azurerm_storage_account.'));
    expect(accounts.length).toBeGreaterThanOrEqual(4);
    expect(accounts.every((l) => l.replacedBy === `location "${SEA}" -> "${WE}"`)).toBe(true);
    expect((error as Error).message).toContain(`(replaced: location "${SEA}" -> "${WE}")`);
  });
});
