// Test helpers for suites that need the terraform binary or the provider schemas.
// The schemas are committed (tools/offline-provider/schemas, trimmed by npm run
// schemas:trim), so only terraform can be missing in a clone. Without a prerequisite a
// suite is skipped locally, but under CI=true it fails: CI must never pass by silently
// skipping the offline plan checks.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPrerequisites, COMMITTED_SCHEMAS_DIR, defaultSchemasDir } from '../plan-runner';

/** What the planner suites plan against: $TF_SCHEMAS_DIR (e.g. full documents), else the committed data. */
export const SCHEMAS_DIR = defaultSchemasDir();
/** The committed schema data, whatever TF_SCHEMAS_DIR says. */
export const AZURERM_SCHEMA = join(COMMITTED_SCHEMAS_DIR, 'azurerm-4.55.0.json');
export const RANDOM_SCHEMA = join(COMMITTED_SCHEMAS_DIR, 'random-3.7.2.json');
export const FIXTURES = join(__dirname, 'fixtures');
/**
 * Fixture output dirs are not called cdktf.out: the repo's .gitignore ignores every
 * cdktf.out/, which would keep the fixtures out of commits. The name is irrelevant
 * to the tool (relative paths climb out of stacks/<name>, not out of the dir name).
 */
export const FIXTURE_OUT = 'cdktf-output';

let cached: string[] | undefined;
export function missingPrerequisites(): string[] {
  cached ??= checkPrerequisites({ schemasDir: SCHEMAS_DIR }).missing;
  return cached;
}

export function haveSchemas(): boolean {
  return existsSync(AZURERM_SCHEMA) && existsSync(RANDOM_SCHEMA);
}

/** describe() when `ok`, else a skipped suite (or, under CI, a failing one naming what is missing). */
export function describeWhen(ok: boolean, missing: () => string[], name: string, fn: () => void): void {
  if (ok) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has its prerequisites (CI must not skip)', () => {
        throw new Error(`missing: ${missing().join('; ')}`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${missing().join('; ')})`, fn);
  }
}

/** A temp dir removed after the suite. */
export function suiteTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('suiteTempDir used outside a test');
    return dir;
  };
}
