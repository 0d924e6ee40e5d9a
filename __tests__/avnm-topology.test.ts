import { all, azurermProvider, findResource, HUB, locate, MANAGEMENT_ZONE_OUTPUT_NAMES, outputNames, remoteStateNames, resources } from './helpers/stack-query';
import { generatedEstate, loadShippedEstate, StackJson, synth } from './helpers/synth';

/** network.topology: avnm (docs/topology.md): Virtual Network Manager in dmlz, static members in landing zones. */

const MANAGEMENT_SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';

function avnm<T extends Record<string, any>>(estate: T, options?: Record<string, unknown>): T {
  (estate as Record<string, any>).network = { ...(estate.network ?? {}), topology: 'avnm', ...(options ? { avnm: options } : {}) };
  return estate;
}

describe('relecloud with topology avnm', () => {
  const { manifest, stacks } = synth(avnm(loadShippedEstate('relecloud')));
  const dmlz = stacks['dmlz'];
  const operations = stacks['dlz-operations'];
  const billing = stacks['dlz-billing'];

  it('creates the network manager in the hub network resource group, scoped to the estate subscriptions, for connectivity only', () => {
    const { body: manager } = locate(dmlz, 'azurerm_network_manager');
    expect(manager).toMatchObject({ name: 'vnm-relecloud-prd-dmlz', location: 'westeurope', scope_accesses: ['Connectivity'] });
    expect(manager.resource_group_name).toMatch(/^\$\{azurerm_resource_group\.management-zone_resource-groups_network_[^.]+\.name\}$/);
    expect(manager.scope).toEqual({
      subscription_ids: [
        '/subscriptions/00000000-0000-0000-0000-000000000001',
        '/subscriptions/00000000-0000-0000-0000-000000000002',
        '/subscriptions/00000000-0000-0000-0000-000000000003',
      ],
    });
    expect(manager.tags).toMatchObject({ estate: 'relecloud', zone: 'dmlz', 'managed-by': 'csa-estate' });
  });

  it('adds a landing zone network group, a hub and spoke configuration with directly connected spokes, and its deployment', () => {
    const manager = locate(dmlz, 'azurerm_network_manager').address;
    const group = locate(dmlz, 'azurerm_network_manager_network_group');
    expect(group.body).toMatchObject({ name: 'ng-landing-zones', network_manager_id: `\${${manager}.id}` });
    const config = locate(dmlz, 'azurerm_network_manager_connectivity_configuration');
    expect(config.body).toMatchObject({
      name: 'cc-hub-and-spoke',
      network_manager_id: `\${${manager}.id}`,
      connectivity_topology: 'HubAndSpoke',
      delete_existing_peering_enabled: false,
      applies_to_group: [
        { network_group_id: `\${${group.address}.id}`, group_connectivity: 'DirectlyConnected', use_hub_gateway: false, global_mesh_enabled: false },
      ],
    });
    expect(config.body.hub).toEqual({
      resource_id: expect.stringMatching(/^\$\{azurerm_virtual_network\.management-zone_network_vnet_[^.]+\.id\}$/),
      resource_type: 'Microsoft.Network/virtualNetworks',
    });
    const { body: deployment } = locate(dmlz, 'azurerm_network_manager_deployment');
    expect(deployment).toMatchObject({
      network_manager_id: `\${${manager}.id}`,
      location: 'westeurope',
      scope_access: 'Connectivity',
      configuration_ids: [`\${${config.address}.id}`],
    });
    // Re-committed when the configuration's settings or hub change (same configuration id).
    expect(deployment.triggers.hub_virtual_network_id).toBe(config.body.hub.resource_id);
    expect(JSON.parse(deployment.triggers.connectivity_configuration)).toMatchObject({
      connectivityTopology: 'HubAndSpoke',
      groupConnectivity: 'DirectlyConnected',
    });
  });

  it('sends the network manager logs to the central workspace', () => {
    const manager = locate(dmlz, 'azurerm_network_manager').address;
    const setting = findResource(dmlz, 'azurerm_monitor_diagnostic_setting', { target_resource_id: `\${${manager}.id}` });
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toBeUndefined();
  });

  it('exports the network group id and keeps every other management zone output', () => {
    const group = locate(dmlz, 'azurerm_network_manager_network_group').address;
    expect(dmlz.output!.avnm_network_group_id.value).toBe(`\${${group}.id}`);
    expect(outputNames(dmlz).sort()).toEqual([...MANAGEMENT_ZONE_OUTPUT_NAMES, 'avnm_network_group_id'].sort());
  });

  it('makes each landing zone network a static member of the group from remote state, in the management subscription, without peerings', () => {
    for (const [zone, stack] of [
      ['operations', operations],
      ['billing', billing],
    ] as const) {
      const { body: member } = locate(stack, 'azurerm_network_manager_static_member');
      const vnet = Object.keys(resources(stack, 'azurerm_virtual_network'))[0];
      expect(member).toMatchObject({
        name: `sm-${zone}`,
        network_group_id: `\${${HUB}.avnm_network_group_id}`,
        target_virtual_network_id: `\${azurerm_virtual_network.${vnet}.id}`,
        provider: 'azurerm.dmlz',
      });
      expect(resources(stack, 'azurerm_virtual_network_peering')).toEqual({});
      expect(azurermProvider(stack, 'dmlz')).toMatchObject({ subscription_id: MANAGEMENT_SUBSCRIPTION });
    }
    expect(resources(dmlz, 'azurerm_virtual_network_peering')).toEqual({});
  });

  it('still routes and resolves through the hub firewall', () => {
    const vnet = all(operations, 'azurerm_virtual_network')[0];
    expect(vnet.dns_servers).toEqual([`\${${HUB}.firewall_private_ip}`]);
  });

  it('reads earlier zones only for cross-zone input grants, and orders deployment by dmlz and inputs only', () => {
    expect(remoteStateNames(operations)).toEqual(['remote-state-dmlz']);
    // billing reads operations/telemetry, and operations reads billing/revenue-by-service: grants placed in billing.
    expect(remoteStateNames(billing).sort()).toEqual(['remote-state-dlz-operations', 'remote-state-dmlz']);
    // Its grants on operations' data use the stack's own provider (role assignments are addressed by their scope): no provider per earlier zone.
    expect(billing.provider!.azurerm.map((p) => p.alias ?? '(default)').sort()).toEqual(['(default)', 'dmlz']);
    expect(manifest.stacks['dmlz'].dependencies).toEqual([]);
    expect(manifest.stacks['dlz-operations'].dependencies).toEqual(['dmlz']);
    expect(manifest.stacks['dlz-billing'].dependencies.sort()).toEqual(['dlz-operations', 'dmlz']);
  });
});

