import { validateEstate } from '../lib/estate/load';
import { MANAGEMENT_ZONE_OUTPUTS } from '../lib/contract/outputs';
import { shippedEstateProblems } from './helpers/problems';
import { generatedEstate, loadShippedEstate, synth } from './helpers/synth';
import { all, azurermProvider, hub, outputNames, resources } from './helpers/stack-query';

/**
 * Finding 11: a served product's scoring endpoint published to callers outside the platform
 * (docs/data-products.md): a DNAT group in the hub firewall policy from the landing zone stack.
 */
const PRODUCT = 'cloud-service-recommender';
const OPS = 0; // landingZones[0] of relecloud: operations
const RECOMMENDER = 0; // its dataProducts[0]

/** The product subnet validation places the recommender in (without a lock, as synth() does). */
function recommenderSubnet(): string {
  const zone = validateEstate(loadShippedEstate('relecloud')).landingZones.find((z) => z.name === 'operations')!;
  return zone.subnets.find((s) => s.role === 'data-product' && s.owner === PRODUCT)!.cidr;
}
const subnet = recommenderSubnet();
const prefix = subnet.split('.').slice(0, 3).join('.'); // the subnets are /24s
const ADDRESS = `${prefix}.200`;
const CALLERS = ['203.0.113.0/24', '198.51.100.7'];

function withIngress(ingress: object, product = RECOMMENDER) {
  return (estate: Record<string, any>) => {
    estate.landingZones[OPS].dataProducts[product].servingIngress = ingress;
  };
}

describe('servingIngress set on the relecloud recommender', () => {
  const estate = loadShippedEstate('relecloud');
  withIngress({ address: ADDRESS, callers: CALLERS })(estate);
  const { stacks } = synth(estate);
  const ops = stacks['dlz-operations'];
  const groups = all(ops, 'azurerm_firewall_policy_rule_collection_group');

  it('adds one DNAT group to the hub firewall policy, through the hub provider alias', () => {
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group.name).toBe('rcg-serving-operations');
    expect(group.firewall_policy_id).toBe(hub(MANAGEMENT_ZONE_OUTPUTS.firewallPolicyId));
    expect(group.provider).toBe('azurerm.dmlz');
    expect(azurermProvider(ops, 'dmlz')).toMatchObject({ subscription_id: '00000000-0000-0000-0000-000000000001' });
  });

  it('prioritizes it 30000 + the zone index, the collection 100 + the product position: clear of the hub groups (10000, 20000)', () => {
    const [group] = groups;
    expect(group.priority).toBe(30000); // operations deploys first
    expect(group.nat_rule_collection).toEqual([expect.objectContaining({ name: `dnat-${PRODUCT}`, priority: 100, action: 'Dnat' })]);
    const hubPriorities = all(stacks.dmlz, 'azurerm_firewall_policy_rule_collection_group').map((g) => g.priority);
    expect(hubPriorities).not.toContain(group.priority);
  });

  it('translates TCP 443 on the firewall public IP, from the callers only, to the address on 443', () => {
    const rule = groups[0].nat_rule_collection[0].rule;
    expect(rule).toEqual([
      expect.objectContaining({
        name: `https-${PRODUCT}`,
        protocols: ['TCP'],
        source_addresses: CALLERS,
        destination_address: hub(MANAGEMENT_ZONE_OUTPUTS.firewallPublicIp),
        destination_ports: ['443'],
        translated_address: ADDRESS,
        translated_port: 443,
      }),
    ]);
    expect(JSON.stringify(groups)).not.toMatch(/BEGIN|PRIVATE KEY|ssl|cert/i);
  });

  it('exports the firewall policy id and public IP from the management zone', () => {
    expect(outputNames(stacks.dmlz)).toEqual(expect.arrayContaining(['firewall_policy_id', 'firewall_public_ip']));
    const dmlz = JSON.stringify(stacks.dmlz.output);
    expect(dmlz).toContain('azurerm_firewall_policy.');
    expect(dmlz).toContain('azurerm_public_ip.');
  });

  it('publishes nothing from the other zones', () => {
    expect(Object.keys(resources(stacks['dlz-billing'], 'azurerm_firewall_policy_rule_collection_group'))).toEqual([]);
  });
});

describe('without servingIngress (the shipped estates)', () => {
  it('creates no rule collection group and reads no firewall output in any landing zone', () => {
    for (const name of ['relecloud', 'adatum'] as const) {
      const { stacks } = synth(loadShippedEstate(name));
      for (const [stack, json] of Object.entries(stacks).filter(([s]) => s.startsWith('dlz-'))) {
        expect([stack, all(json, 'azurerm_firewall_policy_rule_collection_group')]).toEqual([stack, []]);
        expect(JSON.stringify(json)).not.toMatch(/firewall_policy_id|firewall_public_ip/);
      }
    }
  });
});

