import { mkdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';
import type { StackManifest } from 'cdktf';
import type { StackPolicyResult } from '../policy/policy-aspect';
import { isStackDigest, StackDigest } from '../lock/stack-digest';
import type { ReadReplay } from './read-replay';
import { Fingerprints, groupReads } from './read-subtrees';
import { CachedFile, hasContent, keepNewest, listDir, mtime, placeAtomically, readJson, sha256, touch, writeAtomically } from './stack-cache-files';

/**
 * The stack cache's store (issue 19), under `<dir>/<context>/`: per stack, entries
 * `<stack>/<hash>.reads.json` (its own reads, and the hash of its share's reads, stored once in
 * `shared/<hash>.json`; the reads of parts with a fingerprint in `<hash>.detail.json`, a line per part, named by
 * their hash in the reads file), `<hash>.out.json` (manifest entry, rule pack verdict, the stack's
 * digest with its SHA-256, and each file's path, size and SHA-256) and the files as written, `<hash>.<n>.file`. The context
 * (stack-cache-run.ts cacheContext) covers what every stack sees: the code, node, the output
 * location, the lock's plans and the reads no stack's window covers. Every file is written to a
 * temporary name and renamed into place, the reads last, so reads always have their output;
 * anything missing, unreadable, corrupt or not matching its hash is a miss. Times only choose
 * what to prune.
 */

const FORMAT = 9;
/** Entries kept per stack (an estate edited back and forth), and contexts kept. */
const KEPT_ENTRIES = 4;
const KEPT_CONTEXTS = 4;
const SHARED = 'shared';
const KEPT_SHARED = 64;

/** Where a thread writes entries: plain data, cloned into workers. */
export interface StackCacheLocation {
  readonly dir: string;
  readonly context: string;
}

/** What a stack's synthesis gave, as the cache stores it. */
export interface StackOutput {
  readonly manifest: StackManifest;
  readonly policy?: StackPolicyResult;
  /** What the readers after synth take from the stack's JSON (lib/lock/stack-digest.ts). */
  readonly digest: StackDigest;
  /** Files of the stack's directory, by path relative to the output directory. */
  readonly files: ReadonlyMap<string, Buffer>;
}

/** A stack read from the cache: its files stay there (checked against their size and hash as they were looked up). */
export interface CachedStack extends Omit<StackOutput, 'files'> {
  readonly files: ReadonlyMap<string, CachedFile>;
}

interface StoredOutput {
  readonly format: number;
  readonly manifest: StackManifest;
  readonly policy?: Omit<StackPolicyResult, 'usedEstateSuppressions'> & { readonly usedEstateSuppressions: string[] };
  readonly digest: StackDigest;
  /** The digest's JSON hashed: the data-loss guard and the lock read it, so a damaged one is a miss. */
  readonly digestSha256: string;
  readonly files: { readonly path: string; readonly size: number; readonly sha256: string }[];
}

/** Stores the reads a share's stacks all made (outside their windows); returns their hash. */
export function storeSharedReads(location: StackCacheLocation, reads: readonly string[]): string | undefined {
  const sorted = [...reads].sort();
  const hash = sha256(sorted.join('\n'));
  const dir = path.join(location.dir, location.context, SHARED);
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return undefined;
  }
  const file = path.join(dir, `${hash}.json`);
  if (readJson(file) === undefined && !writeAtomically(file, JSON.stringify({ format: FORMAT, reads: sorted }))) return undefined;
  touch(file);
  // The most recently written or used shared reads of the context stay.
  keepNewest(dir, KEPT_SHARED, (name) => name.endsWith('.json'));
  return hash;
}

/**
 * Stores one stack's entry; a failure to write is only a lost entry. `outdir`: the directory the
 * output's files were read from (their paths are relative to it), for linking them.
 */
