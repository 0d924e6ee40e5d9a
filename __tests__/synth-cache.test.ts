import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { generatedEstate } from '../scripts/estate-generator';
import { synthesizeEstate, SynthResult } from '../lib/synth/synthesize';
import type { StackCacheOptions } from '../lib/synth/stack-cache-run';
import { ReadTracker } from '../lib/synth/read-tracking';
import { ReadReplay, trackEnvironment } from '../lib/synth/read-replay';
import { Fingerprints, subtreeOf } from '../lib/synth/read-subtrees';
import { TagsAspect } from '../lib/constructs/shared/tags-aspect';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { loadEstateFile } from '../lib/estate/load';
import { diagramModel } from '../lib/diagram/layout-model';
import { elkGraph, layoutSync } from '../lib/diagram/elk-layout';
import { cachedZoneLayouts, ZoneLayoutCacheOptions } from '../lib/diagram/zone-layout-cache';
import { addressChanges } from '../lib/lock/address-guard';
import { readStackDigests, unchangedStacks } from '../lib/lock/written-stacks';

/**
 * The stack cache (issue 19, lib/synth/stack-cache-run.ts): a synth that takes stacks from the
 * cache writes, file for file and byte for byte, what a synth without it writes from the same
 * estate and lock, and it does take stacks from it. Wall-clock times are measured elsewhere
 * (never asserted here).
 */

/** Hooks for the test of reads outside every stack (below); inert unless `on`. */
const smuggle = { on: false, value: undefined as unknown };
jest.mock('../lib/lock/peering-layout', () => {
  const actual = jest.requireActual('../lib/lock/peering-layout');
  return {
    ...actual,
    peeringLayout: (estate: { landingZones: { governance: { budget?: { amount: number } } }[] }, plan: unknown) => {
      // Read by the app itself, outside any stack, and handed on through module state.
      if (smuggle.on) smuggle.value = estate.landingZones[0]?.governance.budget?.amount;
      return actual.peeringLayout(estate, plan);
    },
  };
});

const scratch = mkdtempSync(path.join(tmpdir(), 'csa-stack-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let projects = 0;

const PINNED_TODAY = '2026-12-07';
beforeAll(() => {
  process.env.CSA_TODAY = PINNED_TODAY;
});
afterAll(() => {
  delete process.env.CSA_TODAY;
});

type EstateJson = Record<string, any>;

function project(estate: EstateJson, lock?: string): string {
  const dir = path.join(scratch, `p${projects++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(estate, null, 2));
  if (lock !== undefined) writeFileSync(path.join(dir, 'estate.lock.json'), lock);
  return dir;
}

function synth(dir: string, options: { cache?: StackCacheOptions; layoutCache?: ZoneLayoutCacheOptions; allowDataLoss?: boolean } = {}): SynthResult {
  return synthesizeEstate({
    estatePath: path.join(dir, 'estate.json'),
    outdir: path.join(dir, 'out'),
    projectDir: dir,
    diagramOnWorkerThread: false,
    ...options,
  });
}

type Outcome = { files: Map<string, Buffer>; result: SynthResult } | { error: string };

function attempt(dir: string, options: { cache?: StackCacheOptions; allowDataLoss?: boolean }): Outcome {
  try {
    const result = synth(dir, options);
    return { files: files(path.join(dir, 'out')), result };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message.split(dir).join('<dir>')}` };
  }
}

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at).sort()) {
      const full = path.join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) if (!actual.get(file)!.equals(bytes)) throw new Error(`${file} differs from a synth without the cache`);
}

