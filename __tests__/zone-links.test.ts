import { all, azurermProvider, findResource, HUB, MANAGEMENT_ZONE_OUTPUT_NAMES, outputNames, remoteStateNames, resources } from './helpers/stack-query';
import { generatedEstate, loadShippedEstate, synth, SynthesizedEstate } from './helpers/synth';
import { shippedEstateProblems } from './helpers/problems';

const FIREWALL_IP = `\${${HUB}.firewall_private_ip}`;

describe('relecloud zone links', () => {
  const { manifest, stacks } = synth(loadShippedEstate('relecloud'));
  const dmlz = stacks['dmlz'];
  const operations = stacks['dlz-operations'];
  const billing = stacks['dlz-billing'];

  it('orders deployment: landing zones after the management zone and after the zone before them', () => {
    expect(manifest.stacks['dmlz'].dependencies).toEqual([]);
    expect(manifest.stacks['dlz-operations'].dependencies).toEqual(['dmlz']);
    expect(manifest.stacks['dlz-billing'].dependencies.sort()).toEqual(['dlz-operations', 'dmlz']);
  });

  it('exports the management zone contract outputs', () => {
    const outputs = dmlz.output!;
    expect(Object.keys(outputs).sort()).toEqual([...MANAGEMENT_ZONE_OUTPUT_NAMES]);
    expect(outputs.subscription_id.value).toBe('00000000-0000-0000-0000-000000000001');
    expect(outputs.firewall_private_ip.value).toMatch(/^\$\{azurerm_firewall\.[^.]+\.ip_configuration\[0\]\.private_ip_address\}$/);
    const zoneIds = outputs.private_dns_zone_ids.value as Record<string, string>;
    expect(zoneIds['privatelink.dfs.core.windows.net']).toMatch(/^\$\{azurerm_private_dns_zone\.[^.]+\.id\}$/);
    expect(zoneIds['privatelink.westeurope.azmk8s.io']).toBeDefined();
  });

  it('exports the landing zone contract outputs', () => {
    for (const stack of [operations, billing]) {
      expect(outputNames(stack)).toEqual(expect.arrayContaining(['subscription_id', 'vnet_id', 'vnet_name', 'network_resource_group_name']));
    }
    expect(billing.output!.subscription_id.value).toBe('00000000-0000-0000-0000-000000000003');
  });

  it('points the spoke DNS servers and default route at the hub firewall from remote state', () => {
    const vnet = all(operations, 'azurerm_virtual_network')[0];
    expect(vnet.dns_servers).toEqual([FIREWALL_IP]);
    expect(vnet.address_space).toEqual(['10.1.0.0/16']);
    const route = findResource(operations, 'azurerm_route', { address_prefix: '0.0.0.0/0' });
    expect(route.next_hop_type).toBe('VirtualAppliance');
    expect(route.next_hop_in_ip_address).toBe(FIREWALL_IP);
  });

  it('routes the hub services subnet through the firewall too', () => {
    const route = findResource(dmlz, 'azurerm_route', { address_prefix: '0.0.0.0/0' });
    expect(route.next_hop_in_ip_address).toMatch(/azurerm_firewall\..*private_ip_address/);
  });

  it('peers each landing zone with the hub in both directions, the hub side in the hub subscription', () => {
    const toHub = findResource(operations, 'azurerm_virtual_network_peering', { name: 'peer-dmlz' });
    expect(toHub.remote_virtual_network_id).toBe(`\${${HUB}.vnet_id}`);
    expect(toHub.provider).toBe('azurerm');
    const fromHub = findResource(operations, 'azurerm_virtual_network_peering', { name: 'peer-operations' });
    expect(fromHub.provider).toBe('azurerm.dmlz');
    expect(fromHub.virtual_network_name).toBe(`\${${HUB}.vnet_name}`);
    expect(fromHub.resource_group_name).toBe(`\${${HUB}.network_resource_group_name}`);
    expect(fromHub.remote_virtual_network_id).toMatch(/^\$\{azurerm_virtual_network\.[^.]+\.id\}$/);
    expect(fromHub.allow_gateway_transit).toBe(true);
    expect(toHub.allow_gateway_transit).toBe(false);
    const aliased = azurermProvider(operations, 'dmlz');
    expect(aliased).toMatchObject({ subscription_id: '00000000-0000-0000-0000-000000000001', storage_use_azuread: true });
  });

  it('peers a later landing zone with every earlier one in both directions, never the other way round', () => {
    // Each network by the id its zone's stack gives it (the estate's names: docs/topology.md).
    const network = (stack: typeof operations, zone: string, subscription: string) => {
      const resourceGroup = findResource(stack, 'azurerm_resource_group', { name: `rg-relecloud-prd-${zone}-network` }).name;
      const name = findResource(stack, 'azurerm_virtual_network', { name: `vnet-relecloud-prd-${zone}` }).name;
      return { resourceGroup, name, id: `/subscriptions/${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/${name}` };
    };
    const operationsNetwork = network(operations, 'operations', '00000000-0000-0000-0000-000000000002');
    const billingNetwork = network(billing, 'billing', '00000000-0000-0000-0000-000000000003');
    // billing's side, in its stack, through its own provider.
    const toOperations = findResource(billing, 'azurerm_virtual_network_peering', { name: 'peer-operations' });
    expect(toOperations).toMatchObject({ provider: 'azurerm', remote_virtual_network_id: operationsNetwork.id });
    // operations' side, in operations' peering stack, whose only provider is operations' subscription.
    const peeringStack = stacks['peerings-operations'];
    expect(peeringStack.provider!.azurerm).toEqual([expect.objectContaining({ subscription_id: '00000000-0000-0000-0000-000000000002' })]);
    expect(all(peeringStack, 'azurerm_virtual_network_peering')).toEqual([
      expect.objectContaining({
        name: 'peer-billing',
        provider: 'azurerm',
        resource_group_name: operationsNetwork.resourceGroup,
        virtual_network_name: operationsNetwork.name,
        remote_virtual_network_id: billingNetwork.id,
      }),
    ]);
    // billing's stack holds no side of operations' network, and no provider for its subscription.
    expect(all(billing, 'azurerm_virtual_network_peering').filter((p) => p.provider !== 'azurerm.dmlz')).toEqual([
      expect.objectContaining({ name: 'peer-dmlz' }),
      expect.objectContaining({ name: 'peer-operations' }),
    ]);
    expect(azurermProvider(billing, 'dlz-operations')).toBeUndefined();
    // Never the other way round: operations reads and peers only the hub; the last zone's peering stack is empty.
    expect(remoteStateNames(operations)).toEqual(['remote-state-dmlz']);
    expect(Object.keys(resources(operations, 'azurerm_virtual_network_peering'))).toHaveLength(2);
    expect(all(stacks['peerings-billing'], 'azurerm_virtual_network_peering')).toEqual([]);
  });

  it('links zones only through remote state, never through cdktf cross-stack outputs', () => {
    for (const stack of Object.values(stacks)) {
      expect(outputNames(stack).some((o) => o.startsWith('cross-stack'))).toBe(false);
    }
    expect(billing.data!.terraform_remote_state['remote-state-dmlz']).toEqual({
      backend: 'local',
      config: { path: '../../../terraform-state/relecloud-prod/dmlz.tfstate' },
    });
  });

  it('keeps each zone state in its own file under terraform-state, in a folder of the estate and environment', () => {
    expect(billing.terraform!.backend).toEqual({ local: { path: '../../../terraform-state/relecloud-prod/dlz-billing.tfstate' } });
  });

  it('gives every data integration and data product its own /24, and Databricks subnets only where Databricks is on', () => {
    const subnets = all(operations, 'azurerm_subnet');
    const byName = Object.fromEntries(subnets.map((s) => [s.name, s.address_prefixes[0]]));
    expect(byName).toMatchObject({
      'snet-services': '10.1.0.0/24',
      'snet-dbw-integration-public': '10.1.1.0/24',
      'snet-di-telemetry': '10.1.8.0/24',
      'snet-di-cloud-accounts': '10.1.9.0/24',
      'snet-dp-cloud-service-recommender': '10.1.255.0/24',
      'snet-dp-recommender-revenue': '10.1.254.0/24',
    });
    const billingSubnets = all(billing, 'azurerm_subnet').map((s) => s.name);
    expect(billingSubnets.some((n) => n.includes('dbw'))).toBe(false);
    expect(Object.keys(resources(billing, 'azurerm_network_security_rule'))).toHaveLength(0);
  });

  it('delegates the Databricks subnets and leaves their NSG rules to Databricks (no declared rule, security_rule ignored)', () => {
    const subnet = findResource(operations, 'azurerm_subnet', { name: 'snet-dbw-product-private' });
    expect(subnet.delegation[0].service_delegation.name).toBe('Microsoft.Databricks/workspaces');
    // The workspaces are private (NoAzureDatabricksRules): Databricks owns the rules it adds, Terraform declares none.
    expect(all(operations, 'azurerm_network_security_rule')).toEqual([]);
    const nsgs = all(operations, 'azurerm_network_security_group').filter((n) => String(n.name).endsWith('-databricks'));
    expect(nsgs.length).toBeGreaterThan(0);
    for (const nsg of nsgs) {
      expect(nsg.security_rule).toBeUndefined();
      expect(nsg.lifecycle).toEqual({ ignore_changes: ['security_rule'] });
    }
    const associations = all(operations, 'azurerm_subnet_network_security_group_association');
    expect(associations).toHaveLength(Object.keys(resources(operations, 'azurerm_subnet')).length);
  });

  it('turns default outbound internet access off on every subnet', () => {
    for (const stack of Object.values(stacks)) {
      for (const subnet of all(stack, 'azurerm_subnet')) expect(subnet.default_outbound_access_enabled).toBe(false);
    }
  });

  it('tags every taggable resource with the estate tags and the zone', () => {
    const vnet = all(billing, 'azurerm_virtual_network')[0];
    // costCenter: billing's own (landingZones[1].costCenter) wins over the estate's 4711 (docs/governance.md).
    expect(vnet.tags).toEqual({
      costCenter: '5200',
      owner: 'data-platform-team',
      estate: 'relecloud',
      environment: 'prod',
      zone: 'billing',
      'managed-by': 'csa-estate',
    });
  });
});

