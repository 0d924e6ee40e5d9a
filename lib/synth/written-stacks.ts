import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

/**
 * One read of a synthesized output directory, shared by everything that inspects it after
 * `app.synth()` (the rule pack, the data-loss guard, the summary). Each used to parse every
 * `cdk.tf.json` itself: at 100 landing zones that was 32 MB of JSON parsed three times.
 */

/** The parts of cdktf's manifest.json that are read back. */
export interface Manifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[]; readonly synthesizedStackPath: string; readonly workingDirectory?: string }>>;
}

/**
 * A synthesized stack (`cdk.tf.json`) as parsed, typed for the blocks readers use. It is
 * shared between readers, so nobody may change it.
 */
export interface StackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
  readonly [block: string]: unknown;
}

/** The manifest as read, and every stack's parsed JSON by stack name. */
export interface WrittenStacks {
  readonly manifest: Manifest;
  readonly stacks: Readonly<Record<string, StackJson>>;
}

export interface ReadOptions {
  /**
   * Tolerate what an older or interrupted synth may have left: no manifest gives no stacks,
   * and a stack whose file is gone is left out. Otherwise both throw. @default false
   */
  readonly lenient?: boolean;
}

/** Reads manifest.json and parses each stack it lists, once. */
export function readWrittenStacks(outdir: string, options: ReadOptions = {}): WrittenStacks {
  const manifest = readManifest(outdir, options);
  const stacks: Record<string, StackJson> = {};
  for (const [name, json] of parseStacks(outdir, manifest, options)) stacks[name] = json;
  return { manifest, stacks };
}

/** manifest.json; with `lenient`, a missing one lists no stacks. */
export function readManifest(outdir: string, options: ReadOptions = {}): Manifest {
  const file = path.join(outdir, 'manifest.json');
  if (options.lenient && !existsSync(file)) return { stacks: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/**
 * Parses the manifest's stacks one at a time, in manifest order, so a caller that keeps only
 * a little of each (the data-loss guard's previous output) never holds them all at once.
 */
export function* parseStacks(outdir: string, manifest: Manifest, options: ReadOptions = {}): Generator<[name: string, json: StackJson]> {
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const file = path.join(outdir, entry.synthesizedStackPath);
    if (options.lenient && !existsSync(file)) continue;
    yield [name, JSON.parse(readFileSync(file, 'utf8')) as StackJson];
  }
}