function lockOf(dir: string): string | undefined {
  const file = path.join(dir, 'estate.lock.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

// ---------------------------------------------------------------------------------------------
// The estates and edits of the property test.

interface Shape {
  readonly zones: number;
  readonly topology: 'peering' | 'avnm';
  /** Cross-zone inputs: zone a's product reads zone b's integration. */
  readonly cross: readonly (readonly [number, number])[];
}

function estateOf(shape: Shape): EstateJson {
  const estate = generatedEstate(shape.zones);
  estate.network = { topology: shape.topology };
  for (const [a, b] of shape.cross) {
    const [from, to] = [a % shape.zones, b % shape.zones];
    const inputs: string[] = estate.landingZones[from].dataProducts[0].inputs;
    const input = `lz${to + 1}/ingest`;
    if (from !== to && !inputs.includes(input)) inputs.push(input);
  }
  return estate;
}

type Edit =
  | { op: 'template'; zone: number; template: 'batch' | 'analytics' | 'streaming' }
  | { op: 'engine'; zone: number; engine: 'databricks' | 'data-factory' | 'synapse' }
  | { op: 'addIntegration'; zone: number; engine: 'databricks' | 'data-factory' | 'synapse' }
  | { op: 'addProduct'; zone: number; template: 'batch' | 'analytics' | 'streaming' }
  | { op: 'removeIntegration'; zone: number }
  | { op: 'location'; zone: number; location: 'northeurope' | 'eastus2' | 'westeurope' }
  | { op: 'subscription'; zone: number; subscription: number }
  | { op: 'estateTags'; value: string }
  | { op: 'shortName'; zone: number }
  | { op: 'appendZone' }
  | { op: 'removeZone'; zone: number }
  | { op: 'policyEffect'; zone: number; effect: 'Audit' | 'Deny' }
  | { op: 'exemption'; zone: number }
  | { op: 'costCenter'; zone: number; value: string }
  | { op: 'crossInput'; zone: number; to: number };

const ENGINES = ['databricks', 'data-factory', 'synapse'] as const;
const zone = fc.nat(40);
const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('template' as const), zone, template: fc.constantFrom('batch' as const, 'analytics' as const, 'streaming' as const) }),
  fc.record({ op: fc.constant('engine' as const), zone, engine: fc.constantFrom(...ENGINES) }),
  fc.record({ op: fc.constant('addIntegration' as const), zone, engine: fc.constantFrom(...ENGINES) }),
  fc.record({ op: fc.constant('addProduct' as const), zone, template: fc.constantFrom('batch' as const, 'analytics' as const, 'streaming' as const) }),
  fc.record({ op: fc.constant('removeIntegration' as const), zone }),
  fc.record({ op: fc.constant('location' as const), zone, location: fc.constantFrom('northeurope' as const, 'eastus2' as const, 'westeurope' as const) }),
  fc.record({ op: fc.constant('subscription' as const), zone, subscription: fc.nat(3) }),
  fc.record({ op: fc.constant('estateTags' as const), value: fc.constantFrom('data', 'platform') }),
  fc.record({ op: fc.constant('shortName' as const), zone }),
  fc.record({ op: fc.constant('appendZone' as const) }),
  fc.record({ op: fc.constant('removeZone' as const), zone }),
  fc.record({ op: fc.constant('policyEffect' as const), zone: fc.integer({ min: -1, max: 40 }), effect: fc.constantFrom('Audit' as const, 'Deny' as const) }),
  fc.record({ op: fc.constant('exemption' as const), zone }),
  fc.record({ op: fc.constant('costCenter' as const), zone, value: fc.constantFrom('cc-1', 'cc-2') }),
  fc.record({ op: fc.constant('crossInput' as const), zone, to: zone }),
);

/** Drops every input that reads `zoneName` (all its items, or just `item`). */
function dropInputs(estate: EstateJson, zoneName: string, item?: string): void {
  for (const lz of estate.landingZones)
    for (const product of lz.dataProducts ?? []) {
      product.inputs = (product.inputs ?? []).filter((input: string) => {
        const [z, name] = input.includes('/') ? input.split('/') : [lz.name, input];
        return !(z === zoneName && (item === undefined || name === item));
      });
    }
}