describe('management zone network', () => {
  it('enables DNS proxy, threat intelligence deny and, on Premium, IDPS deny', () => {
    const { stacks } = synth(loadShippedEstate('relecloud'));
    const policy = all(stacks['dmlz'], 'azurerm_firewall_policy')[0];
    expect(policy).toMatchObject({ sku: 'Premium', threat_intelligence_mode: 'Deny', dns: { proxy_enabled: true }, intrusion_detection: { mode: 'Deny' } });
    const firewall = all(stacks['dmlz'], 'azurerm_firewall')[0];
    expect(firewall).toMatchObject({ sku_tier: 'Premium', sku_name: 'AZFW_VNet', zones: ['1', '2', '3'] });
  });

  it('leaves IDPS out on the Standard tier', () => {
    const estate = loadShippedEstate('relecloud');
    estate.managementZone.firewall.tier = 'Standard';
    const policy = all(synth(estate).stacks['dmlz'], 'azurerm_firewall_policy')[0];
    expect(policy.sku).toBe('Standard');
    expect(policy.intrusion_detection).toBeUndefined();
  });

  it('hosts the private DNS zones for the estate region, each linked to the hub', () => {
    const estate = loadShippedEstate('adatum'); // northeurope
    const dmlz = synth(estate).stacks['dmlz'];
    const zones = all(dmlz, 'azurerm_private_dns_zone').map((z) => z.name);
    expect(zones).toHaveLength(43);
    expect(zones).toEqual(
      expect.arrayContaining([
        'privatelink.northeurope.azmk8s.io',
        'privatelink.blob.core.windows.net',
        'northeurope.privatelink.redisenterprise.cache.azure.net',
      ]),
    );
    expect(zones.some((z) => z.includes('westeurope'))).toBe(false);
    const links = all(dmlz, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(43);
    expect(links.every((l) => /azurerm_virtual_network\..*\.id/.test(l.virtual_network_id) && l.registration_enabled === false)).toBe(true);
  });
});

describe('zones sharing a subscription', () => {
  it('uses the default provider instead of an alias', () => {
    const estate = generatedEstate(2);
    for (const zone of estate.landingZones) zone.subscriptionId = estate.managementZone.subscriptionId;
    const stack = synth(estate).stacks['dlz-lz2'];
    expect(stack.provider!.azurerm).toHaveLength(1);
    expect(all(stack, 'azurerm_virtual_network_peering').every((p) => p.provider === 'azurerm')).toBe(true);
  });
});

describe('azurerm backend', () => {
  it('keeps state in the named storage account with Entra ID auth, and reads remote state the same way', () => {
    const estate = generatedEstate(2);
    // lz2 reads an input of lz1: its stack reads lz1's remote state for the grant.
    estate.landingZones[1].dataProducts[0].inputs.push('lz1/ingest');
    estate.backend = {
      type: 'azurerm',
      resourceGroupName: 'rg-tfstate',
      storageAccountName: 'sttfstate',
      containerName: 'tfstate',
      subscriptionId: '00000000-0000-0000-0000-0000000000ff',
    };
    const stack = synth(estate).stacks['dlz-lz2'];
    const common = {
      resource_group_name: 'rg-tfstate',
      storage_account_name: 'sttfstate',
      container_name: 'tfstate',
      subscription_id: '00000000-0000-0000-0000-0000000000ff',
      use_azuread_auth: true,
    };
    expect(stack.terraform!.backend).toEqual({ azurerm: { ...common, key: 'gen/dev/dlz-lz2.tfstate' } });
    expect(stack.data!.terraform_remote_state['remote-state-dlz-lz1']).toEqual({ backend: 'azurerm', config: { ...common, key: 'gen/dev/dlz-lz1.tfstate' } });
    expect(stack.data!.terraform_remote_state['remote-state-dmlz']).toEqual({ backend: 'azurerm', config: { ...common, key: 'gen/dev/dmlz.tfstate' } });
    // shared_access_key_enabled (false on every lake) is the setting that forbids keys, not a key.
    expect(JSON.stringify(stack)).not.toMatch(/(?<!shared_)access_key|sas_token|client_secret/);
  });
});

describe('state isolation', () => {
  const backendOf = (stack: { terraform?: Record<string, unknown> }) => stack.terraform!.backend as Record<string, Record<string, string>>;
  it('never shares a state between two estates or two environments of one estate, with either backend', () => {
    const dev = generatedEstate(0);
    const prod = { ...generatedEstate(0), environment: 'prod' };
    const other = generatedEstate(0, { estate: 'other' });
    const paths = [dev, prod, other].map((e) => backendOf(synth(e).stacks.dmlz).local.path);
    expect(paths).toEqual([
      '../../../terraform-state/gen-dev/dmlz.tfstate',
      '../../../terraform-state/gen-prod/dmlz.tfstate',
      '../../../terraform-state/other-dev/dmlz.tfstate',
    ]);
    const azurerm = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };
    const keys = [dev, prod, other].map((e) => backendOf(synth({ ...e, backend: azurerm }).stacks.dmlz).azurerm.key);
    expect(keys).toEqual(['gen/dev/dmlz.tfstate', 'gen/prod/dmlz.tfstate', 'other/dev/dmlz.tfstate']);
  });

  it('takes backend.keyPrefix as the folder of the state blobs, for remote state reads too', () => {
    const estate = {
      ...generatedEstate(2),
      backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate', keyPrefix: 'analytics/prod-we' },
    };
    const stack = synth(estate).stacks['dlz-lz2'];
    expect(backendOf(stack).azurerm.key).toBe('analytics/prod-we/dlz-lz2.tfstate');
    expect((stack.data!.terraform_remote_state['remote-state-dmlz'] as { config: { key: string } }).config.key).toBe('analytics/prod-we/dmlz.tfstate');
  });

  it('refuses a keyPrefix that is not a clean blob folder, naming the field', () => {
    for (const keyPrefix of ['/abs', 'trailing/', 'a//b', '../up', 'with space']) {
      const problems = shippedEstateProblems(
        (e) => (e.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate', keyPrefix }),
      );
      expect(problems.map((p) => p.path)).toEqual(['backend.keyPrefix']);
    }
  });
});

describe('appending a landing zone', () => {
  /**
   * dmlz and every existing landing zone stack byte-identical; each existing peering stack
   * (docs/topology.md) exactly as before but for one peering: its zone's side towards the new
   * zone's network. The new zone brings its landing zone stack and its peering stack.
   */
  function expectAppended(before: SynthesizedEstate, after: SynthesizedEstate, zone: string, networkId: string) {
    const names = Object.keys(before.text);
    const peeringStacks = names.filter((name) => name.startsWith('peerings-'));
    expect(peeringStacks.length).toBeGreaterThan(1);
    for (const name of names.filter((n) => !n.startsWith('peerings-'))) expect(after.text[name]).toBe(before.text[name]);
    for (const name of peeringStacks) {
      const stack = structuredClone(after.stacks[name]);
      const peerings = stack.resource!.azurerm_virtual_network_peering;
      const added = Object.keys(peerings).filter((id) => !(id in (before.stacks[name].resource?.azurerm_virtual_network_peering ?? {})));
      expect(added.map((id) => peerings[id])).toEqual([
        expect.objectContaining({ name: `peer-${zone}`, provider: 'azurerm', remote_virtual_network_id: networkId }),
      ]);
      delete peerings[added[0]];
      if (!Object.keys(peerings).length) delete stack.resource!.azurerm_virtual_network_peering;
      if (!Object.keys(stack.resource!).length) delete stack.resource;
      expect(stack).toEqual(before.stacks[name]);
    }
    expect(Object.keys(after.text).sort()).toEqual([...names, `dlz-${zone}`, `peerings-${zone}`].sort());
  }

  it('leaves every existing stack byte-identical but the peering stacks, which each gain the peering with the new zone', () => {
    const before = synth(generatedEstate(3));
    const after = synth(generatedEstate(4));
    expectAppended(
      before,
      after,
      'lz4',
      '/subscriptions/00000000-0000-0000-0001-000000000004/resourceGroups/rg-gen-dev-lz4-network/providers/Microsoft.Network/virtualNetworks/vnet-gen-dev-lz4',
    );
  });

  it('also when zones get their address space from the pool and carry cross-zone inputs', () => {
    const base = loadShippedEstate('relecloud');
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
    expectAppended(
      before,
      after,
      'marketing',
      '/subscriptions/00000000-0000-0000-0000-000000000004/resourceGroups/rg-relecloud-prd-marketing-network/providers/Microsoft.Network/virtualNetworks/vnet-relecloud-prd-marketing',
    );
    expect(after.manifest.stacks['dlz-marketing'].dependencies.sort()).toEqual(['dlz-billing', 'dmlz']);
  });
});
