import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { synthesizeEstate } from '../../lib/synth/synthesize';
import { cacheEntry, restoreSynth, stackCache, storeSynth } from './synth-cache';

export const REPO = path.resolve(__dirname, '..', '..');

/** A stack's synthesized Terraform JSON. */
export type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform?: Record<string, unknown>;
};

export interface SynthesizedEstate {
  readonly dir: string;
  readonly manifest: { stacks: Record<string, { dependencies: string[] }> };
  /** Raw text per stack, for byte-identity checks. */
  readonly text: Record<string, string>;
  readonly stacks: Record<string, StackJson>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Synthesizes a whole estate (all stacks, so cross-zone wiring is real) into a temp dir. The
 * result of the same estate text and the same code may come from the synth cache
 * (./synth-cache.ts): the same files in a new temp dir, parsed afresh for each caller. A
 * synthesis it misses takes the stacks it has not changed, and the diagram's zone layouts, from the
 * product's stack cache shared by the tests.
 */
export function synth(estate: object | string): SynthesizedEstate {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-synth-'));
  dirs.push(dir);
  const text = typeof estate === 'string' ? estate : JSON.stringify(estate);
  const entry = cacheEntry(text);
  const names = (entry && restoreSynth(entry, dir)) || synthesizeInto(dir, text, entry);
  return readSynthesized(dir, names);
}

/** The real synthesis, stored in the cache when there is one. */
function synthesizeInto(dir: string, estateText: string, entry: string | undefined): readonly string[] {
  const file = path.join(dir, 'estate.json');
  writeFileSync(file, estateText);
  const cache = stackCache();
  const result = synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir, ...(cache ? { cache } : {}) });
  if (entry) storeSynth(entry, dir, result.stacks);
  return result.stacks;
}

function readSynthesized(dir: string, names: readonly string[]): SynthesizedEstate {
  const outdir = path.join(dir, 'cdktf.out');
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const text: Record<string, string> = {};
  const stacks: Record<string, StackJson> = {};
  for (const name of names) {
    text[name] = readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
    stacks[name] = JSON.parse(text[name]);
  }
  return { dir, manifest, text, stacks };
}

/** A shipped estate file as an object, to mutate in tests. */
export function loadShippedEstate(name: 'relecloud' | 'adatum' | 'fabrikam'): Record<string, any> {
  return parse(readFileSync(path.join(REPO, 'estates', `${name}.yaml`), 'utf8'));
}

export { generatedEstate } from '../../scripts/estate-generator';