function applyEdit(estate: EstateJson, edit: Edit): EstateJson {
  const next = JSON.parse(JSON.stringify(estate)) as EstateJson;
  const zones = next.landingZones as EstateJson[];
  const at = (i: number) => zones[i % zones.length]!;
  switch (edit.op) {
    case 'template':
      at(edit.zone).dataProducts[0].template = edit.template;
      break;
    case 'engine':
      at(edit.zone).dataProducts[0].engine = edit.engine;
      break;
    case 'addIntegration':
      at(edit.zone).dataIntegrations.push({ name: 'extra', sources: ['crm'], engine: edit.engine });
      break;
    case 'addProduct':
      at(edit.zone).dataProducts.push({ name: 'extra', template: edit.template, inputs: ['ingest'] });
      break;
    case 'removeIntegration':
      dropInputs(next, at(edit.zone).name, 'ingest');
      at(edit.zone).dataIntegrations = [];
      break;
    case 'location':
      at(edit.zone).location = edit.location;
      break;
    case 'subscription':
      at(edit.zone).subscriptionId = `00000000-0000-0000-0002-${String(edit.subscription + 1).padStart(12, '0')}`;
      break;
    case 'estateTags':
      next.tags = { owner: edit.value };
      break;
    case 'shortName':
      at(edit.zone).shortName = `${at(edit.zone).name.replace(/-/g, '')}x`;
      break;
    case 'appendZone': {
      const n = zones.length + 1;
      zones.push({ ...generatedEstate(n).landingZones[n - 1], name: `lz${n}` });
      break;
    }
    case 'removeZone': {
      const [removed] = zones.splice(edit.zone % zones.length, 1);
      dropInputs(next, removed!.name);
      break;
    }
    case 'policyEffect':
      (edit.zone < 0 ? next.managementZone : at(edit.zone)).governance = { policy: { effect: edit.effect } };
      break;
    case 'exemption':
      at(edit.zone).governance = {
        policy: { exemptions: [{ assignment: 'baseline', policies: ['allowed-locations'], reason: 'migration in progress', expiresOn: '2027-06-30' }] },
      };
      break;
    case 'costCenter':
      at(edit.zone).costCenter = edit.value;
      break;
    case 'crossInput': {
      const [from, to] = [at(edit.zone), at(edit.to)];
      if (from !== to) from.dataProducts[0].inputs.push(`${to.name}/ingest`);
      break;
    }
  }
  return next;
}

// ---------------------------------------------------------------------------------------------

