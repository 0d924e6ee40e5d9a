import { AddressPlanZone, managementZoneSlotsNeeded, planAddresses } from '../lib/network/address-plan';
import { blockCount, cidrProblem, contains, format, hostAddress, overlaps, parseCidr, size, subBlock } from '../lib/network/cidr';
import { landingZoneSlotsNeeded, landingZoneSubnetDefinitions, managementZoneSubnetDefinitions, placeSubnets, SubnetSlot } from '../lib/network/subnet-layout';

const c = parseCidr;

describe('cidr', () => {
  it('parses a block into a network address and prefix', () => {
    expect(c('10.1.0.0/16')).toEqual({ base: (10 << 24) + (1 << 16), prefix: 16 });
    expect(c('0.0.0.0/0')).toEqual({ base: 0, prefix: 0 });
  });

  it.each(['10.1.0.0/16', '192.168.10.0/24', '255.255.255.255/32', '172.16.0.0/12', '0.0.0.0/0'])('formats %s back to itself', (text) => {
    expect(format(c(text))).toBe(text);
  });

  it('keeps addresses above 127.x unsigned', () => {
    expect(c('200.0.0.0/8').base).toBeGreaterThan(0);
    expect(size(c('200.0.0.0/8'))).toBe(2 ** 24);
  });

  it('throws on invalid input, quoting it', () => {
    expect(() => c('10.1.0/16')).toThrow('"10.1.0/16" is not an IPv4 CIDR block');
    expect(() => c('10.1.2.0/16')).toThrow('host bits set');
  });

  describe('cidrProblem', () => {
    it.each(['10.0.0.0/8', '10.1.0.0/16', '10.1.0.1/32', '0.0.0.0/0'])('accepts %s', (text) => {
      expect(cidrProblem(text)).toBeUndefined();
    });

    it.each(['10.1.0/16', '10.1.0.0', '10.1.0.0/', 'ten.1.0.0/16', ' 10.1.0.0/16', '10.1.0.0/16 ', '10.1.0.0/100', '::1/128', ''])(
      'rejects the syntax of %j',
      (text) => {
        expect(cidrProblem(text)).toBe('is not an IPv4 CIDR block like 10.1.0.0/16');
      },
    );

    it('rejects an octet above 255', () => {
      expect(cidrProblem('10.256.0.0/16')).toBe('has an octet above 255');
      expect(cidrProblem('999.0.0.0/8')).toBe('has an octet above 255');
    });

    it('rejects a prefix above 32', () => {
      expect(cidrProblem('10.0.0.0/33')).toBe('has a prefix length above 32');
    });

    it('rejects host bits and names the network address', () => {
      expect(cidrProblem('10.1.2.0/16')).toBe('has host bits set; the network address is 10.1.0.0/16');
      expect(cidrProblem('10.1.0.1/24')).toBe('has host bits set; the network address is 10.1.0.0/24');
      expect(cidrProblem('192.168.1.128/24')).toBe('has host bits set; the network address is 192.168.1.0/24');
    });
  });

  describe('overlaps', () => {
    it.each([
      ['10.1.0.0/16', '10.1.0.0/16', true],
      ['10.0.0.0/8', '10.200.3.0/24', true],
      ['10.1.255.0/24', '10.1.0.0/16', true],
      ['10.1.0.0/16', '10.2.0.0/16', false],
      ['10.1.0.0/24', '10.1.1.0/24', false],
      ['10.0.0.0/8', '11.0.0.0/8', false],
      ['192.168.0.0/16', '10.0.0.0/8', false],
    ])('%s and %s: %s (both ways)', (a, b, expected) => {
      expect(overlaps(c(a), c(b))).toBe(expected);
      expect(overlaps(c(b), c(a))).toBe(expected);
    });
  });

  describe('contains', () => {
    it.each([
      ['10.0.0.0/8', '10.1.0.0/16', true],
      ['10.0.0.0/8', '10.0.0.0/8', true],
      ['10.0.0.0/8', '10.255.255.0/24', true],
      ['10.1.0.0/16', '10.0.0.0/8', false],
      ['10.0.0.0/8', '11.0.0.0/16', false],
      ['10.0.0.0/9', '10.128.0.0/16', false],
    ])('%s contains %s: %s', (outer, inner, expected) => {
      expect(contains(c(outer), c(inner))).toBe(expected);
    });
  });

  describe('subBlock and blockCount', () => {
    it('returns the index-th block of a prefix', () => {
      expect(format(subBlock(c('10.0.0.0/8'), 16, 0))).toBe('10.0.0.0/16');
      expect(format(subBlock(c('10.0.0.0/8'), 16, 1))).toBe('10.1.0.0/16');
      expect(format(subBlock(c('10.0.0.0/8'), 16, 255))).toBe('10.255.0.0/16');
      expect(format(subBlock(c('10.1.0.0/16'), 24, 8))).toBe('10.1.8.0/24');
      expect(format(subBlock(c('192.168.0.0/16'), 24, 255))).toBe('192.168.255.0/24');
    });

    it('throws outside the parent or for a larger block', () => {
      expect(() => subBlock(c('10.0.0.0/8'), 16, 256)).toThrow('outside 10.0.0.0/8');
      expect(() => subBlock(c('10.0.0.0/8'), 16, -1)).toThrow('outside 10.0.0.0/8');
      expect(() => subBlock(c('10.1.0.0/16'), 8, 0)).toThrow('does not fit');
    });

    it('counts blocks, and none that are larger than the parent', () => {
      expect(blockCount(c('10.0.0.0/8'), 16)).toBe(256);
      expect(blockCount(c('10.1.0.0/21'), 24)).toBe(8);
      expect(blockCount(c('10.1.0.0/24'), 24)).toBe(1);
      expect(blockCount(c('10.0.0.0/20'), 16)).toBe(0);
    });
  });

  it('gives host addresses by offset (Azure hands out .4 first)', () => {
    expect(hostAddress(c('10.0.0.0/24'), 4)).toBe('10.0.0.4');
    expect(hostAddress(c('10.0.1.0/24'), 260)).toBe('10.0.2.4');
  });
});

