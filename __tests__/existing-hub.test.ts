import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { privateDnsZoneNames } from '../lib/catalog/private-dns-zones';
import { DataLossError } from '../lib/lock/address-guard';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { shippedEstateProblems } from './helpers/problems';
import { loadShippedEstate, StackJson, synth } from './helpers/synth';
import { all, azurermProvider, dnsZone, MANAGEMENT_ZONE_OUTPUT_NAMES, one, outputNames } from './helpers/stack-query';

/**
 * Connectivity mode existing-hub (spec section 7, docs/topology.md): the estate joins an
 * enterprise connectivity hub instead of deploying its own firewall and private DNS zones.
 */
const CONNECTIVITY_SUB = '30000000-0000-0000-0000-0000000000c0';
const HUB_VNET = `/subscriptions/${CONNECTIVITY_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const POLICY = `/subscriptions/${CONNECTIVITY_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-hub`;
const DNS_SUB = '30000000-0000-0000-0000-0000000000d0';

/** relecloud joining the enterprise hub, with `extra` connectivity fields. */
function relecloudOnHub(extra: Record<string, unknown> = {}): Record<string, any> {
  const estate = loadShippedEstate('relecloud');
  delete estate.managementZone.firewall;
  estate.managementZone.connectivity = {
    mode: 'existing-hub',
    hubVirtualNetworkId: HUB_VNET,
    firewallPrivateIp: '10.100.0.4',
    privateDnsZones: { subscriptionId: DNS_SUB, resourceGroupName: 'rg-dns' },
    ...extra,
  };
  return estate;
}

const enterpriseZone = (zone: string) => `/subscriptions/${DNS_SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;
const landingStacks = (stacks: Record<string, StackJson>) => Object.keys(stacks).filter((name) => name.startsWith('dlz-'));

describe('existing-hub: the management zone deploys no hub of its own', () => {
  const { stacks } = synth(relecloudOnHub({ dnsServers: ['10.100.1.4'] }));
  const dmlz = stacks.dmlz;

  it('has no firewall, public IP, firewall policy, private DNS zone or AzureFirewallSubnet', () => {
    for (const type of [
      'azurerm_firewall',
      'azurerm_public_ip',
      'azurerm_public_ip_prefix',
      'azurerm_firewall_policy',
      'azurerm_private_dns_zone',
      'azurerm_private_dns_zone_virtual_network_link',
    ])
      expect(all(dmlz, type)).toEqual([]);
    expect(all(dmlz, 'azurerm_subnet').map((s) => s.name)).not.toContain('AzureFirewallSubnet');
    // Nor rule collection groups: no firewallPolicyId was given.
    expect(all(dmlz, 'azurerm_firewall_policy_rule_collection_group')).toEqual([]);
  });

  it('routes to the enterprise firewall and resolves through the given DNS servers', () => {
    const vnets = all(dmlz, 'azurerm_virtual_network');
    expect(vnets).toHaveLength(1);
    expect(vnets[0].dns_servers).toEqual(['10.100.1.4']);
    expect(one(dmlz, 'azurerm_route')).toMatchObject({ address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.100.0.4' });
  });

  it('keeps the remote-state contract: firewall_private_ip is the given address, private_dns_zone_ids the enterprise zones', () => {
    const outputs = dmlz.output!;
    expect(outputs.firewall_private_ip.value).toBe('10.100.0.4');
    const zoneIds = outputs.private_dns_zone_ids.value as Record<string, string>;
    expect(Object.keys(zoneIds).sort()).toEqual(privateDnsZoneNames('westeurope').sort());
    for (const [zone, id] of Object.entries(zoneIds)) expect(id).toBe(enterpriseZone(zone));
    // Without a policy and public IP, only the serving outputs are absent; a landing zone reads neither then.
    expect(
      outputNames(dmlz)
        .filter((name) => !name.startsWith('hub_side'))
        .sort(),
    ).toEqual(MANAGEMENT_ZONE_OUTPUT_NAMES.filter((name) => name !== 'firewall_policy_id' && name !== 'firewall_public_ip'));
  });

  it("registers the management zone's endpoints in the enterprise zones (literal ids)", () => {
    const endpoints = all(dmlz, 'azurerm_private_endpoint');
    expect(endpoints.length).toBeGreaterThan(5);
    for (const endpoint of endpoints) {
      const ids = (endpoint.private_dns_zone_group as { private_dns_zone_ids: string[] }).private_dns_zone_ids;
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatch(new RegExp(`^/subscriptions/${DNS_SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink\\.`));
    }
  });

  it('peers every zone network with the hub on its own side only, and hands the connectivity team the hub side', () => {
    for (const name of ['dmlz', ...landingStacks(stacks)]) {
      const toHub = all(stacks[name], 'azurerm_virtual_network_peering').filter((p) => p.remote_virtual_network_id === HUB_VNET);
      expect(toHub).toEqual([expect.objectContaining({ name: 'peer-vnet-hub', allow_forwarded_traffic: true, use_remote_gateways: false })]);
      expect([undefined, 'azurerm']).toContain(toHub[0].provider); // the zone's own subscription
      expect(azurermProvider(stacks[name], 'connectivity')).toBeUndefined();
      const command = stacks[name].output!.hub_side_peering_command.value as string;
      expect(command).toContain(`--subscription ${CONNECTIVITY_SUB} --resource-group rg-hub --vnet-name vnet-hub`);
      const vnet = all(stacks[name], 'azurerm_virtual_network').find((v) => !String(v.name).includes('webauth'))!;
      expect(command).toContain(`--name peer-${vnet.name} --remote-vnet /subscriptions/`);
      expect(command).toContain(`/virtualNetworks/${vnet.name}`);
    }
  });

  it("gives every landing zone network the estate's DNS servers and the hub firewall as next hop", () => {
    for (const name of landingStacks(stacks)) {
      expect(one(stacks[name], 'azurerm_virtual_network').dns_servers).toEqual(['10.100.1.4']);
      expect(one(stacks[name], 'azurerm_route').next_hop_in_ip_address).toBe('${data.terraform_remote_state.remote-state-dmlz.outputs.firewall_private_ip}');
    }
  });

  it("keeps the management zone's network as the mesh's hub: landing zones still peer with it both ways", () => {
    const ops = stacks['dlz-operations'];
    const names = all(ops, 'azurerm_virtual_network_peering').map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['peer-dmlz', 'peer-operations', 'peer-vnet-hub']));
  });

  it('registers landing zone endpoints in the enterprise zones through the dmlz output, as with an own hub', () => {
    const lake = all(stacks['dlz-operations'], 'azurerm_private_endpoint').find((e) => String(e.name).includes('dfs'))!;
    expect((lake.private_dns_zone_group as { private_dns_zone_ids: string[] }).private_dns_zone_ids).toEqual([dnsZone('privatelink.dfs.core.windows.net')]);
  });
});

describe('existing-hub with managedByPolicy: Azure Policy creates every zone group', () => {
  const estate = relecloudOnHub();
  estate.managementZone.connectivity.privateDnsZones.managedByPolicy = true;
  const { stacks } = synth(estate);

  it('creates no DNS zone group on any private endpoint, and ignores the one policy adds', () => {
    const endpoints = Object.values(stacks).flatMap((stack) => all(stack, 'azurerm_private_endpoint'));
    expect(endpoints.length).toBeGreaterThan(20);
    for (const endpoint of endpoints) {
      expect(endpoint.private_dns_zone_group).toBeUndefined();
      expect(endpoint.lifecycle).toEqual({ ignore_changes: ['private_dns_zone_group'] });
    }
  });

  it('uses the DNS proxy of the enterprise firewall when no dnsServers are given', () => {
    expect(one(stacks.dmlz, 'azurerm_virtual_network').dns_servers).toEqual(['10.100.0.4']);
    expect(one(stacks['dlz-operations'], 'azurerm_virtual_network').dns_servers).toEqual(['10.100.0.4']);
  });
});

describe('existing-hub with createHubPeerings and the enterprise firewall policy', () => {
  const { stacks } = synth(relecloudOnHub({ createHubPeerings: true, firewallPolicyId: POLICY, firewallPublicIp: '203.0.113.10' }));

  it('creates the hub side of every peering through a provider for the hub subscription', () => {
    for (const name of ['dmlz', ...landingStacks(stacks)]) {
      expect(azurermProvider(stacks[name], 'connectivity')).toMatchObject({ subscription_id: CONNECTIVITY_SUB });
      const fromHub = all(stacks[name], 'azurerm_virtual_network_peering').filter((p) => p.provider === 'azurerm.connectivity');
      expect(fromHub).toHaveLength(1);
      expect(fromHub[0]).toMatchObject({
        resource_group_name: 'rg-hub',
        virtual_network_name: 'vnet-hub',
        allow_forwarded_traffic: true,
        allow_gateway_transit: false,
      });
      expect(fromHub[0].remote_virtual_network_id).toMatch(/^\$\{azurerm_virtual_network\.[^}]+\.id\}$/);
      expect(stacks[name].output!.hub_side_peering_command).toBeUndefined();
    }
  });

  it("puts the estate's rule collection groups into the enterprise policy, through the hub subscription's provider", () => {
    const groups = all(stacks.dmlz, 'azurerm_firewall_policy_rule_collection_group');
    expect(groups.map((g) => [g.priority, g.firewall_policy_id, g.provider]).sort()).toEqual([
      [10000, POLICY, 'azurerm.connectivity'],
      [20000, POLICY, 'azurerm.connectivity'],
    ]);
  });

  it('publishes the enterprise policy and public IP as the serving outputs (the full contract)', () => {
    expect(stacks.dmlz.output!.firewall_policy_id.value).toBe(POLICY);
    expect(stacks.dmlz.output!.firewall_public_ip.value).toBe('203.0.113.10');
    expect(outputNames(stacks.dmlz).sort()).toEqual([...MANAGEMENT_ZONE_OUTPUT_NAMES]);
  });
});

describe('existing-hub: a firewall policy in another subscription than the hub', () => {
  const policySub = '30000000-0000-0000-0000-0000000000e0';
  const { stacks } = synth(relecloudOnHub({ firewallPolicyId: POLICY.replace(CONNECTIVITY_SUB, policySub) }));

  it("gets a provider of its own, and the hub's none (no hub side is created)", () => {
    expect(azurermProvider(stacks.dmlz, 'connectivity-policy')).toMatchObject({ subscription_id: policySub });
    expect(azurermProvider(stacks.dmlz, 'connectivity')).toBeUndefined();
    expect(new Set(all(stacks.dmlz, 'azurerm_firewall_policy_rule_collection_group').map((g) => g.provider))).toEqual(new Set(['azurerm.connectivity-policy']));
  });
});

describe('existing-hub validation', () => {
  const problems = (extra: Record<string, unknown>, mutate: (estate: Record<string, any>) => void = () => {}) =>
    shippedEstateProblems((estate) => {
      Object.assign(estate, relecloudOnHub(extra));
      mutate(estate);
    });

  it('accepts the shipped example estate (estates/fabrikam.yaml)', () => {
    expect(shippedEstateProblems(() => {}, 'fabrikam')).toEqual([]);
  });

  it.each([
    [
      'hubVirtualNetworkId',
      '/subscriptions/x/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub',
      /must be the resource id of the enterprise hub virtual network/,
    ],
    ['hubVirtualNetworkId', HUB_VNET.replace('virtualNetworks', 'networkSecurityGroups'), /Microsoft\.Network\/virtualNetworks\/<name>/],
    ['firewallPolicyId', POLICY.replace('/resourceGroups/rg-hub', ''), /must be the resource id of the hub firewall's policy/],
    ['firewallPrivateIp', '10.100.0.4/32', /is not an IPv4 address/],
    ['dnsServers', ['10.100.1.400'], /octet above 255/],
  ])('refuses a malformed %s', (field, value, message) => {
    const found = problems({ [field]: value });
    expect(found).toEqual([
      expect.objectContaining({ path: expect.stringContaining(`managementZone.connectivity.${field}`), message: expect.stringMatching(message) }),
    ]);
  });

  it('names every field existing-hub requires', () => {
    const found = shippedEstateProblems((estate) => {
      estate.managementZone.connectivity = { mode: 'existing-hub' };
      delete estate.managementZone.firewall;
    });
    expect(found.map((p) => p.path).sort()).toEqual([
      'managementZone.connectivity.firewallPrivateIp',
      'managementZone.connectivity.hubVirtualNetworkId',
      'managementZone.connectivity.privateDnsZones',
    ]);
  });

  it("refuses the own hub's firewall setting with existing-hub, and existing-hub fields with own-hub", () => {
    expect(problems({}, (estate) => (estate.managementZone.firewall = { tier: 'Standard' }))).toEqual([
      expect.objectContaining({ path: 'managementZone.firewall', message: expect.stringContaining('connectivity.mode is existing-hub') }),
    ]);
    const ownHub = shippedEstateProblems((estate) => (estate.managementZone.connectivity = { firewallPrivateIp: '10.100.0.4' }));
    expect(ownHub).toEqual([
      expect.objectContaining({ path: 'managementZone.connectivity.firewallPrivateIp', message: expect.stringContaining('only to mode existing-hub') }),
    ]);
  });

  it("refuses a hub address inside a zone's address space, naming the zone", () => {
    const found = problems({ firewallPrivateIp: '10.1.0.4', dnsServers: ['10.0.0.10'] });
    expect(found).toEqual([
      expect.objectContaining({
        path: 'managementZone.connectivity.firewallPrivateIp',
        message: expect.stringMatching(/inside the address space of landing zone \w+ \(10\.1\.0\.0\/16\)/),
      }),
      expect.objectContaining({ path: 'managementZone.connectivity.dnsServers[0]', message: expect.stringContaining('the management zone (10.0.0.0/16)') }),
    ]);
  });

  it("refuses a published serving endpoint without the hub's policy and public IP", () => {
    const found = problems({}, (estate) => {
      const product = estate.landingZones[0].dataProducts[0];
      product.servingIngress = { address: '10.1.255.200', callers: ['203.0.113.0/24'] };
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'landingZones[0].dataProducts[0].servingIngress',
          message: expect.stringContaining('has no firewallPolicyId and firewallPublicIp'),
        }),
      ]),
    );
    expect(problems({ firewallPublicIp: '203.0.113.10' })).toEqual([expect.objectContaining({ path: 'managementZone.connectivity.firewallPublicIp' })]);
  });
});

describe('switching a deployed estate between connectivity modes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-hub-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (estate: object, allowDataLoss = false) => {
    const file = path.join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(estate));
    return synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir, allowDataLoss, diagramOnWorkerThread: false });
  };
  const lock = () => JSON.parse(readFileSync(path.join(dir, 'estate.lock.json'), 'utf8'));

  it('is refused by the data-loss guard unless allowed, and the lock records the mode', () => {
    const ownHub = loadShippedEstate('relecloud');
    run(ownHub);
    expect(lock().zones[0].connectivity).toBeUndefined();
    let refused: unknown;
    try {
      run(relecloudOnHub());
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataLossError);
    expect((refused as Error).message).toContain('connectivity.mode "own-hub" (estate lock) -> "existing-hub"');
    run(relecloudOnHub(), true);
    expect(lock().zones[0]).toMatchObject({ stack: 'dmlz', connectivity: 'existing-hub' });
    expect(() => run(ownHub)).toThrow(/connectivity.mode "existing-hub" \(estate lock\) -> "own-hub"/);
  });
});