describe('the stack cache', () => {
  it('writes what a synth without it writes, after any edit, and reuses stacks (property)', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-property'), codeVersion: 'property' };
    const reusedByEdit = new Map<string, number>();
    const shape = fc.record({
      zones: fc.integer({ min: 3, max: 8 }),
      topology: fc.constantFrom('peering' as const, 'avnm' as const),
      cross: fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(shape, editArbitrary, fc.boolean(), (s, edit, allowDataLoss) => {
        const before = estateOf(s);
        const dir = project(before);
        // The first synth writes the lock; the second, from the lock, fills the cache as every later one finds it.
        expect('files' in attempt(dir, { cache, allowDataLoss })).toBe(true);
        const warm = attempt(dir, { cache, allowDataLoss });
        if (!('result' in warm)) throw new Error(warm.error);
        expect(warm.result.cache!.reused + warm.result.cache!.built).toBe(warm.result.stacks.length);
        const after = applyEdit(before, edit);
        writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(after, null, 2));
        const reference = project(after, lockOf(dir));
        const cached = attempt(dir, { cache, allowDataLoss });
        const full = attempt(reference, { allowDataLoss });
        if ('error' in full) {
          expect(cached).toEqual(full);
          return;
        }
        if ('error' in cached) throw new Error(`the cached synth failed, the full one did not: ${cached.error}`);
        expectSameFiles(cached.files, full.files);
        // The digests the cache kept are what the stacks as written give.
        expect(cached.result.written).toEqual(full.result.written);
        expect(lockOf(dir)).toEqual(lockOf(reference));
        expect(cached.result.cache!.reused + cached.result.cache!.built).toBe(cached.result.stacks.length);
        expect(full.result.cache).toBeUndefined();
        reusedByEdit.set(edit.op, (reusedByEdit.get(edit.op) ?? 0) + cached.result.cache!.reused);
        rmSync(dir, { recursive: true, force: true });
        rmSync(reference, { recursive: true, force: true });
      }),
      // FC_RUNS=200 for a deeper search by hand.
      {
        numRuns: Number(process.env.FC_RUNS) || (process.env.CI ? 10 : 6),
        seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261207 : undefined,
      },
    );
    // Not vacuous: edits of one zone left the other stacks to the cache.
    expect([...reusedByEdit.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 900_000);

  it('reuses every stack of an unchanged estate and only rebuilds the zone edited (no data loss)', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-edit'), codeVersion: 'edit' };
    const estate = estateOf({ zones: 10, topology: 'peering', cross: [[3, 1]] });
    const dir = project(estate);
    const first = synth(dir, { cache });
    expect(first.cache).toEqual({ reused: 0, built: first.stacks.length });
    expect(synth(dir, { cache }).cache).toEqual({ reused: first.stacks.length, built: 0 });
    const edited = applyEdit(estate, { op: 'addIntegration', zone: 4, engine: 'synapse' });
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(edited));
    const reference = project(edited, lockOf(dir));
    const second = synth(dir, { cache });
    synth(reference);
    expectSameFiles(files(path.join(dir, 'out')), files(path.join(reference, 'out')));
    expect(second.cache!.built).toBeLessThanOrEqual(2);
    expect(second.cache!.reused).toBe(second.stacks.length - second.cache!.built);
    // A product reading an integration of its own zone: only that zone's stack (the input plan is a derived read).
    const withProduct = applyEdit(edited, { op: 'addProduct', zone: 6, template: 'analytics' });
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(withProduct));
    const reference2 = project(withProduct, lockOf(dir));
    const third = synth(dir, { cache });
    synth(reference2);
    expectSameFiles(files(path.join(dir, 'out')), files(path.join(reference2, 'out')));
    expect(third.cache).toEqual({ reused: third.stacks.length - 1, built: 1 });
    expect(readFileSync(path.join(dir, 'out', 'stacks', 'dlz-lz7', 'cdk.tf.json'), 'utf8')).toContain('dp-extra');
  }, 300_000);

  it('misses every entry when the code changes, and takes a corrupt entry for a miss', () => {
    const dirOf = path.join(scratch, 'cache-code');
    const dir = project(estateOf({ zones: 4, topology: 'avnm', cross: [] }));
    const total = synth(dir, { cache: { dir: dirOf, codeVersion: 'a' } }).stacks.length;
    expect(synth(dir, { cache: { dir: dirOf, codeVersion: 'b' } }).cache).toEqual({ reused: 0, built: total });
    expect(synth(dir, { cache: { dir: dirOf, codeVersion: 'a' } }).cache).toEqual({ reused: total, built: 0 });
    const reference = files(path.join(dir, 'out'));
    // Damage entries of version a: a truncated output, and reads that are not JSON.
    // Version a's context: the one the last synth used (and touched).
    const stacksDir = path.join(dirOf, 'stacks');
    const context = readdirSync(stacksDir).sort((x, y) => statSync(path.join(stacksDir, y)).mtimeMs - statSync(path.join(stacksDir, x)).mtimeMs)[0]!;
    const [lz1] = entryFiles(dirOf, context, 'dlz-lz1').filter((f) => f.endsWith('.out.json'));
    writeFileSync(lz1!, readFileSync(lz1!, 'utf8').slice(0, 100));
    const [dmlz] = entryFiles(dirOf, context, 'dmlz').filter((f) => f.endsWith('.reads.json'));
    writeFileSync(dmlz!, '{"format":5,"stack":"dmlz","reads":[');
    // And a written file changed in place (same size).
    const [lz2] = entryFiles(dirOf, context, 'dlz-lz2').filter((f) => f.endsWith('.file'));
    writeFileSync(lz2!, readFileSync(lz2!, 'utf8').replace('"westeurope"', '"westeuropa"'));
    // And reads edited into other valid JSON (a read dropped): not what the file's name hashes.
    const [lz3] = entryFiles(dirOf, context, 'dlz-lz3').filter((f) => f.endsWith('.reads.json'));
    const edited = JSON.parse(readFileSync(lz3!, 'utf8')) as { groups: [string, string | null, string[]][] };
    edited.groups.find(([, , reads]) => reads.length > 1)![2].pop();
    writeFileSync(lz3!, JSON.stringify(edited));
    // And a digest (what the data-loss guard and the lock read) edited into another valid one: a data store gone.
    const [lz4] = entryFiles(dirOf, context, 'dlz-lz4').filter((f) => f.endsWith('.out.json'));
    const output = JSON.parse(readFileSync(lz4!, 'utf8')) as { digest: { identities: unknown[] } };
    output.digest.identities.pop();
    writeFileSync(lz4!, JSON.stringify(output));
    const again = synth(dir, { cache: { dir: dirOf, codeVersion: 'a' } });
    expect(again.cache).toEqual({ reused: total - 5, built: 5 });
    expectSameFiles(files(path.join(dir, 'out')), reference);
    expect(again.written).toEqual(readStackDigests(path.join(dir, 'out')));
  }, 300_000);

  it('links stored and reused files to the cache where it can, and a file changed in place through the output is a miss', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-links'), codeVersion: 'links' };
    const dir = project(estateOf({ zones: 3, topology: 'avnm', cross: [] }));
    const total = synth(dir, { cache }).stacks.length;
    const file = path.join(dir, 'out', 'stacks', 'dlz-lz2', 'cdk.tf.json');
    // Stored as built: the cache's copy is the output's file (nothing written twice).
    const stored = statSync(file, { bigint: true });
    expect(stored.nlink).toBeGreaterThan(1n);
    expect(synth(dir, { cache }).cache).toEqual({ reused: total, built: 0 });
    // Reused: linked again from the same copy.
    expect(statSync(file, { bigint: true }).ino).toBe(stored.ino);
    const reference = files(path.join(dir, 'out'));
    // The scratch directory holds both: one file system, so the reused file is the cache's copy.
    expect(statSync(file).nlink).toBeGreaterThan(1);
    // Changed in place (same inode): the cache's copy changed with it, and no longer matches its hash.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"westeurope"', '"westeuropa"'));
    expect(synth(dir, { cache }).cache).toEqual({ reused: total - 1, built: 1 });
    expectSameFiles(files(path.join(dir, 'out')), reference);
  }, 300_000);

  it('copies reused files where it cannot link them, checked again as it reads them; a copy changed since the lookup fails the synth, which writes nothing', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-copies'), codeVersion: 'copies' };
    const dir = project(estateOf({ zones: 3, topology: 'avnm', cross: [] }));
    const total = synth(dir, { cache }).stacks.length;
    const reference = files(path.join(dir, 'out'));
    // The library calls fs.linkSync through the module object: as on another file system, every link fails.
    const fs = require('fs') as typeof import('fs');
    const crossDevice = (): never => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    };
    const link = jest.spyOn(fs, 'linkSync').mockImplementation(crossDevice);
    try {
      expect(synth(dir, { cache }).cache).toEqual({ reused: total, built: 0 });
      expectSameFiles(files(path.join(dir, 'out')), reference);
      expect(statSync(path.join(dir, 'out', 'stacks', 'dlz-lz2', 'cdk.tf.json')).nlink).toBe(1);
      // Between the lookup and the copy, another synth replaces the cache's copy of a file.
      link.mockImplementation((existing) => {
        fs.writeFileSync(existing, fs.readFileSync(existing, 'utf8').replace('"westeurope"', '"westeuropa"'));
        crossDevice();
      });
      expect(() => synth(dir, { cache })).toThrow(/stack cache's copy of stacks\/[^ ]+ \(.+\) changed while this synth ran .*CSA_SYNTH_CACHE=0/);
      expectSameFiles(files(path.join(dir, 'out')), reference);
    } finally {
      link.mockRestore();
    }
  }, 300_000);

  it("reads a group's detail only when its part changed, and takes a damaged detail for a miss", () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-detail'), codeVersion: 'detail' };
    const estate = estateOf({ zones: 3, topology: 'peering', cross: [[2, 0]] });
    const dir = project(estate);
    const total = synth(dir, { cache }).stacks.length;
    // lz1's part changes, in what no other stack reads: they find their reads of it in their detail, the same.
    const edited = applyEdit(estate, { op: 'costCenter', zone: 0, value: 'cc-1' });
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(edited));
    const once = synth(dir, { cache }).cache!;
    expect(once).toEqual({ reused: total - 1, built: 1 });
    // Damaged details (a valid group on every line, not what the reads file names: every group's reads
    // emptied, which would replay as matching anything): dlz-lz2 and dlz-lz3 must miss.
    const stacksDir = path.join(cache.dir, 'stacks');
    const [context] = readdirSync(stacksDir);
    for (const stack of ['dlz-lz2', 'dlz-lz3'])
      for (const detail of entryFiles(cache.dir, context!, stack).filter((f) => f.endsWith('.detail.json'))) {
        const groups = readFileSync(detail, 'utf8').split('\n');
        expect(groups.every((line) => Array.isArray(JSON.parse(line)))).toBe(true);
        writeFileSync(detail, groups.map(() => '[]').join('\n'));
      }
    const again = applyEdit(edited, { op: 'costCenter', zone: 0, value: 'cc-2' });
    writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(again));
    expect(synth(dir, { cache }).cache).toEqual({ reused: once.reused - 2, built: once.built + 2 });
    const reference = project(again, lockOf(dir));
    synth(reference);
    expectSameFiles(files(path.join(dir, 'out')), files(path.join(reference, 'out')));
  }, 300_000);

  it('misses what reads the date or an environment variable when they change, and only that', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-date'), codeVersion: 'date' };
    const dir = project(estateOf({ zones: 3, topology: 'peering', cross: [] }));
    // A stand-in for exemption expiry: dlz-lz2's synthesis looks at today (CSA_TODAY, else the clock).
    const visit = TagsAspect.prototype.visit;
    const spy = jest.spyOn(TagsAspect.prototype, 'visit').mockImplementation(function (this: TagsAspect, node: IConstruct) {
      if (TerraformStack.of(node).node.id === 'dlz-lz2') void (process.env.CSA_TODAY ?? Date.now());
      return visit.call(this, node);
    });
    try {
      const total = synth(dir, { cache }).stacks.length;
      expect(synth(dir, { cache }).cache).toEqual({ reused: total, built: 0 });
      process.env.CSA_TODAY = '2026-12-08';
      expect(synth(dir, { cache }).cache).toEqual({ reused: total - 1, built: 1 });
      delete process.env.CSA_TODAY;
      jest.useFakeTimers({
        now: new Date('2026-12-09T12:00:00Z'),
        doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
      });
      expect(synth(dir, { cache }).cache).toEqual({ reused: total - 1, built: 1 });
      expect(synth(dir, { cache }).cache).toEqual({ reused: total, built: 0 });
      jest.setSystemTime(new Date('2026-12-10T08:00:00Z'));
      expect(synth(dir, { cache }).cache).toEqual({ reused: total - 1, built: 1 });
    } finally {
      jest.useRealTimers();
      process.env.CSA_TODAY = PINNED_TODAY;
      spy.mockRestore();
    }
  }, 300_000);

  it('keys every stack by what the app reads outside any stack', () => {
    const cache: StackCacheOptions = { dir: path.join(scratch, 'cache-shared'), codeVersion: 'shared' };
    const estate = estateOf({ zones: 3, topology: 'avnm', cross: [] });
    estate.landingZones[0].budget = { amount: 100, contactEmails: ['finance@example.com'] };
    // dlz-lz3's tags carry what the app read of lz1 outside every stack (peeringLayout, mocked above).
    const visit = TagsAspect.prototype.visit;
    const spy = jest.spyOn(TagsAspect.prototype, 'visit').mockImplementation(function (this: TagsAspect, node: IConstruct) {
      visit.call(this, node);
      const tagged = node as unknown as { tags?: Record<string, string>; tagsInput?: Record<string, string> };
      if (TerraformStack.of(node).node.id === 'dlz-lz3' && 'tagsInput' in tagged) tagged.tags = { ...tagged.tagsInput, smuggled: String(smuggle.value) };
    });
    smuggle.on = true;
    try {
      const dir = project(estate);
      const total = synth(dir, { cache }).stacks.length;
      expect(synth(dir, { cache }).cache).toEqual({ reused: total, built: 0 });
      estate.landingZones[0].budget.amount = 200;
      writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(estate, null, 2));
      const reference = project(estate, lockOf(dir));
      const again = synth(dir, { cache });
      synth(reference);
      expect(readFileSync(path.join(dir, 'out', 'stacks', 'dlz-lz3', 'cdk.tf.json'), 'utf8')).toContain('"smuggled": "200"');
      expectSameFiles(files(path.join(dir, 'out')), files(path.join(reference, 'out')));
      expect(again.cache!.built).toBe(total);
    } finally {
      smuggle.on = false;
      spy.mockRestore();
    }
  }, 300_000);
});