describe('generated estates with topology avnm', () => {
  it('lets zones without cross-zone inputs deploy in parallel: each depends on dmlz only', () => {
    const { manifest, stacks } = synth(avnm(generatedEstate(5)));
    for (let i = 1; i <= 5; i++) {
      expect(manifest.stacks[`dlz-lz${i}`].dependencies).toEqual(['dmlz']);
      expect(remoteStateNames(stacks[`dlz-lz${i}`])).toEqual(['remote-state-dmlz']);
    }
  });

  it('appending a zone in a new subscription with an explicit management group scope leaves every existing stack, dmlz included, byte-identical', () => {
    const scope = { managementGroupIds: ['mg-analytics'] };
    const before = synth(avnm(generatedEstate(3), scope));
    const after = synth(avnm(generatedEstate(4), scope));
    for (const stack of Object.keys(before.text)) expect(after.text[stack]).toBe(before.text[stack]);
    expect(Object.keys(after.text)).toContain('dlz-lz4');
    expect(after.manifest.stacks['dlz-lz4'].dependencies).toEqual(['dmlz']);
    const { body: manager } = locate(after.stacks['dmlz'], 'azurerm_network_manager');
    expect(manager.scope).toEqual({
      management_group_ids: ['/providers/Microsoft.Management/managementGroups/mg-analytics'],
      subscription_ids: [`/subscriptions/${MANAGEMENT_SUBSCRIPTION}`],
    });
  });

  it('also with an explicit subscription scope listing the future zone, and with cross-zone inputs', () => {
    const base = avnm(loadShippedEstate('relecloud'), {
      subscriptionIds: ['00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004'],
    });
    for (const zone of base.landingZones) delete zone.addressSpace;
    const extended = structuredClone(base);
    extended.landingZones.push({
      name: 'marketing',
      shortName: 'mkt',
      subscriptionId: '00000000-0000-0000-0000-000000000004',
      dataProducts: [{ name: 'campaigns', template: 'batch', inputs: ['billing/revenue-by-service'] }],
    });
    const before = synth(base);
    const after = synth(extended);
    for (const stack of Object.keys(before.text)) expect(after.text[stack]).toBe(before.text[stack]);
    expect(after.manifest.stacks['dlz-marketing'].dependencies.sort()).toEqual(['dlz-billing', 'dmlz']);
  });

  it('with the default scope (the estate subscriptions), appending a zone in a new subscription changes only the dmlz network manager scope', () => {
    const before = synth(avnm(generatedEstate(3)));
    const after = synth(avnm(generatedEstate(4)));
    for (const stack of Object.keys(before.text).filter((s) => s !== 'dmlz')) expect(after.text[stack]).toBe(before.text[stack]);
    const strip = (stack: StackJson) => {
      const copy = structuredClone(stack);
      for (const manager of all(copy, 'azurerm_network_manager')) delete manager.scope;
      return copy;
    };
    expect(after.text['dmlz']).not.toBe(before.text['dmlz']);
    expect(strip(after.stacks['dmlz'])).toEqual(strip(before.stacks['dmlz']));
    expect(locate(after.stacks['dmlz'], 'azurerm_network_manager').body.scope.subscription_ids).toHaveLength(5);
  });

  it('with the default scope, appending a zone in an existing subscription changes nothing', () => {
    const before = avnm(generatedEstate(3));
    const after = avnm(generatedEstate(4));
    after.landingZones[3].subscriptionId = after.landingZones[0].subscriptionId;
    const [b, a] = [synth(before), synth(after)];
    for (const stack of Object.keys(b.text)) expect(a.text[stack]).toBe(b.text[stack]);
  });
});

