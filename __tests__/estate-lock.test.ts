import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { EstateLock, EstateLockError, estateLockPath, isSchemaValid, readEstateLock } from '../lib/estate/lock/estate-lock';
import { KnownLocks } from '../lib/synth/known-locks';
import { generatedEstate } from '../scripts/estate-generator';
import { FrozenLockError } from '../lib/lock/frozen-lock-error';
import { DataLossError } from '../lib/lock/address-guard';
import { synthesizeEstate, SynthResult } from '../lib/synth/synthesize';
import { EstateValidationError } from '../lib/util/problems';
import { filesUnder } from './helpers/command';
import { all } from './helpers/stack-query';
import { loadShippedEstate } from './helpers/synth';

/**
 * The estate lock (spec section 5): allocations and data stores of deployed zones never
 * move, whatever is inserted, reordered or removed in the estate file; the lock, not a
 * previous output, is what the data-loss guard judges.
 */

type Json = Record<string, any>;

/** A small estate whose zones take their address spaces from the pool (no explicit addressSpace). */
function pooledEstate(zones: string[]): Json {
  return {
    estate: 'lockt',
    environment: 'dev',
    location: 'westeurope',
    managementZone: { subscriptionId: '00000000-0000-0000-0000-000000000001' },
    landingZones: zones.map((name) => zone(name)),
  };
}

