import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { synthesizeEstate } from '../../lib/synth/synthesize';

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

/** Synthesizes a whole estate (all stacks, so cross-zone wiring is real) into a temp dir. */
export function synth(estate: object | string): SynthesizedEstate {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-synth-'));
  dirs.push(dir);
  const file = path.join(dir, 'estate.json');
  writeFileSync(file, typeof estate === 'string' ? estate : JSON.stringify(estate));
  const outdir = path.join(dir, 'cdktf.out');
  const result = synthesizeEstate({ estatePath: file, outdir, projectDir: dir });
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const text: Record<string, string> = {};
  const stacks: Record<string, StackJson> = {};
  for (const name of result.stacks) {
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
