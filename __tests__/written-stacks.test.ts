import { cpSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { addressChanges } from '../lib/lock/address-guard';
import { readSynthOutput } from '../lib/synth/summary';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { readStackDigests, readWrittenStacks, unchangedStacks } from '../lib/lock/written-stacks';
import { loadShippedEstate } from './helpers/synth';

/** The one read of a synthesized output that the rule pack, the data-loss guard and the summary share. */

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-written-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An output directory with a manifest listing `listed` and a cdk.tf.json for each of `present`. */
function output(listed: string[], present: string[]): string {
  const outdir = path.join(dir, 'out');
  mkdirSync(outdir, { recursive: true });
  const stacks = Object.fromEntries(listed.map((name) => [name, { synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]));
  writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks }));
  for (const name of present) {
    mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ resource: { azurerm_resource_group: { [name]: {} } } }));
  }
  return outdir;
}

describe('readWrittenStacks', () => {
  it('parses every stack the manifest lists, by name', () => {
    const written = readWrittenStacks(output(['a', 'b'], ['a', 'b']));
    expect(Object.keys(written.manifest.stacks)).toEqual(['a', 'b']);
    expect(written.stacks).toEqual({ a: { resource: { azurerm_resource_group: { a: {} } } }, b: { resource: { azurerm_resource_group: { b: {} } } } });
  });

  it('throws on a missing manifest or stack file, unless lenient (a previous output may be partial)', () => {
    expect(() => readWrittenStacks(path.join(dir, 'nothing'))).toThrow(/manifest\.json/);
    expect(readWrittenStacks(path.join(dir, 'nothing'), { lenient: true })).toEqual({ manifest: { stacks: {} }, stacks: {} });
    const outdir = output(['a', 'b'], ['a']);
    expect(() => readWrittenStacks(outdir)).toThrow(/cdk\.tf\.json/);
    expect(Object.keys(readWrittenStacks(outdir, { lenient: true }).stacks)).toEqual(['a']);
  });
});

describe('a synth shares its one read', () => {
  const synthInto = (estate: object, name: string) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(estate));
    const outdir = path.join(dir, name);
    return { outdir, result: synthesizeEstate({ estatePath: file, outdir, projectDir: dir, diagramOnWorkerThread: false }) };
  };

  it('returns the digest of every stack as written: what readStackDigests takes from the output directory', () => {
    const { outdir, result } = synthInto(loadShippedEstate('adatum'), 'out');
    expect(result.written).toEqual(readStackDigests(outdir));
    const { manifest, stacks } = readSynthOutput(outdir);
    expect(Object.keys(result.written.digests)).toEqual(Object.keys(manifest.stacks));
    expect(result.written.digests.dmlz!.addresses).toHaveLength(
      Object.values(stacks.dmlz!.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0),
    );
  });

  it('gives the data-loss guard the same changes as reading both directories', () => {
    const estate = loadShippedEstate('adatum');
    const before = synthInto(estate, 'before');
    const grown = structuredClone(estate);
    grown.landingZones[0].dataIntegrations.push({ name: 'web-analytics', sources: ['web'], engine: 'data-factory' });
    const after = synthInto(grown, 'after');
    const changes = addressChanges(before.outdir, after.outdir);
    expect(changes.some((c) => c.added.length > 0)).toBe(true);
    expect(addressChanges(before.outdir, after.result.written)).toEqual(changes);
    expect(addressChanges(after.outdir, before.result.written)).toEqual(addressChanges(after.outdir, before.outdir));
  });
});

describe('unchangedStacks', () => {
  const stackFile = (outdir: string, name: string) => path.join(outdir, 'stacks', name, 'cdk.tf.json');

  it('takes two links to one file (both outputs linked to one stack cache entry) for the same bytes without reading it, and compares other files byte for byte', () => {
    const before = output(['a', 'b', 'c'], ['a', 'b', 'c']);
    const after = path.join(dir, 'after');
    cpSync(before, after, { recursive: true });
    rmSync(stackFile(after, 'a'));
    linkSync(stackFile(before, 'a'), stackFile(after, 'a'));
    writeFileSync(stackFile(after, 'c'), JSON.stringify({ resource: {} }));
    // The library calls fs.readFileSync through the module object: a spy on it sees every read.
    const read = jest.spyOn(require('fs') as typeof import('fs'), 'readFileSync');
    try {
      expect(unchangedStacks(before, after)).toEqual(new Set(['a', 'b']));
      const stackReads = read.mock.calls.map(([file]) => path.relative(dir, String(file))).filter((file) => file.endsWith('cdk.tf.json'));
      expect(stackReads.sort()).toEqual(['after/stacks/b/cdk.tf.json', 'after/stacks/c/cdk.tf.json', 'out/stacks/b/cdk.tf.json', 'out/stacks/c/cdk.tf.json']);
    } finally {
      read.mockRestore();
    }
  });
});