describe('read tracking', () => {
  it('records reads per stack, keeps identities, and replays them against another estate', () => {
    const model = { tags: { a: '1' }, zones: [{ name: 'x', tags: { b: '2' } }, { name: 'y' }] };
    const tracker = new ReadTracker();
    const tracked = tracker.root(model);
    const zone = tracker.within('s1', () => {
      const z = tracked.zones[0]!;
      expect(tracked.zones.find((candidate) => candidate.name === 'x')).toBe(z);
      expect(JSON.stringify({ ...tracked.tags })).toBe('{"a":"1"}');
      expect(Array.isArray(tracked.zones)).toBe(true);
      return z;
    });
    tracker.within('s2', () => void Object.keys(zone.tags ?? {}));
    const replay = (estate: object) => new ReadReplay({ estate, env: process.env, today: '2026-12-07' });
    expect(replay(model).matches(tracker.readsOf('s1'))).toBe(true);
    const changedTag = { ...model, tags: { a: '2' } };
    expect(replay(changedTag).matches(tracker.readsOf('s1'))).toBe(false);
    expect(replay(changedTag).matches(tracker.readsOf('s2'))).toBe(true);
    const addedTag = { ...model, zones: [{ name: 'x', tags: { b: '2', c: '3' } }, { name: 'y' }] };
    expect(replay(addedTag).matches(tracker.readsOf('s2'))).toBe(false);
    // A write to the model is not trusted.
    tracker.within('s3', () => ((tracked.zones[1] as { name: string }).name = 'z'));
    expect(tracker.poisoned.has('s3')).toBe(true);
    expect(tracker.poisoned.has('')).toBe(true);
  });

  it('fingerprints a part of the estate by all of its content', () => {
    const part = (zone: object) => Fingerprints.forEstate({ landingZones: [zone] }).of('"landingZones"\x02"0"');
    expect(part({ a: 1, b: [1, 2] })).toBe(part({ a: 1, b: [1, 2] }));
    expect(part({ a: 1, b: undefined })).not.toBe(part({ a: 1 }));
    expect(part({ a: 1, b: 2 })).not.toBe(part({ b: 2, a: 1 }));
    expect(part({ a: [1, 2] })).not.toBe(part({ a: { 0: 1, 1: 2 } }));
    expect(part({ a: '1' })).not.toBe(part({ a: 1 }));
    expect(part({ a: [1, , 3] })).not.toBe(part({ a: [1, undefined, 3] }));
    expect(part({ a: new Map() })).toBeUndefined();
    // Where JSON.stringify is the canonical text (plain JSON data), what it leaves out still counts.
    expect(part({ a: 1, b: undefined, c: 2 })).not.toBe(part({ a: 1, c: 2, b: undefined }));
    expect(part({ a: { b: undefined }, c: {} })).not.toBe(part({ a: {}, c: { b: undefined } }));
    expect(part({ a: { b: undefined }, c: {} })).toBe(part({ a: { b: undefined }, c: {} }));
    expect(part({ a: -0 })).not.toBe(part({ a: 0 }));
    expect(part({ a: NaN })).not.toBe(part({ a: null }));
    expect(part({ a: Object.assign(Object.create(null), { b: 1 }) })).not.toBe(part({ a: { b: 1 } }));
    expect(part({ a: Object.defineProperty({}, 'b', { value: 1, enumerable: false }) })).not.toBe(part({ a: {} }));
    expect(part({ a: Object.defineProperty({}, 'b', { get: () => 1, enumerable: true }) })).toBeUndefined();
    expect(part({ a: Object.assign([1], { b: 2 }) })).not.toBe(part({ a: [1] }));
    expect(subtreeOf('g"landingZones"\x02"0"\x02"name"\x01sx')).toBe('"landingZones"\x02"0"');
    expect(subtreeOf('h"landingZones"\x02"0"\x01T')).toBeUndefined();
    expect(subtreeOf('g"landingZones"\x02"length"\x01n3')).toBe('"landingZones"\x02"length"');
  });

  it('records the date and environment variables read in a window', () => {
    const tracker = new ReadTracker();
    const stop = trackEnvironment(tracker);
    try {
      tracker.within('s', () => void (new Date().getTime() + Number(process.env.CSA_SOME_SETTING ?? 0)));
    } finally {
      stop();
    }
    const reads = tracker.readsOf('s');
    const today = new Date().toISOString().slice(0, 10);
    expect(new ReadReplay({ estate: {}, env: {}, today }).matches(reads)).toBe(true);
    expect(new ReadReplay({ estate: {}, env: {}, today: '1999-01-01' }).matches(reads)).toBe(false);
    expect(new ReadReplay({ estate: {}, env: { CSA_SOME_SETTING: '1' }, today }).matches(reads)).toBe(false);
  });
});

