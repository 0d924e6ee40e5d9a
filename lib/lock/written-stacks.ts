import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { StackDigest, stackDigest } from './stack-digest';

/**
 * One read of a synthesized output directory, shared by everything that inspects it after
 * `app.synth()` (the rule pack, the data-loss guard, the summary). Each used to parse every
 * `cdk.tf.json` itself: at 100 landing zones that was 32 MB of JSON parsed three times.
 */

/** The parts of cdktf's manifest.json that are read back. */
export interface Manifest {
  readonly stacks: Readonly<
    Record<string, { readonly dependencies?: readonly string[]; readonly synthesizedStackPath: string; readonly workingDirectory?: string }>
  >;
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

/** The manifest as read, and every stack's digest (stack-digest.ts) by stack name: what the readers after synth use. */
export interface WrittenDigests {
  readonly manifest: Manifest;
  readonly digests: Readonly<Record<string, StackDigest>>;
}

export interface ReadOptions {
  /**
   * Tolerate what an older or interrupted synth may have left: no manifest gives no stacks,
   * and a stack whose file is gone is left out. Otherwise both throw. @default false
   */
  readonly lenient?: boolean;
  /**
   * With `lenient`, a file that is there but cannot be read or parsed (a corrupt previous
   * output) is skipped like a missing one, and this gets a one-line warning naming it and
   * how to recover. @default writes the line to stderr
   */
  readonly warn?: (line: string) => void;
}

/** Reads manifest.json and parses each stack it lists, once. */
export function readWrittenStacks(outdir: string, options: ReadOptions = {}): WrittenStacks {
  const manifest = readManifest(outdir, options);
  const stacks: Record<string, StackJson> = {};
  for (const [name, json] of parseStacks(outdir, manifest, options)) stacks[name] = json;
  return { manifest, stacks };
}

/** Reads manifest.json and digests each stack it lists, one at a time. */
export function readStackDigests(outdir: string, options: ReadOptions = {}): WrittenDigests {
  const manifest = readManifest(outdir, options);
  const digests: Record<string, StackDigest> = {};
  for (const [name, json] of parseStacks(outdir, manifest, options)) digests[name] = stackDigest(json);
  return { manifest, digests };
}

/** manifest.json; with `lenient`, a missing, unreadable or corrupt one lists no stacks (with a warning). */
export function readManifest(outdir: string, options: ReadOptions = {}): Manifest {
  const file = path.join(outdir, 'manifest.json');
  if (options.lenient && !existsSync(file)) return { stacks: {} };
  try {
    const manifest = readJson(file);
    const problem = manifestProblem(manifest);
    if (problem) throw new Error(`${file} is not a cdktf manifest: ${problem}`);
    return manifest as Manifest;
  } catch (e) {
    if (!options.lenient) throw e;
    warnCorrupt(options, outdir, file, e, 'the previous output is ignored, as on a first synth');
    return { stacks: {} };
  }
}

/**
 * Parses the manifest's stacks one at a time, in manifest order, so a caller that keeps only
 * a little of each (the data-loss guard's previous output) never holds them all at once.
 */
export function* parseStacks(outdir: string, manifest: Manifest, options: ReadOptions = {}): Generator<[name: string, json: StackJson]> {
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const file = path.join(outdir, entry.synthesizedStackPath);
    if (options.lenient && !existsSync(file)) continue;
    let json: unknown;
    try {
      json = readJson(file);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file} does not hold a JSON object`);
    } catch (e) {
      if (!options.lenient) throw e;
      warnCorrupt(options, outdir, file, e, `stack ${name} is compared as if it were new`);
      continue;
    }
    yield [name, json as StackJson];
  }
}

/**
 * The stacks both output directories list at the same path with the same bytes (the stack
 * cache writes most stacks of an edited estate as they were). Anything unreadable is not. Two
 * paths to one file (both outputs linked to the same stack cache entry) are the same bytes
 * without reading them.
 */
export function unchangedStacks(previousOutdir: string, nextOutdir: string): Set<string> {
  const lenient = { lenient: true, warn: () => undefined };
  const [before, after] = [readManifest(previousOutdir, lenient), readManifest(nextOutdir, lenient)];
  const unchanged = new Set<string>();
  for (const [name, entry] of Object.entries(after.stacks)) {
    if (before.stacks[name]?.synthesizedStackPath !== entry.synthesizedStackPath) continue;
    const [previous, next] = [path.join(previousOutdir, entry.synthesizedStackPath), path.join(nextOutdir, entry.synthesizedStackPath)];
    try {
      if (sameFile(previous, next) || readFileSync(previous).equals(readFileSync(next))) unchanged.add(name);
    } catch {
      // Compared by parsing, as before.
    }
  }
  return unchanged;
}

/** Whether two paths name one file (hard links): same device, same inode. */
function sameFile(a: string, b: string): boolean {
  const [x, y] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
  return x.dev === y.dev && x.ino === y.ino;
}

/** Parses a JSON file; the error names the file (JSON.parse's own does not). */
function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** Why a parsed manifest.json cannot be read as one, or undefined. */
function manifestProblem(manifest: unknown): string | undefined {
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (stacks === null || typeof stacks !== 'object' || Array.isArray(stacks)) return 'no "stacks" object';
  const bad = Object.entries(stacks).find(([, entry]) => typeof (entry as { synthesizedStackPath?: unknown } | null)?.synthesizedStackPath !== 'string');
  return bad && `stack ${JSON.stringify(bad[0])} has no "synthesizedStackPath"`;
}

/** One line: which file of the previous output is unusable, what the synth does instead, how to get rid of it. */
function warnCorrupt(options: ReadOptions, outdir: string, file: string, error: unknown, instead: string): void {
  const shown = (p: string) => {
    const relative = path.relative(process.cwd(), p);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
  };
  const problem = ((error as Error).message ?? String(error))
    .split(file)
    .join(shown(file))
    .replace(/\s*\n\s*/g, ' ');
  const warn = options.warn ?? ((line: string) => console.error(line));
  warn(
    `warning: ${problem.includes(shown(file)) ? problem : `${shown(file)}: ${problem}`}; ${instead}. It is regenerated: a successful synth replaces it, or delete ${shown(file)} or the whole ${shown(outdir)}.`,
  );
}