export function storeStack(
  location: StackCacheLocation,
  stack: string,
  shared: string,
  reads: readonly string[],
  output: StackOutput,
  parts: Fingerprints,
  outdir: string,
): void {
  const sorted = [...reads].sort();
  const dir = path.join(location.dir, location.context, stack);
  // A group whose part has a fingerprint keeps its reads in the entry's detail file, read only when
  // that part changed (most of a stack's reads are of its own zone, which most lookups find unchanged).
  const detail: string[][] = [];
  const groups: IndexGroup[] = [...groupReads(sorted)].map(([part, group]) => {
    const fingerprint = part && parts.of(part);
    return fingerprint ? [part, fingerprint, detail.push(group) - 1] : [part, null, group];
  });
  // One group per line: a lookup parses only the groups whose part changed (lazyDetail).
  const detailText = detail.map((group) => JSON.stringify(group)).join('\n');
  const detailHash = sha256(detailText);
  // Named by its content: a reads file that does not hash to its name is damaged (StackCacheReader.lookup).
  const hash = entryHash(shared, detailHash, groups);
  const { policy } = output;
  const files = [...output.files].map(([file, bytes]) => ({ path: file, size: bytes.length, sha256: sha256(bytes) }));
  const stored: StoredOutput = {
    format: FORMAT,
    manifest: output.manifest,
    ...(policy ? { policy: { ...policy, usedEstateSuppressions: [...policy.usedEstateSuppressions] } } : {}),
    digest: output.digest,
    digestSha256: sha256(JSON.stringify(output.digest)),
    files,
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  const written = [...output.files].every(([file, bytes], n) => placeAtomically(path.join(dir, `${hash}.${n}.file`), bytes, path.join(outdir, file)));
  if (!written || !writeAtomically(path.join(dir, `${hash}.out.json`), JSON.stringify(stored))) return;
  if (!writeAtomically(path.join(dir, `${hash}.detail.json`), detailText)) return;
  writeAtomically(path.join(dir, `${hash}.reads.json`), JSON.stringify({ format: FORMAT, stack, shared, detail: detailHash, groups }));
  pruneEntries(dir);
}

/** Looks stacks up in one context; what it read of shared reads is kept for the next stack. */
export class StackCacheReader {
  private readonly shared = new Map<string, boolean>();

  constructor(
    private readonly location: StackCacheLocation,
    private readonly replay: ReadReplay,
    private readonly parts: Fingerprints,
  ) {}

  /** The entry of `stack` whose reads all read the same now, if any. */
  lookup(stack: string): CachedStack | undefined {
    const dir = path.join(this.location.dir, this.location.context, stack);
    for (const name of listDir(dir)) {
      if (!name.endsWith('.reads.json')) continue;
      const hash = name.replace(/\.reads\.json$/, '');
      const entry = readJson(path.join(dir, name)) as { format?: unknown; stack?: unknown; shared?: unknown; detail?: unknown; groups?: unknown } | undefined;
      if (entry?.format !== FORMAT || entry.stack !== stack || typeof entry.shared !== 'string' || typeof entry.detail !== 'string') continue;
      if (!Array.isArray(entry.groups) || entryHash(entry.shared, entry.detail, entry.groups) !== hash) continue;
      const detail = lazyDetail(path.join(dir, `${hash}.detail.json`), entry.detail);
      if (!this.sharedMatches(entry.shared) || !entry.groups.every((group) => this.groupMatches(group, detail))) continue;
      const output = readOutput(dir, hash, stack);
      if (!output) continue;
      touch(path.join(dir, name));
      return output;
    }
    return undefined;
  }

  /**
   * A group of reads `[part, fingerprint, n]` (its reads are the entry's detail `n`) or
   * `[part, null, reads]`: the same when its part is (read-subtrees.ts), else replayed.
   */
  private groupMatches(group: unknown, detail: (n: number) => unknown): boolean {
    if (!Array.isArray(group) || group.length !== 3) return false;
    const [part, fingerprint, stored] = group as unknown[];
    if (typeof part !== 'string') return false;
    if (typeof fingerprint === 'string') {
      if (!part || !Number.isInteger(stored)) return false;
      if (this.parts.of(part) === fingerprint) return true;
    } else if (fingerprint !== null) return false;
    // The groups are as storeStack made them (the files hash to their names): each read is in its part.
    const reads = typeof stored === 'number' ? detail(stored) : stored;
    return stringArray(reads) && this.replay.matches(reads);
  }

  private sharedMatches(hash: string): boolean {
    let matches = this.shared.get(hash);
    if (matches === undefined) {
      const stored = /^[0-9a-f]{32}$/.test(hash)
        ? (readJson(path.join(this.location.dir, this.location.context, SHARED, `${hash}.json`)) as { format?: unknown; reads?: unknown } | undefined)
        : undefined;
      matches = stored?.format === FORMAT && stringArray(stored.reads) && this.replay.matches(stored.reads);
      this.shared.set(hash, matches);
      if (matches) touch(path.join(this.location.dir, this.location.context, SHARED, `${hash}.json`));
    }
    return matches;
  }
}

/** A group of an entry's reads file (storeStack). */
type IndexGroup = [part: string, fingerprint: string, detail: number] | [part: string, fingerprint: null, reads: string[]];

function entryHash(shared: string, detail: string, groups: readonly unknown[]): string {
  return sha256(`${shared}\n${detail}\n${JSON.stringify(groups)}`);
}

/**
 * The entry's detail file, read once when first needed, and its group `n` (line `n`) parsed alone:
 * an edit of one zone changes one part of the estate, whose reads are one line of each detail file
 * that has it (a peering stack's holds a group per zone). Undefined when the file is missing, does
 * not hash to `hash`, or has no such line.
 */
function lazyDetail(file: string, hash: string): (n: number) => unknown {
  let lines: string[] | undefined | null = null;
  return (n) => {
    if (lines === null) {
      try {
        const text = readFileSync(file, 'utf8');
        lines = sha256(text) === hash ? text.split('\n') : undefined;
      } catch {
        lines = undefined;
      }
    }
    const line = lines?.[n];
    if (line === undefined) return undefined;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return undefined;
    }
  };
}

function stringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function readOutput(dir: string, hash: string, stack: string): CachedStack | undefined {
  const stored = readJson(path.join(dir, `${hash}.out.json`)) as StoredOutput | undefined;
  if (stored?.format !== FORMAT || typeof stored.manifest !== 'object' || stored.manifest?.name !== stack || !Array.isArray(stored.files)) return undefined;
  if (!isStackDigest(stored.digest) || sha256(JSON.stringify(stored.digest)) !== stored.digestSha256) return undefined;
  // Only files of the stack's own directory (a damaged entry must not write elsewhere).
  const own = `${stored.manifest.workingDirectory}/`;
  if (typeof stored.manifest.workingDirectory !== 'string' || !/^stacks\/[^/]+$/.test(stored.manifest.workingDirectory)) return undefined;
  const files = new Map<string, CachedFile>();
  for (const [n, file] of stored.files.entries()) {
    if (typeof file?.path !== 'string' || !file.path.startsWith(own) || file.path.split('/').includes('..')) return undefined;
    const cached = { at: path.join(dir, `${hash}.${n}.file`), size: file.size, sha256: file.sha256 };
    if (!hasContent(cached)) return undefined;
    files.set(file.path, cached);
  }
  const policy = stored.policy && { ...stored.policy, usedEstateSuppressions: new Set(stored.policy.usedEstateSuppressions) };
  return { manifest: stored.manifest, files, digest: stored.digest, ...(policy ? { policy } : {}) };
}

/** Keeps the most recent entries of one stack. */
function pruneEntries(dir: string): void {
  const entries = listDir(dir)
    .filter((name) => name.endsWith('.reads.json'))
    .map((name) => ({ name, time: mtime(path.join(dir, name)) }))
    .sort((a, b) => b.time - a.time);
  for (const old of entries.slice(KEPT_ENTRIES)) {
    const hash = old.name.replace(/\.reads\.json$/, '');
    rmSync(path.join(dir, old.name), { force: true });
    for (const name of listDir(dir)) if (name.startsWith(`${hash}.`)) rmSync(path.join(dir, name), { force: true });
  }
  // Temporary files a killed synth left behind.
  for (const name of listDir(dir))
    if (name.endsWith('.tmp') && Date.now() - mtime(path.join(dir, name)) > 3600_000) rmSync(path.join(dir, name), { force: true });
}

/** Marks the context in use and keeps the few most recent contexts. */
export function pruneContexts(location: StackCacheLocation): void {
  const current = path.join(location.dir, location.context);
  try {
    mkdirSync(current, { recursive: true });
  } catch {
    return;
  }
  touch(current);
  const contexts = listDir(location.dir)
    .filter((name) => /^[0-9a-f]{32}$/.test(name))
    .map((name) => ({ dir: path.join(location.dir, name), time: mtime(path.join(location.dir, name)) }))
    .sort((a, b) => b.time - a.time);
  for (const old of contexts.slice(KEPT_CONTEXTS)) if (old.dir !== current) rmSync(old.dir, { recursive: true, force: true });
}