function entryFiles(cacheDir: string, context: string, stack: string): string[] {
  const dir = path.join(cacheDir, 'stacks', context, stack);
  return existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [];
}

describe('the diagram zone layout cache', () => {
  it('lays out only the zones it lacks, and the result is what ELK gives for the whole estate', () => {
    const estate = loadEstateFile(path.join(__dirname, '..', 'estates', 'relecloud.yaml'));
    const graph = () => elkGraph(diagramModel(estate));
    const whole = layoutSync(graph());
    const options = { dir: path.join(scratch, 'zone-layouts'), version: 'v1' };
    const first = cachedZoneLayouts(graph(), options);
    expect(first.missing.children!.map((child) => child.id)).toEqual(graph().children!.map((child) => child.id));
    const geometry = (root: ElkNode) => JSON.stringify(root.children, (key, value: unknown) => (key === '$H' ? undefined : value));
    expect(geometry(first.merge(layoutSync(first.missing)))).toBe(geometry(whole));
    const second = cachedZoneLayouts(graph(), options);
    expect(second.missing.children).toEqual([]);
    expect(geometry(second.merge(layoutSync(second.missing)))).toBe(geometry(whole));
    // Another code version, or a damaged entry: laid out again.
    expect(cachedZoneLayouts(graph(), { ...options, version: 'v2' }).missing.children).toHaveLength(graph().children!.length);
    const [entry] = readdirSync(options.dir);
    writeFileSync(path.join(options.dir, entry!), '{"format":1,"child":');
    expect(cachedZoneLayouts(graph(), options).missing.children).toHaveLength(1);
  });
});