/** Zones for planAddresses: the first is the management zone, the rest landing zones. */
function zones(...spaces: (string | undefined)[]): AddressPlanZone[] {
  return spaces.map((addressSpace, i) => ({
    path: i === 0 ? 'managementZone' : `landingZones[${i - 1}]`,
    addressSpace,
    slotsNeeded: i === 0 ? 4 : landingZoneSlotsNeeded(2, 2),
  }));
}

function spacesOf(plan: ReturnType<typeof planAddresses>): (string | undefined)[] {
  return plan.spaces.map((s) => (s ? format(s.cidr) : undefined));
}

describe('planAddresses', () => {
  it('allocates /16s from the pool in file order', () => {
    const plan = planAddresses({ pool: '10.0.0.0/8', poolExplicit: false, zones: zones(undefined, undefined, undefined) });
    expect(plan.problems).toEqual([]);
    expect(spacesOf(plan)).toEqual(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16']);
    expect(plan.spaces.every((s) => s!.auto)).toBe(true);
  });

  it('allocates from a pool that does not start at 10.0.0.0', () => {
    const plan = planAddresses({ pool: '172.16.0.0/12', poolExplicit: true, zones: zones(undefined, undefined) });
    expect(spacesOf(plan)).toEqual(['172.16.0.0/16', '172.17.0.0/16']);
  });

  it('skips explicit spaces of earlier zones when allocating', () => {
    const plan = planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones('10.0.0.0/16', '10.1.0.0/16', undefined, '10.3.16.0/20', undefined) });
    expect(plan.problems).toEqual([]);
    expect(spacesOf(plan)).toEqual(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.16.0/20', '10.4.0.0/16']);
    expect(plan.spaces.map((s) => s!.auto)).toEqual([false, false, true, false, true]);
  });

  it('reports an explicit space overlapping an earlier auto-allocated zone, saying it was allocated from the pool', () => {
    const plan = planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones(undefined, undefined, '10.1.128.0/17') });
    expect(plan.problems).toEqual([
      {
        path: 'landingZones[1].addressSpace',
        message: expect.stringContaining(
          '10.1.128.0/17 overlaps landingZones[0].addressSpace 10.1.0.0/16 (allocated from the pool because that zone sets none)',
        ),
      },
    ]);
    expect(plan.spaces[2]).toBeUndefined();
  });

  it('reports an explicit space overlapping an earlier explicit zone without the pool remark', () => {
    const plan = planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones('10.0.0.0/16', '10.0.0.0/8') });
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0].path).toBe('landingZones[0].addressSpace');
    expect(plan.problems[0].message).toContain('10.0.0.0/8 overlaps managementZone.addressSpace 10.0.0.0/16');
    expect(plan.problems[0].message).not.toContain('allocated from the pool');
  });

  it("never changes earlier zones' spaces when a zone is appended", () => {
    const start = [undefined, '10.1.0.0/16', undefined, '10.5.0.0/20', undefined];
    const before = spacesOf(planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones(...start) }));
    for (const appended of [undefined, '10.2.0.0/16', '10.100.0.0/16', '10.0.0.0/16']) {
      const after = planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones(...start, appended) });
      expect(spacesOf(after).slice(0, start.length)).toEqual(before);
    }
  });

  it('gives later auto zones the next free blocks around larger explicit spaces, overlapping none', () => {
    const plan = planAddresses({
      pool: '10.0.0.0/8',
      poolExplicit: true,
      zones: zones(undefined, '10.1.0.0/16', undefined, '10.4.0.0/15', undefined, undefined),
    });
    expect(plan.problems).toEqual([]);
    expect(spacesOf(plan)).toEqual(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.4.0.0/15', '10.3.0.0/16', '10.6.0.0/16']);
    const cidrs = plan.spaces.map((s) => s!.cidr);
    for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
  });

  it('reports an explicit space outside the pool, whether the pool is explicit or the default', () => {
    const explicit = planAddresses({ pool: '10.0.0.0/8', poolExplicit: true, zones: zones('10.0.0.0/16', '192.168.0.0/16') });
    expect(explicit.problems).toEqual([
      {
        path: 'landingZones[0].addressSpace',
        message: expect.stringContaining('192.168.0.0/16 lies outside network.addressPool 10.0.0.0/8; the hub firewall'),
      },
    ]);
    const implicit = planAddresses({ pool: '10.0.0.0/8', poolExplicit: false, zones: zones('10.0.0.0/16', '192.168.0.0/16') });
    expect(implicit.problems).toEqual([
      {
        path: 'landingZones[0].addressSpace',
        message: expect.stringContaining('(the default); the hub firewall only passes traffic from the pool: set network.addressPool'),
      },
    ]);
  });

  it('reports a pool smaller than /16 for zones without an address space, and still places explicit ones', () => {
    const plan = planAddresses({ pool: '10.0.0.0/18', poolExplicit: true, zones: zones('10.0.0.0/22', undefined, '10.0.16.0/20') });
    expect(plan.problems).toEqual([
      { path: 'landingZones[0].addressSpace', message: expect.stringContaining('network.addressPool 10.0.0.0/18 is smaller than the /16 a zone is given') },
    ]);
    expect(spacesOf(plan)).toEqual(['10.0.0.0/22', undefined, '10.0.16.0/20']);
  });

  it('reports an exhausted pool', () => {
    const plan = planAddresses({ pool: '10.0.0.0/15', poolExplicit: true, zones: zones(undefined, undefined, undefined) });
    expect(plan.problems).toEqual([{ path: 'landingZones[1].addressSpace', message: expect.stringContaining('has no free /16 left') }]);
    expect(spacesOf(plan)).toEqual(['10.0.0.0/16', '10.1.0.0/16', undefined]);
  });

  it('reports a zone too small for its subnets, with a prefix that would fit', () => {
    const plan = planAddresses({
      pool: '10.0.0.0/8',
      poolExplicit: true,
      zones: [
        { path: 'managementZone', addressSpace: '10.0.0.0/23', slotsNeeded: 4 },
        { path: 'landingZones[0]', addressSpace: '10.1.0.0/21', slotsNeeded: 9 },
        { path: 'landingZones[1]', addressSpace: '10.2.0.0/21', slotsNeeded: 8 },
      ],
    });
    expect(plan.problems).toEqual([
      {
        path: 'managementZone.addressSpace',
        message: expect.stringContaining('10.0.0.0/23 holds 2 /24 subnets (512 addresses) but the zone needs 4; use a larger block (e.g. a /22)'),
      },
      {
        path: 'landingZones[0].addressSpace',
        message: expect.stringContaining('10.1.0.0/21 holds 8 /24 subnets (2048 addresses) but the zone needs 9; use a larger block (e.g. a /20)'),
      },
    ]);
  });
});