/** A zone's subscription follows its name, not its position: zones keep theirs when others are inserted or removed. */
function zone(name: string): Json {
  return {
    name,
    subscriptionId: `00000000-0000-0000-0001-${Buffer.from(name).toString('hex').padStart(12, '0').slice(-12)}`,
    sharedServices: { databricks: false, synapse: false, dataFactory: false },
    dataIntegrations: [
      { name: 'ingest', sources: ['erp'], engine: 'data-factory' },
      { name: 'crm', sources: ['crm'], engine: 'data-factory' },
    ],
    dataProducts: [{ name: 'report', template: 'batch', engine: 'data-factory', inputs: ['ingest'] }],
  };
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-lock-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const estateFile = () => path.join(dir, 'estate.yaml');
const lockFile = () => path.join(dir, 'estate.lock.json');
const outdir = (name = 'cdktf.out') => path.join(dir, name);

function run(estate: Json, options: { allowDataLoss?: boolean; frozenLock?: boolean; out?: string } = {}): SynthResult {
  writeFileSync(estateFile(), JSON.stringify(estate));
  return synthesizeEstate({ estatePath: estateFile(), outdir: outdir(options.out), projectDir: dir, diagramOnWorkerThread: false, ...options });
}

const readLock = (): EstateLock => JSON.parse(readFileSync(lockFile(), 'utf8'));
const stackText = (stack: string, out = 'cdktf.out') => readFileSync(path.join(outdir(out), 'stacks', stack, 'cdk.tf.json'), 'utf8');
const stackJson = (stack: string, out = 'cdktf.out'): Json => JSON.parse(stackText(stack, out));

/** Every subnet's address prefixes in a stack, by subnet name. */
function subnetRanges(stack: string): Record<string, string[]> {
  return Object.fromEntries(all(stackJson(stack), 'azurerm_subnet').map((s) => [s.name, s.address_prefixes]));
}

const vnetRange = (stack: string) => all(stackJson(stack), 'azurerm_virtual_network')[0].address_space;

function thrown<T extends Error>(type: new (...args: any[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}, but the synth went through`);
}

describe('estate lock', () => {
  it('is named after the estate file and lives beside it', () => {
    expect(estateLockPath('estates/relecloud.yaml')).toBe(path.join('estates', 'relecloud.lock.json'));
    expect(estateLockPath('/x/adatum.json')).toBe('/x/adatum.lock.json');
    expect(estateLockPath('prod.YML')).toBe('prod.lock.json');
  });

  it('is created by the first synth with every zone, item subnet and data store', () => {
    const result = run(pooledEstate(['alpha', 'beta']));
    expect(result.lock.status).toBe('created');
    const lock = readLock();
    expect(lock.zones.map((z) => [z.stack, z.addressSpace])).toEqual([
      ['dmlz', '10.0.0.0/16'],
      ['dlz-alpha', '10.1.0.0/16'],
      ['dlz-beta', '10.2.0.0/16'],
    ]);
    expect(lock.zones[1]!.items).toEqual({
      ingest: { kind: 'integration', subnet: '10.1.8.0/24' },
      crm: { kind: 'integration', subnet: '10.1.9.0/24' },
      report: { kind: 'product', subnet: '10.1.255.0/24' },
    });
    // The data stores are those of the synthesized stack, with their Azure names and owners.
    const alpha = stackJson('dlz-alpha');
    const vaults = Object.entries(lock.zones[1]!.dataStores).filter(([address]) => address.startsWith('azurerm_key_vault.'));
    for (const [address, store] of vaults) expect(alpha.resource.azurerm_key_vault[address.split('.')[1]!].name).toBe(store.identity.name);
    expect(Object.values(lock.zones[1]!.dataStores).filter((s) => s.owner === 'report').length).toBeGreaterThanOrEqual(3);
    // A second synth of the same estate changes nothing.
    expect(run(pooledEstate(['alpha', 'beta'])).lock.status).toBe('unchanged');
  });

  it('keeps every existing stack byte-identical when a zone is inserted at the top of the file; the new zone gets a free range', () => {
    run(pooledEstate(['alpha', 'beta']));
    const before = { alpha: stackText('dlz-alpha'), beta: stackText('dlz-beta'), dmlz: stackText('dmlz') };
    const estate = pooledEstate(['alpha', 'beta']);
    estate.landingZones.unshift(zone('gamma'));
    run(estate);
    expect(stackText('dlz-alpha')).toBe(before.alpha);
    expect(stackText('dlz-beta')).toBe(before.beta);
    expect(stackText('dmlz')).toBe(before.dmlz);
    expect(vnetRange('dlz-gamma')).toEqual(['10.3.0.0/16']);
    // It joins last: it holds its peerings with every earlier zone.
    expect(readLock().zones.map((z) => z.stack)).toEqual(['dmlz', 'dlz-alpha', 'dlz-beta', 'dlz-gamma']);
  });

  it('keeps every stack byte-identical when zones are reordered', () => {
    run(pooledEstate(['alpha', 'beta', 'gamma']));
    const before = ['dlz-alpha', 'dlz-beta', 'dlz-gamma', 'dmlz'].map((s) => stackText(s));
    const estate = pooledEstate(['alpha', 'beta', 'gamma']);
    estate.landingZones.reverse();
    const result = run(estate);
    expect(['dlz-alpha', 'dlz-beta', 'dlz-gamma', 'dmlz'].map((s) => stackText(s))).toEqual(before);
    expect(result.lock.status).toBe('unchanged');
  });

  it('moves no other item when an integration is inserted at the top of a zone, or items are reordered', () => {
    run(pooledEstate(['alpha']));
    const before = subnetRanges('dlz-alpha');
    const estate = pooledEstate(['alpha']);
    estate.landingZones[0].dataIntegrations.unshift({ name: 'billing', sources: ['billing'], engine: 'data-factory' });
    estate.landingZones[0].dataProducts.unshift({ name: 'forecast', template: 'batch', engine: 'data-factory', inputs: ['crm'] });
    estate.landingZones[0].dataIntegrations.reverse();
    const result = run(estate);
    const after = subnetRanges('dlz-alpha');
    for (const [name, range] of Object.entries(before)) expect([name, after[name]]).toEqual([name, range]);
    expect(after['snet-di-billing']).toEqual(['10.1.10.0/24']);
    expect(after['snet-dp-forecast']).toEqual(['10.1.254.0/24']);
    // Nothing of the zone is removed or replaced; only the new items are added.
    const alpha = result.changes.find((c) => c.stack === 'dlz-alpha')!;
    expect(alpha.removed).toEqual([]);
    expect(alpha.replaced).toEqual([]);
    expect(alpha.added.every((a) => /billing|forecast/.test(a))).toBe(true);
  });

  it('retires a removed product: its data stores and resource group are forgotten (removed blocks, destroy = false), nothing else moves', () => {
    run(pooledEstate(['alpha', 'beta']));
    const lockBefore = readLock();
    const beta = stackText('dlz-beta');
    const subnetsBefore = subnetRanges('dlz-alpha');
    const estate = pooledEstate(['alpha', 'beta']);
    estate.landingZones[0].dataProducts = [];
    const result = run(estate);
    const owned = Object.entries(lockBefore.zones[1]!.dataStores)
      .filter(([, s]) => s.owner === 'report')
      .map(([a]) => a)
      .sort();
    expect(owned.some((a) => a.startsWith('azurerm_mssql_server.'))).toBe(true);
    expect(owned.some((a) => a.startsWith('azurerm_resource_group.'))).toBe(true);
    const alpha = stackJson('dlz-alpha');
    expect(alpha.removed).toEqual(owned.map((from) => ({ from, lifecycle: { destroy: false } })));
    for (const address of owned) expect(alpha.resource[address.split('.')[0]!]?.[address.split('.')[1]!]).toBeUndefined();
    expect(result.retirements.items).toEqual([{ stack: 'dlz-alpha', item: 'report', kind: 'product', addresses: owned }]);
    // The lock keeps the item, retired, with its subnet reserved and its stores.
    const lock = readLock();
    expect(lock.zones[1]!.items.report).toEqual({ kind: 'product', subnet: '10.1.255.0/24', retired: true });
    expect(owned.every((a) => lock.zones[1]!.dataStores[a]!.retired)).toBe(true);
    // Other items and zones are untouched.
    const subnetsAfter = subnetRanges('dlz-alpha');
    delete subnetsBefore['snet-dp-report'];
    expect(subnetsAfter).toEqual(subnetsBefore);
    expect(stackText('dlz-beta')).toBe(beta);
    // The retirement persists: synthesized again (a fresh clone has only the lock), the removed blocks are still written.
    rmSync(outdir(), { recursive: true });
    run(estate);
    expect(stackJson('dlz-alpha').removed).toEqual(alpha.removed);
    // A new item may not take the retired name while its data is kept.
    const reused = structuredClone(estate);
    reused.landingZones[0].dataProducts = [{ name: 'report', template: 'batch', engine: 'data-factory', inputs: ['ingest'] }];
    const invalid = thrown(EstateValidationError, () => run(reused));
    expect(invalid.message).toMatch(/landingZones\[0\]\.dataProducts\[0\]\.name: "report" was retired from landing zone "alpha"/);
  });

  it('retires a removed landing zone: a stack of its own tears it down and forgets its data stores; later zones drop their peerings with it', () => {
    run(pooledEstate(['alpha', 'beta', 'gamma']));
    const lockBefore = readLock();
    const gammaPeerings = Object.keys(stackJson('dlz-gamma').resource.azurerm_virtual_network_peering);
    expect(gammaPeerings.some((p) => p.includes('alpha'))).toBe(true);
    const result = run(pooledEstate(['beta', 'gamma']));
    expect(result.stacks).toContain('dlz-alpha');
    const retired = stackJson('dlz-alpha');
    expect(retired.resource).toBeUndefined();
    const stores = Object.keys(lockBefore.zones[1]!.dataStores).sort();
    expect(retired.removed).toEqual(stores.map((from) => ({ from, lifecycle: { destroy: false } })));
    // Same state, and the providers its peerings were made with, so Terraform can destroy the rest.
    expect(retired.terraform.backend).toEqual({ local: { path: expect.stringMatching(/\/dlz-alpha\.tfstate$/) } });
    expect(retired.provider.azurerm.map((p: Json) => p.alias ?? '')).toEqual(['', 'dmlz']);
    // Later zones no longer peer with it.
    const gamma = stackJson('dlz-gamma');
    expect(Object.keys(gamma.resource.azurerm_virtual_network_peering).some((p) => p.includes('alpha'))).toBe(false);
    expect(Object.keys(gamma.data.terraform_remote_state)).not.toContain('remote-state-dlz-alpha');
    // The lock keeps it, retired; its range stays taken.
    const lock = readLock();
    expect(lock.zones.find((z) => z.stack === 'dlz-alpha')).toMatchObject({ retired: true, addressSpace: '10.1.0.0/16' });
    const estate = pooledEstate(['beta', 'gamma']);
    estate.landingZones.push(zone('delta'));
    run(estate);
    expect(vnetRange('dlz-delta')).toEqual(['10.4.0.0/16']);
    // Its name is taken while its data is kept.
    const reused = pooledEstate(['beta', 'gamma', 'alpha']);
    expect(thrown(EstateValidationError, () => run(reused)).message).toMatch(/landingZones\[2\]\.name: landing zone "alpha" was retired/);
  });

  it('guards data stores from the lock alone: a fresh output directory still refuses a change that would replace the lakes', () => {
    const estate = pooledEstate(['alpha']);
    run(estate);
    const lockText = readFileSync(lockFile(), 'utf8');
    const changed = structuredClone(estate);
    changed.landingZones[0].shortName = 'alp';
    const error = thrown(DataLossError, () => run(changed, { out: 'fresh.out' }));
    expect(
      error.losses.some((l) => l.address.startsWith('azurerm_storage_account.') && /name "lockt\w*alpha\w*" -> "lockt\w*alp\w*"/.test(l.replacedBy ?? '')),
    ).toBe(true);
    expect(existsSync(outdir('fresh.out'))).toBe(false);
    expect(readFileSync(lockFile(), 'utf8')).toBe(lockText);
  });

  it('refuses a data store that vanishes while its item is still in the estate (a refactor), even with no previous output', () => {
    run(pooledEstate(['alpha']));
    const lock = readLock();
    // As if an earlier version of the code had put a data store at an address the code no longer writes.
    (lock.zones[1]!.dataStores as Record<string, unknown>)['azurerm_key_vault.landing-zone_old-vault_12345678'] = {
      owner: 'ingest',
      identity: { name: 'locktalphaoldkv' },
    };
    writeFileSync(lockFile(), JSON.stringify(lock));
    rmSync(outdir(), { recursive: true });
    const error = thrown(DataLossError, () => run(pooledEstate(['alpha'])));
    expect(error.losses).toEqual([{ stack: 'dlz-alpha', address: 'azurerm_key_vault.landing-zone_old-vault_12345678' }]);
    expect(existsSync(outdir())).toBe(false);
    // --allow-data-loss lets it through, and the lock forgets the entry.
    run(pooledEstate(['alpha']), { allowDataLoss: true });
    expect(readLock().zones[1]!.dataStores['azurerm_key_vault.landing-zone_old-vault_12345678']).toBeUndefined();
  });

  it('judges an explicit addressSpace that contradicts the lock as a data-loss change', () => {
    run(pooledEstate(['alpha']));
    const estate = pooledEstate(['alpha']);
    estate.landingZones[0].addressSpace = '10.9.0.0/16';
    const error = thrown(DataLossError, () => run(estate));
    expect(error.message).toMatch(/dlz-alpha: virtual network \(replaced: address space "10\.1\.0\.0\/16" \(estate lock\) -> "10\.9\.0\.0\/16"/);
    run(estate, { allowDataLoss: true });
    expect(readLock().zones[1]!.addressSpace).toBe('10.9.0.0/16');
    // Writing the locked range explicitly is no change at all.
    estate.landingZones[0].addressSpace = '10.9.0.0/16';
    expect(run(estate).lock.status).toBe('unchanged');
  });

  it('refuses moving a deployed zone to another subscription', () => {
    run(pooledEstate(['alpha']));
    const estate = pooledEstate(['alpha']);
    estate.landingZones[0].subscriptionId = '00000000-0000-0000-0002-000000000001';
    const error = thrown(DataLossError, () => run(estate));
    expect(error.losses).toEqual([
      expect.objectContaining({
        stack: 'dlz-alpha',
        address: 'subscription',
        replacedBy: expect.stringMatching(/subscriptionId "00000000-0000-0000-0001-00616c706861" \(estate lock\) -> "00000000-0000-0000-0002-000000000001"/),
      }),
    ]);
  });

  it('--frozen-lock fails, naming the entries, and writes nothing when the lock would change; passes when it would not', () => {
    const missing = thrown(FrozenLockError, () => run(pooledEstate(['alpha']), { frozenLock: true }));
    expect(missing.message).toMatch(/does not exist yet/);
    expect(existsSync(lockFile())).toBe(false);
    expect(existsSync(outdir())).toBe(false);
    run(pooledEstate(['alpha']));
    expect(run(pooledEstate(['alpha']), { frozenLock: true }).lock.status).toBe('unchanged');
    const before = filesUnder(outdir());
    const lockText = readFileSync(lockFile(), 'utf8');
    const estate = pooledEstate(['alpha', 'beta']);
    estate.landingZones[0].dataProducts = [];
    const error = thrown(FrozenLockError, () => run(estate, { frozenLock: true }));
    expect(error.changes).toEqual(
      expect.arrayContaining([
        'dlz-beta: new zone (address space 10.2.0.0/16)',
        expect.stringMatching(/^dlz-alpha: item report: retired \(\d+ data stores kept\)$/),
      ]),
    );
    expect(error.message).toMatch(/Run npm run synth without --frozen-lock/);
    expect(filesUnder(outdir())).toEqual(before);
    expect(readFileSync(lockFile(), 'utf8')).toBe(lockText);
  });

  it('refuses an unreadable lock and a lock of another estate, naming the file; never replaces them', () => {
    run(pooledEstate(['alpha']));
    writeFileSync(lockFile(), '{ "lockVersion": 1, "estate": ');
    const corrupt = thrown(EstateLockError, () => run(pooledEstate(['alpha'])));
    expect(corrupt.message).toContain(lockFile());
    expect(corrupt.message).toMatch(/is not valid JSON .*restore it from version control/);
    expect(readFileSync(lockFile(), 'utf8')).toBe('{ "lockVersion": 1, "estate": ');

    rmSync(lockFile());
    const adatum = loadShippedEstate('adatum');
    run(adatum);
    const other = thrown(EstateLockError, () => run(pooledEstate(['alpha'])));
    expect(other.message).toMatch(/belongs to estate "adatum" \(prod\), not to "lockt" \(dev\)/);
  });
});

/**
 * Lock texts known to pass the lock's schema (issue 19, lib/synth/known-locks.ts): the lock
 * a synth with the stack cache wrote is read back by the next one without the schema; anything
 * else, a lock edited by hand included, goes through it.
 */
const lockedZone = (stack: string, subnet = '10.1.1.0/24') => ({
  stack,
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  addressSpace: '10.1.0.0/16',
  providers: {},
  items: { ingest: { kind: 'integration' as const, subnet } },
  dataStores: {},
});
const lockWith = (...zones: ReturnType<typeof lockedZone>[]): EstateLock => ({ lockVersion: 1, estate: 'gen', environment: 'dev', zones });

describe('KnownLocks', () => {
  it('knows a text added by the same code version, byte for byte, and nothing else', () => {
    const known = new KnownLocks(path.join(dir, 'locks'), 'v1');
    expect(known.has('{"a":1}\n')).toBe(false);
    known.add('{"a":1}\n');
    expect(known.has('{"a":1}\n')).toBe(true);
    expect(known.has('{"a":2}\n')).toBe(false);
    expect(known.has('{"a":1}')).toBe(false);
    expect(new KnownLocks(path.join(dir, 'locks'), 'v2').has('{"a":1}\n')).toBe(false);
  });

  it(`keeps the ${KnownLocks.KEPT} most recently added or used texts`, () => {
    const locks = path.join(dir, 'locks');
    const known = new KnownLocks(locks, 'v1');
    const texts = Array.from({ length: KnownLocks.KEPT + 3 }, (_, n) => `lock ${n}`);
    for (const text of texts) {
      // File times only order them: each text added is a minute newer than those before it.
      for (const name of existsSync(locks) ? readdirSync(locks) : []) {
        const file = path.join(locks, name);
        const older = new Date(statSync(file).mtimeMs - 60_000);
        utimesSync(file, older, older);
      }
      known.add(text);
    }
    expect(readdirSync(locks)).toHaveLength(KnownLocks.KEPT);
    expect(texts.filter((text) => known.has(text))).toEqual(texts.slice(3));
  });

  it('loses only the shortcut where it cannot write', () => {
    // A file where its directory would be (permissions stop no one running as root).
    writeFileSync(path.join(dir, 'blocked'), '');
    const known = new KnownLocks(path.join(dir, 'blocked', 'locks'), 'v1');
    expect(() => known.add('text')).not.toThrow();
    expect(known.has('text')).toBe(false);
  });
});

describe('readEstateLock with known texts', () => {
  it('parses a known text without the schema, and still refuses a lock listing a stack twice or not starting with dmlz', () => {
    const file = path.join(dir, 'estate.lock.json');
    // Not a CIDR: the schema refuses it, unless the text is known (to have passed it before).
    writeFileSync(file, JSON.stringify(lockWith(lockedZone('dmlz'), lockedZone('dlz-a', 'not-a-cidr'))));
    expect(() => readEstateLock(file)).toThrow(/is not an estate lock of version 1 \(zones\[1\]\.items\.ingest\.subnet: /);
    expect(readEstateLock(file, { known: () => true })!.zones[1]!.items.ingest!.subnet).toBe('not-a-cidr');
    expect(() => readEstateLock(file, { known: () => false })).toThrow(EstateLockError);
    writeFileSync(file, JSON.stringify(lockWith(lockedZone('dmlz'), lockedZone('dlz-a'), lockedZone('dlz-a'))));
    expect(() => readEstateLock(file, { known: () => true })).toThrow(/lists stack dlz-a twice/);
    writeFileSync(file, JSON.stringify(lockWith(lockedZone('dlz-a'), lockedZone('dmlz'))));
    expect(() => readEstateLock(file, { known: () => true })).toThrow(/must list the management zone \(dmlz\) first/);
  });
});

describe('isSchemaValid', () => {
  it('checks the zones not known valid, and always the top level', () => {
    const bad = lockWith(lockedZone('dmlz'), lockedZone('dlz-a', 'not-a-cidr'));
    expect(isSchemaValid(lockWith(lockedZone('dmlz'), lockedZone('dlz-a')), new Set())).toBe(true);
    expect(isSchemaValid(bad, new Set(['dmlz']))).toBe(false);
    // Known valid: equal to a zone of a lock that passed (the synth's unchanged zones).
    expect(isSchemaValid(bad, new Set(['dlz-a']))).toBe(true);
    expect(isSchemaValid({ ...lockWith(lockedZone('dmlz')), estate: '' }, new Set(['dmlz']))).toBe(false);
  });
});

describe('the lock a synth with the stack cache wrote', () => {
  const known = () => new KnownLocks(path.join(dir, 'cache', 'locks'), 'test');
  const synth = (estate: Json) => {
    writeFileSync(estateFile(), JSON.stringify(estate));
    const cache = { dir: path.join(dir, 'cache'), codeVersion: 'test' };
    return synthesizeEstate({ estatePath: estateFile(), outdir: outdir(), projectDir: dir, diagramOnWorkerThread: false, cache });
  };

  it('knows the lock it wrote, and the one an edit led to; a lock edited by hand goes through the schema', () => {
    const estate: Json = { ...generatedEstate(1), network: { topology: 'avnm' } };
    expect(synth(estate).lock.status).toBe('created');
    expect(known().has(readFileSync(lockFile(), 'utf8'))).toBe(true);
    // A new product: its zone's entry changes, and only that zone is checked by the schema.
    estate.landingZones[0].dataProducts.push({ name: 'extra', template: 'batch', inputs: ['ingest'] });
    expect(synth(estate).lock.status).toBe('updated');
    expect(known().has(readFileSync(lockFile(), 'utf8'))).toBe(true);
    const edited = readFileSync(lockFile(), 'utf8').replace(/"subnet": "[^"]+"/, '"subnet": "10.1.2.0/33x"');
    writeFileSync(lockFile(), edited);
    expect(() => synth(estate)).toThrow(/is not an estate lock of version 1 \(zones\[1\]\.items\.[a-z]+\.subnet: /);
    expect(readFileSync(lockFile(), 'utf8')).toBe(edited);
  }, 60_000);
});