describe('servingIngress validation', () => {
  const path = `landingZones[${OPS}].dataProducts[${RECOMMENDER}].servingIngress`;
  const problemsOf = (ingress: object, product = RECOMMENDER) => shippedEstateProblems(withIngress(ingress, product));

  it('accepts an address of the product subnet and public or private callers', () => {
    expect(problemsOf({ address: ADDRESS, callers: [...CALLERS, '10.20.0.0/16'] })).toEqual([]);
  });

  it('needs serving: aks', () => {
    // dataProducts[1] of operations is recommender-revenue, a batch product.
    expect(problemsOf({ address: ADDRESS, callers: CALLERS }, 1)).toEqual([
      {
        path: `landingZones[${OPS}].dataProducts[1].servingIngress`,
        message: expect.stringMatching(/no "serving: aks".*add serving: aks.*or remove servingIngress/),
      },
    ]);
  });

  it.each([
    ['outside the subnet', '10.250.0.9', /"10\.250\.0\.9" is outside the product's subnet .*\/24 .*use an address from .*\.4 to .*\.254/],
    ['the network address', `${prefix}.0`, /is one of the five addresses Azure reserves in the product's subnet .*\/24/],
    ["Azure's DNS address", `${prefix}.3`, /reserves/],
    ['the broadcast address', `${prefix}.255`, /reserves/],
  ])('rejects an address %s, naming the subnet range', (_what, address, message) => {
    expect(problemsOf({ address, callers: CALLERS })).toEqual([{ path: `${path}.address`, message: expect.stringMatching(message) }]);
    expect(problemsOf({ address, callers: CALLERS })[0].message).toContain(subnet);
  });

  it('rejects an address that is no IPv4 address', () => {
    expect(problemsOf({ address: `${prefix}.0/24`, callers: CALLERS })).toEqual([
      { path: `${path}.address`, message: expect.stringMatching(/is not an IPv4 address like .*without a prefix length/) },
    ]);
  });

  it.each([
    ['0.0.0.0/0', /"0\.0\.0\.0\/0" would let the whole internet call the endpoint; list the callers' own addresses or ranges/],
    ['20.0.0.0/7', /"20\.0\.0\.0\/7" is broader than a \/8 .*narrower ranges/],
    ['203.0.113.5/24', /"203\.0\.113\.5\/24" has host bits set; the network address is 203\.0\.113\.0\/24; write an IPv4 address/],
    ['example.com', /"example\.com" is not an IPv4 address or CIDR block; write/],
  ])('rejects the caller %s with the value and the fix', (caller, message) => {
    expect(problemsOf({ address: ADDRESS, callers: [caller] })).toEqual([{ path: `${path}.callers[0]`, message: expect.stringMatching(message) }]);
  });

  it('needs 1 to 50 distinct callers', () => {
    expect(problemsOf({ address: ADDRESS, callers: [] })).toEqual([{ path: `${path}.callers`, message: expect.stringMatching(/at least one caller/) }]);
    const many = Array.from({ length: 51 }, (_, i) => `198.51.100.${i}`);
    expect(problemsOf({ address: ADDRESS, callers: many })).toEqual([{ path: `${path}.callers`, message: expect.stringMatching(/at most 50 callers/) }]);
    expect(problemsOf({ address: ADDRESS, callers: ['198.51.100.7', '198.51.100.7'] })).toEqual([
      { path: `${path}.callers`, message: expect.stringContaining('lists "198.51.100.7" twice; list each caller once') },
    ]);
  });

  it('rejects callers two published products share (one public IP, one port)', () => {
    const problems = shippedEstateProblems((estate) => {
      withIngress({ address: ADDRESS, callers: ['203.0.113.0/24'] })(estate);
      estate.landingZones[OPS].dataProducts.push({
        name: 'churn',
        template: 'analytics',
        serving: 'aks',
        servingIngress: { address: ADDRESS, callers: ['203.0.113.9'] },
      });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          path: expect.stringMatching(/^landingZones\[0\]\.dataProducts\[\d\]\.servingIngress\.callers\[0\]$/),
          message: expect.stringMatching(
            /"203\.0\.113\.9" overlaps landingZones\[0\]\.dataProducts\[0\]\.servingIngress\.callers\[0\] \("203\.0\.113\.0\/24"\).*give each product its own callers/,
          ),
        },
      ]),
    );
  });
});

describe('zones publishing in the hub firewall policy', () => {
  it('deploy one after another even with topology avnm (the policy takes one group update at a time)', () => {
    const estate = generatedEstate(3);
    estate.network = { topology: 'avnm' };
    for (const zone of estate.landingZones) zone.dataProducts[0] = { ...zone.dataProducts[0], template: 'analytics', serving: 'aks' };
    const resolved = validateEstate(structuredClone(estate));
    for (const index of [0, 2]) {
      const zone = resolved.landingZones[index];
      const cidr = zone.subnets.find((s) => s.role === 'data-product' && s.owner === 'report')!.cidr;
      estate.landingZones[index].dataProducts[0].servingIngress = { address: `${cidr.split('.').slice(0, 3).join('.')}.200`, callers: [`203.0.113.${index}`] };
    }
    const { manifest } = synth(estate);
    expect(manifest.stacks['dlz-lz3'].dependencies).toContain('dlz-lz1');
    // lz2 publishes nothing: it keeps deploying in parallel, and nobody waits for it.
    expect(manifest.stacks['dlz-lz2'].dependencies).toEqual(['dmlz']);
    expect(manifest.stacks['dlz-lz3'].dependencies).not.toContain('dlz-lz2');
  });
});