function cidrByKey(slots: readonly SubnetSlot[]): Record<string, string> {
  return Object.fromEntries(slots.map((s) => [s.key, s.cidr]));
}

describe('subnet layout', () => {
  const space = c('10.1.0.0/16');

  it("places a landing zone's fixed subnets in slots 0-5", () => {
    const placed = cidrByKey(placeSubnets(space, landingZoneSubnetDefinitions([], [])));
    expect(placed).toEqual({
      services: '10.1.0.0/24',
      'dbw-integration-public': '10.1.1.0/24',
      'dbw-integration-private': '10.1.2.0/24',
      'dbw-product-public': '10.1.3.0/24',
      'dbw-product-private': '10.1.4.0/24',
      'powerbi-gateway': '10.1.5.0/24',
    });
  });

  it('places integrations from slot 8 up and products from the last /24 down', () => {
    const placed = cidrByKey(placeSubnets(space, landingZoneSubnetDefinitions(['telemetry', 'cloud-accounts'], ['recommender', 'revenue'])));
    expect(placed['di-telemetry']).toBe('10.1.8.0/24');
    expect(placed['di-cloud-accounts']).toBe('10.1.9.0/24');
    expect(placed['dp-recommender']).toBe('10.1.255.0/24');
    expect(placed['dp-revenue']).toBe('10.1.254.0/24');
    expect(Object.values(placed)).not.toContain('10.1.6.0/24');
    expect(Object.values(placed)).not.toContain('10.1.7.0/24');
  });

  it('records the role and owner of each integration and product subnet', () => {
    const slots = placeSubnets(space, landingZoneSubnetDefinitions(['telemetry'], ['recommender']));
    expect(slots.find((s) => s.key === 'di-telemetry')).toMatchObject({ role: 'data-integration', owner: 'telemetry' });
    expect(slots.find((s) => s.key === 'dp-recommender')).toMatchObject({ role: 'data-product', owner: 'recommender' });
  });

  it('never moves an existing subnet when an integration or a product is appended', () => {
    const integrations = ['telemetry', 'cloud-accounts'];
    const products = ['recommender', 'revenue'];
    const before = cidrByKey(placeSubnets(space, landingZoneSubnetDefinitions(integrations, products)));
    const withIntegration = cidrByKey(placeSubnets(space, landingZoneSubnetDefinitions([...integrations, 'crm'], products)));
    const withProduct = cidrByKey(placeSubnets(space, landingZoneSubnetDefinitions(integrations, [...products, 'forecast'])));
    expect(withIntegration).toEqual({ ...before, 'di-crm': '10.1.10.0/24' });
    expect(withProduct).toEqual({ ...before, 'dp-forecast': '10.1.253.0/24' });
  });

  it('fills a zone exactly as large as its subnets need without any two overlapping', () => {
    // A /20 holds 16 /24s: 8 fixed slots + 4 integrations + 4 products.
    const small = c('10.1.0.0/20');
    const defs = landingZoneSubnetDefinitions(['a', 'b', 'c', 'd'], ['p', 'q', 'r', 's']);
    expect(landingZoneSlotsNeeded(4, 4)).toBe(blockCount(small, 24));
    const cidrs = placeSubnets(small, defs).map((s) => c(s.cidr));
    for (const cidr of cidrs) expect(contains(small, cidr)).toBe(true);
    for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
    expect(format(cidrs[cidrs.length - 1])).toBe('10.1.12.0/24'); // the fourth product, just above the last integration
  });

  it("puts the management zone's firewall subnet in the first /24, services in the second, the Databricks web-auth pair in the two after", () => {
    const slots = placeSubnets(c('10.0.0.0/16'), managementZoneSubnetDefinitions());
    expect(slots.find((s) => s.role === 'firewall')?.cidr).toBe('10.0.0.0/24');
    expect(cidrByKey(slots)).toEqual({
      firewall: '10.0.0.0/24',
      services: '10.0.1.0/24',
      'dbw-webauth-public': '10.0.2.0/24',
      'dbw-webauth-private': '10.0.3.0/24',
    });
    // The smallest hub (the four slots the address plan reserves) holds them all.
    const smallest = c('10.0.0.0/22');
    expect(blockCount(smallest, 24)).toBe(managementZoneSlotsNeeded());
    for (const slot of placeSubnets(smallest, managementZoneSubnetDefinitions())) expect(contains(smallest, c(slot.cidr))).toBe(true);
    expect(hostAddress(c(slots[0].cidr), 4)).toBe('10.0.0.4');
  });
});
