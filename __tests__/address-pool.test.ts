import { validateEstate } from '../lib/estate/load';
import { contains, parseCidr } from '../lib/network/cidr';
import { shippedEstateProblems } from './helpers/problems';
import { all } from './helpers/stack-query';
import { loadShippedEstate, synth } from './helpers/synth';

/**
 * network.addressPool: every zone is numbered from it and the hub firewall passes traffic
 * from all of it, so it is a private range (RFC 1918) of at most a /8. Shared (RFC 6598) or
 * public space only with network.allowNonPrivateAddressPool: true; larger than a /8 never.
 */

const withNetwork = (network: Record<string, unknown>) => shippedEstateProblems((e) => (e.network = network), 'adatum');
const FIX = 'use a private range such as 10.0.0.0/8 (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)';

describe('network.addressPool', () => {
  it.each(['10.0.0.0/8', '10.64.0.0/10', '172.16.0.0/12', '172.30.0.0/15'])('accepts the private range %s', (pool) => {
    expect(withNetwork({ addressPool: pool })).toEqual([]);
  });

  it('accepts 192.168.0.0/16, with zones numbered by hand inside it', () => {
    const problems = shippedEstateProblems((e) => {
      e.network = { addressPool: '192.168.0.0/16' };
      e.managementZone.addressSpace = '192.168.0.0/22';
      e.landingZones[0].addressSpace = '192.168.16.0/20';
    }, 'adatum');
    expect(problems).toEqual([]);
  });

  it('accepts the default (no network, or no addressPool)', () => {
    expect(shippedEstateProblems(() => undefined, 'adatum')).toEqual([]);
    expect(withNetwork({ topology: 'peering' })).toEqual([]);
  });

  it.each([
    ['shared address space (RFC 6598)', '100.64.0.0/10'],
    ['public space', '11.0.0.0/8'],
    ['just below 172.16.0.0/12', '172.15.0.0/16'],
    ['just above 172.16.0.0/12', '172.32.0.0/16'],
    ['a block holding 192.168.0.0/16 and more', '192.168.0.0/15'],
  ])('refuses %s without the opt-in, naming field, value and fix', (_what, pool) => {
    expect(withNetwork({ addressPool: pool })).toContainEqual({
      path: 'network.addressPool',
      message: `"${pool}" is not a private range (RFC 1918); ${FIX}, or, for shared (100.64.0.0/10) or public space your organisation owns, set network.allowNonPrivateAddressPool: true`,
    });
  });

  it.each(['0.0.0.0/0', '0.0.0.0/1', '8.0.0.0/7', '10.0.0.0/7'])('refuses %s, larger than a /8, even with the opt-in', (pool) => {
    const expected = {
      path: 'network.addressPool',
      message: `"${pool}" is larger than a /8: every zone is numbered from the pool and the hub firewall passes traffic from all of it; ${FIX}`,
    };
    expect(withNetwork({ addressPool: pool })).toContainEqual(expected);
    expect(withNetwork({ addressPool: pool, allowNonPrivateAddressPool: true })).toContainEqual(expected);
  });

  it('accepts shared or public space with allowNonPrivateAddressPool: true, and numbers the zones from it', () => {
    for (const pool of ['100.64.0.0/10', '11.0.0.0/8']) {
      const estate = loadShippedEstate('adatum');
      estate.network = { addressPool: pool, allowNonPrivateAddressPool: true };
      const resolved = validateEstate(estate);
      expect(resolved.network.addressPool).toBe(pool);
      for (const zone of [resolved.managementZone, ...resolved.landingZones]) expect(contains(parseCidr(pool), parseCidr(zone.addressSpace))).toBe(true);
    }
  });

  it('refuses the opt-in on a private pool, and a value that is not a boolean', () => {
    expect(withNetwork({ addressPool: '10.0.0.0/8', allowNonPrivateAddressPool: true })).toEqual([
      { path: 'network.allowNonPrivateAddressPool', message: 'true is not needed: network.addressPool 10.0.0.0/8 is a private range (RFC 1918); remove it' },
    ]);
    expect(withNetwork({ addressPool: '100.64.0.0/10', allowNonPrivateAddressPool: 'yes' })).toContainEqual({
      path: 'network.allowNonPrivateAddressPool',
      message: expect.stringContaining('must be'),
    });
    expect(withNetwork({ allowNonPrivateAddressPool: false })).toEqual([]);
  });

  it('still requires explicit zone address spaces inside the pool', () => {
    const problems = shippedEstateProblems((e) => {
      e.network = { addressPool: '100.64.0.0/10', allowNonPrivateAddressPool: true };
      e.landingZones[0].addressSpace = '10.1.0.0/16';
    }, 'adatum');
    expect(problems).toEqual([
      { path: 'landingZones[0].addressSpace', message: expect.stringContaining('10.1.0.0/16 lies outside network.addressPool 100.64.0.0/10') },
    ]);
  });

  it('a synthesized estate on an opted-in shared pool numbers its networks and firewall rules from it', () => {
    const estate = loadShippedEstate('adatum');
    estate.network = { addressPool: '100.64.0.0/10', allowNonPrivateAddressPool: true };
    const { stacks } = synth(estate);
    const spaces = Object.values(stacks).flatMap((s) => all(s, 'azurerm_virtual_network').flatMap((v) => v.address_space as string[]));
    expect(spaces.length).toBeGreaterThanOrEqual(2);
    for (const space of spaces) expect(contains(parseCidr('100.64.0.0/10'), parseCidr(space))).toBe(true);
    expect(JSON.stringify(stacks.dmlz.resource?.azurerm_firewall_policy_rule_collection_group)).toContain('"100.64.0.0/10"');
  });
});