describe('the layoutCache synth option (zone layouts without the stack cache)', () => {
  it('stores each zone layout, reads them in the next synth, and writes the diagram a synth without it writes', () => {
    const estate = estateOf({ zones: 3, topology: 'avnm', cross: [[2, 1]] });
    const layoutCache = { dir: path.join(scratch, 'option-zone-layouts'), version: 'option' };
    const diagramOf = (dir: string) => ['estate.svg', 'estate.html'].map((file) => readFileSync(path.join(dir, 'out', file), 'utf8'));
    const plain = project(estate);
    synth(plain);
    const first = project(estate);
    synth(first, { layoutCache });
    const entries = readdirSync(layoutCache.dir).map((name) => path.join(layoutCache.dir, name));
    // One entry per zone ELK lays out (the diagram graph's children).
    const zones = elkGraph(diagramModel(loadEstateFile(path.join(first, 'estate.json')))).children!.length;
    expect(zones).toBeGreaterThan(1);
    expect(entries).toHaveLength(zones);
    for (const entry of entries) utimesSync(entry, new Date(0), new Date(0));
    const second = project(estate);
    synth(second, { layoutCache });
    // Each entry was read (a hit touches it) and nothing was laid out anew.
    expect(entries.map((entry) => statSync(entry).mtimeMs > 0)).toEqual(entries.map(() => true));
    expect(readdirSync(layoutCache.dir)).toHaveLength(zones);
    expect(diagramOf(first)).toEqual(diagramOf(plain));
    expect(diagramOf(second)).toEqual(diagramOf(plain));
  });
});

describe('address changes after a cached synth', () => {
  it('skips parsing stacks written byte for byte as before, with the same changes as parsing them', () => {
    const dir = project(estateOf({ zones: 4, topology: 'peering', cross: [] }));
    synth(dir);
    const before = path.join(dir, 'out');
    const after = path.join(dir, 'after');
    cpSync(before, after, { recursive: true });
    const file = path.join(after, 'stacks', 'dlz-lz2', 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    json.resource.azurerm_resource_group = { ...json.resource.azurerm_resource_group, extra: { name: 'rg-extra', location: 'westeurope' } };
    writeFileSync(file, JSON.stringify(json));
    const written = readStackDigests(after);
    const skipping = addressChanges(before, written, after);
    expect(skipping).toEqual(addressChanges(before, after));
    expect(skipping.find((change) => change.stack === 'dlz-lz2')!.added).toEqual(['azurerm_resource_group.extra']);
    expect(skipping.filter((change) => change.added.length + change.removed.length)).toHaveLength(1);
    expect(unchangedStacks(before, after)).toEqual(new Set(Object.keys(written.digests).filter((name) => name !== 'dlz-lz2')));
  });
});
