import { createHash } from 'crypto';
import { closeSync, fstatSync, linkSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import * as path from 'path';

/** The stack cache's files (stack-cache.ts): written atomically, read back checked against their hashes. */

/** Where the cache holds a file of a stack, with the size and hash it must have. */
export interface CachedFile {
  readonly at: string;
  readonly size: number;
  readonly sha256: string;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Puts a file at `file` through a temporary name, renamed into place: readers see all of it or none. */
function atomically(file: string, put: (temporary: string) => void): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    put(temporary);
    renameSync(temporary, file);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

export function writeAtomically(file: string, content: string | Buffer): boolean {
  return atomically(file, (temporary) => writeFileSync(temporary, content));
}

/**
 * Puts `bytes`, the content of the synth's file `source`, at `file`: a hard link to `source` where
 * the file system allows (nothing written, and the output then holds the cache's own copy, which
 * the next synth's address check knows unchanged without reading it: lib/lock/written-stacks.ts),
 * else written. A file changed through the output later no longer matches its hash: a miss.
 */
export function placeAtomically(file: string, bytes: Buffer, source: string): boolean {
  return atomically(file, (temporary) => linkSync(source, temporary)) || writeAtomically(file, bytes);
}

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * One buffer for checking every file a lookup reads: the bytes are only hashed, and a fresh
 * buffer per file costs more in page faults than the read (a 100-zone lookup read 33 MB:
 * 230 ms with a buffer per file, 35 ms with this one).
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** Whether the cache's copy of a file has the size and hash it was stored with. */
export function hasContent(file: CachedFile): boolean {
  if (typeof file.size !== 'number' || typeof file.sha256 !== 'string') return false;
  let fd: number;
  try {
    fd = openSync(file.at, 'r');
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size !== file.size) return false;
    // One byte of room beyond the size: a file that grew since the stat is read past it.
    if (scratch.length <= file.size) scratch = Buffer.allocUnsafe(Math.max(file.size + 1, scratch.length * 2));
    let length = 0;
    for (let read; length <= file.size && (read = readSync(fd, scratch, length, scratch.length - length, null)) > 0;) length += read;
    return holds(scratch.subarray(0, length), file);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The cache's copy of a file, if it still has the size and hash it was looked up with. */
export function cachedBytes(file: CachedFile): Buffer | undefined {
  try {
    const bytes = readFileSync(file.at);
    return holds(bytes, file) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `bytes` are the file's content: its size and hash as stored. */
function holds(bytes: Buffer, file: CachedFile): boolean {
  return bytes.length === file.size && sha256(bytes) === file.sha256;
}

/** Marks a file as just used (times only choose what to prune); false when there is no such file. */
export function touch(file: string): boolean {
  try {
    const now = new Date();
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/** Keeps the `kept` most recently written or used of the files in `dir` that `matches` names; deletes the others. */
export function keepNewest(dir: string, kept: number, matches: (name: string) => boolean): void {
  const files = listDir(dir)
    .filter(matches)
    .map((name) => ({ file: path.join(dir, name), time: mtime(path.join(dir, name)) }))
    .sort((a, b) => b.time - a.time);
  for (const old of files.slice(kept)) rmSync(old.file, { force: true });
}

export function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Files under `dir` (relative to `root`), by path with `/`. */
export function filesUnder(root: string, dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(path.join(root, at), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relative = path.join(at, entry.name);
      if (entry.isDirectory()) walk(relative);
      else files.set(relative.split(path.sep).join('/'), readFileSync(path.join(root, relative)));
    }
  };
  walk(dir);
  return files;
}
