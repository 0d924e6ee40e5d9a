import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { keepNewest, sha256, touch } from './stack-cache-files';

/**
 * Lock texts known to pass the lock's schema (issue 19): the lock a synth wrote, read back byte
 * for byte by the next synth of the same code version, is only parsed (a 100-zone lock is 1 MB,
 * about 50 ms in the schema, a tenth of an edit's synth). A text is added only once it was
 * checked: zones equal to those of a lock that passed, the others through the schema
 * (lib/estate/lock/estate-lock.ts isSchemaValid). Kept with the stack cache, under its `locks/`,
 * as empty files named by the SHA-256 of the code version and the text, never by file times
 * (they only choose what to prune): a lock edited by hand, another code version or an emptied
 * cache, and the schema checks it all.
 */
export class KnownLocks {
  /** Texts kept: a few estates, and a lock edited back and forth. */
  static readonly KEPT = 16;

  constructor(
    private readonly dir: string,
    private readonly codeVersion: string,
  ) {}

  /** Touched when known: the most recently used are kept. */
  has(text: string): boolean {
    return touch(this.fileOf(text));
  }

  /** A failure to write only loses the shortcut. */
  add(text: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(this.fileOf(text), '');
      keepNewest(this.dir, KnownLocks.KEPT, (name) => /^[0-9a-f]{32}$/.test(name));
    } catch {
      // A read-only cache: the next synth checks the lock in full.
    }
  }

  private fileOf(text: string): string {
    return path.join(this.dir, sha256(`${this.codeVersion}\n${text}`));
  }
}