describe('topology validation', () => {
  it('rejects avnm options with topology peering', () => {
    const estate = generatedEstate(1);
    estate.network = { topology: 'peering', avnm: { managementGroupIds: ['mg-analytics'] } };
    expect(() => synth(estate)).toThrow(/network\.avnm: network\.avnm applies only to topology avnm/);
  });

  it('rejects unknown topologies and malformed scope entries', () => {
    const unknown = generatedEstate(1);
    unknown.network = { topology: 'vwan' };
    expect(() => synth(unknown)).toThrow(/network\.topology/);
    const badScope = avnm(generatedEstate(1), { subscriptionIds: ['not-a-guid'], managementGroupIds: ['bad/name'] });
    expect(() => synth(badScope)).toThrow(
      /network\.avnm\.subscriptionIds\[0\][\s\S]*network\.avnm\.managementGroupIds\[0\]|network\.avnm\.managementGroupIds\[0\][\s\S]*network\.avnm\.subscriptionIds\[0\]/,
    );
  });
});

describe('topology peering is unchanged', () => {
  it('creates no network manager resources, no avnm output, and keeps the zone chain', () => {
    const { manifest, stacks } = synth(generatedEstate(3));
    for (const stack of Object.values(stacks)) {
      expect(Object.keys(stack.resource ?? {}).filter((type) => type.startsWith('azurerm_network_manager'))).toEqual([]);
      expect(stack.output?.avnm_network_group_id).toBeUndefined();
    }
    expect(manifest.stacks['dlz-lz3'].dependencies.sort()).toEqual(['dlz-lz2', 'dmlz']);
    // Both sides of its peering with the hub, its own side of those with the earlier zones; their sides are in their peering stacks.
    expect(Object.keys(resources(stacks['dlz-lz3'], 'azurerm_virtual_network_peering')).map((address) => address.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'landing-zone_peerings_dmlz_from-remote',
      'landing-zone_peerings_dmlz_to-remote',
      'landing-zone_peerings_lz1_to-remote',
      'landing-zone_peerings_lz2_to-remote',
    ]);
    const peeringNames = (stack: string) => Object.values(resources(stacks[stack], 'azurerm_virtual_network_peering')).map((p) => p.name);
    expect(peeringNames('peerings-lz1')).toEqual(['peer-lz2', 'peer-lz3']);
    expect(peeringNames('peerings-lz2')).toEqual(['peer-lz3']);
    expect(peeringNames('peerings-lz3')).toEqual([]);
    for (let i = 1; i <= 3; i++) expect(manifest.stacks[`peerings-lz${i}`].dependencies).toEqual(['dlz-lz3']);
  });
});

describe('avnm scope validation', () => {
  const { validateEstate } = require('../lib/estate/load') as typeof import('../lib/estate/load');
  const { EstateValidationError } = require('../lib/util/problems') as typeof import('../lib/util/problems');
  const { generatedEstate } = require('./helpers/synth') as typeof import('./helpers/synth');

  it('fails when an explicit subscription scope leaves out a landing zone subscription', () => {
    const estate = generatedEstate(2);
    estate.network = { topology: 'avnm', avnm: { subscriptionIds: [estate.landingZones[0].subscriptionId] } };
    try {
      validateEstate(estate);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EstateValidationError);
      expect((e as InstanceType<typeof EstateValidationError>).problems).toEqual([
        { path: 'landingZones[1].subscriptionId', message: expect.stringContaining('is not in network.avnm.subscriptionIds') },
      ]);
    }
  });

  it('accepts a management group scope, whose members it cannot know', () => {
    const estate = generatedEstate(2);
    estate.network = { topology: 'avnm', avnm: { managementGroupIds: ['mg-analytics'] } };
    expect(validateEstate(estate).landingZones).toHaveLength(2);
  });
});
