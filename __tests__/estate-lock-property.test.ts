import fc from 'fast-check';
import { validateEstate } from '../lib/estate/load';
import { Estate } from '../lib/estate/model';
import { EstateLock } from '../lib/estate/lock/estate-lock';
import { nextEstateLock } from '../lib/lock/lock-update';
import { planRetirements } from '../lib/lock/retirement';
import { format, overlaps, parseCidr } from '../lib/network/cidr';

/**
 * Property: over any sequence of the edits a platform team makes (insert a zone anywhere,
 * remove one, reorder zones, insert an item anywhere, remove one, reorder items), no zone or
 * item that exists before and after an edit changes its address space or subnet, and nothing
 * new overlaps anything deployed or retired. Runs on validation and resolution with the lock
 * (no synth), so it can try many sequences.
 */

type Item = { name: string; kind: 'integration' | 'product' };
type Zone = { name: string; items: Item[] };
type Edit =
  | { op: 'insertZone'; at: number; items: number }
  | { op: 'removeZone'; at: number }
  | { op: 'reorderZones'; seed: number }
  | { op: 'insertItem'; zone: number; at: number; kind: Item['kind'] }
  | { op: 'removeItem'; zone: number; at: number }
  | { op: 'reorderItems'; zone: number; seed: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insertZone' as const), at: fc.nat(8), items: fc.nat(3) }),
  fc.record({ op: fc.constant('removeZone' as const), at: fc.nat(8) }),
  fc.record({ op: fc.constant('reorderZones' as const), seed: fc.nat() }),
  fc.record({ op: fc.constant('insertItem' as const), zone: fc.nat(8), at: fc.nat(8), kind: fc.constantFrom('integration' as const, 'product' as const) }),
  fc.record({ op: fc.constant('removeItem' as const), zone: fc.nat(8), at: fc.nat(8) }),
  fc.record({ op: fc.constant('reorderItems' as const), zone: fc.nat(8), seed: fc.nat() }),
);

/** Names are never reused: a retired name stays taken (validation refuses it, tested elsewhere). */
function namer() {
  let n = 0;
  return (prefix: string) => `${prefix}${(n++).toString(36)}`;
}

function shuffle<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function apply(zones: Zone[], e: Edit, name: (p: string) => string): Zone[] {
  const next = zones.map((z) => ({ ...z, items: [...z.items] }));
  const pick = (i: number) => (next.length ? next[i % next.length] : undefined);
  switch (e.op) {
    case 'insertZone':
      next.splice(e.at % (next.length + 1), 0, {
        name: name('z'),
        items: Array.from({ length: e.items }, (_, i) => ({ name: name('i'), kind: i % 2 ? 'product' : 'integration' })),
      });
      break;
    case 'removeZone':
      if (next.length) next.splice(e.at % next.length, 1);
      break;
    case 'reorderZones':
      return shuffle(next, e.seed);
    case 'insertItem': {
      const zone = pick(e.zone);
      zone?.items.splice(e.at % (zone.items.length + 1), 0, { name: name('i'), kind: e.kind });
      break;
    }
    case 'removeItem': {
      const zone = pick(e.zone);
      if (zone?.items.length) zone.items.splice(e.at % zone.items.length, 1);
      break;
    }
    case 'reorderItems': {
      const zone = pick(e.zone);
      if (zone) zone.items = shuffle(zone.items, e.seed);
      break;
    }
  }
  return next;
}

function estateFile(zones: Zone[]): object {
  return {
    estate: 'prop',
    environment: 'dev',
    location: 'westeurope',
    network: { addressPool: '10.0.0.0/12' },
    managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001' },
    landingZones: zones.map((zone, i) => ({
      name: zone.name,
      subscriptionId: `00000000-0000-0000-0001-${String(i + 1).padStart(12, '0')}`,
      addressSpace: undefined,
      dataIntegrations: zone.items.filter((i) => i.kind === 'integration').map((i) => ({ name: i.name, sources: ['src'], engine: 'data-factory' })),
      dataProducts: zone.items.filter((i) => i.kind === 'product').map((i) => ({ name: i.name, template: 'batch', engine: 'data-factory' })),
    })),
  };
}

/** Zone name to address space, and zone/item to subnet, as resolved. */
function allocations(estate: Estate) {
  const zones = new Map(estate.landingZones.map((z) => [z.name, z.addressSpace]));
  const items = new Map(estate.landingZones.flatMap((z) => z.subnets.filter((s) => s.owner).map((s) => [`${z.name}/${s.owner}`, s.cidr] as const)));
  return { zones, items };
}

function step(zones: Zone[], lock: EstateLock | undefined): { estate: Estate; lock: EstateLock } {
  const estate = validateEstate(estateFile(zones), 'estate', { lock });
  return { estate, lock: nextEstateLock(lock, estate, undefined, planRetirements(lock, estate)) };
}

describe('estate lock property', () => {
  it('no deployed zone or item ever moves, and nothing new overlaps what is deployed or retired', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (initial, edits) => {
        const name = namer();
        let zones: Zone[] = initial.map((count) => ({
          name: name('z'),
          items: Array.from({ length: count }, (_, i) => ({ name: name('i'), kind: i % 2 ? 'product' : 'integration' })),
        }));
        let { estate, lock } = step(zones, undefined);
        for (const e of edits) {
          const before = allocations(estate);
          zones = apply(zones, e, name);
          ({ estate, lock } = step(zones, lock));
          const after = allocations(estate);
          for (const [zone, space] of after.zones) if (before.zones.has(zone)) expect([zone, space]).toEqual([zone, before.zones.get(zone)]);
          for (const [item, subnet] of after.items) if (before.items.has(item)) expect([item, subnet]).toEqual([item, before.items.get(item)]);
          // Every range in the lock, retired or not, is distinct; every subnet lies in its zone.
          const ranges = lock.zones.map((z) => parseCidr(z.addressSpace));
          ranges.forEach((a, i) => ranges.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
          for (const zone of lock.zones) {
            const subnets = Object.values(zone.items).map((i) => i.subnet);
            expect(new Set(subnets).size).toBe(subnets.length);
            for (const subnet of subnets) expect(format(parseCidr(subnet)).startsWith(zone.addressSpace.split('.').slice(0, 2).join('.'))).toBe(true);
          }
        }
      }),
      { numRuns: process.env.CI ? 150 : 60, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261206 : undefined },
    );
  });
});
