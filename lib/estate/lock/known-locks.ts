import { createHash } from 'crypto';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import * as path from 'path';

/**
 * Lock texts known to pass the lock's schema (issue 19): the lock a synth wrote, read back byte
 * for byte by the next synth of the same code version, is only parsed (a 100-zone lock is 1 MB,
 * about 50 ms in the schema, a tenth of an edit's synth). A text is added only once it was
 * checked: zones equal to those of a lock that passed, the others through the schema
 * (estate-lock.ts isSchemaValid). Kept with the stack cache as empty files named by the SHA-256
 * of the code version and the text, never by file times (they only choose what to prune): a
 * lock edited by hand, another code version or an emptied cache, and the schema checks it all.
 */
export class KnownLocks {
  /** Texts kept: a few estates, and a lock edited back and forth. */
  static readonly KEPT = 16;

  constructor(
    private readonly dir: string,
    private readonly codeVersion: string,
  ) {}

  has(text: string): boolean {
    const file = this.fileOf(text);
    try {
      // Touched: the most recently used are kept.
      const now = new Date();
      utimesSync(file, now, now);
      return true;
    } catch {
      return false;
    }
  }

  /** A failure to write only loses the shortcut. */
  add(text: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(this.fileOf(text), '');
      this.prune();
    } catch {
      // A read-only cache: the next synth checks the lock in full.
    }
  }

  private fileOf(text: string): string {
    const hash = createHash('sha256').update(`${this.codeVersion}\n`).update(text).digest('hex').slice(0, 32);
    return path.join(this.dir, hash);
  }

  private prune(): void {
    const files = readdirSync(this.dir)
      .filter((name) => /^[0-9a-f]{32}$/.test(name))
      .map((name) => ({ file: path.join(this.dir, name), time: statSync(path.join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const old of files.slice(KnownLocks.KEPT)) rmSync(old.file, { force: true });
  }
}
