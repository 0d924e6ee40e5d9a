/**
 * `npm run docs:reference`: writes docs/estate-format-reference.md from the estate schema
 * (lib/estate/schema.ts). `--check` only compares and exits 1 when the file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { estateSchema } from '../lib/estate/schema';
import { referenceMarkdown } from '../lib/estate/schema-reference';

export const REFERENCE_FILE = path.join(__dirname, '..', 'docs', 'estate-format-reference.md');

export function estateReference(): string {
  return referenceMarkdown(estateSchema, { source: 'lib/estate/schema.ts', command: 'npm run docs:reference' });
}

function main(): number {
  const text = estateReference();
  const current = existsSync(REFERENCE_FILE) ? readFileSync(REFERENCE_FILE, 'utf8') : undefined;
  if (process.argv.includes('--check')) {
    if (current === text) return 0;
    console.error(`${path.relative(process.cwd(), REFERENCE_FILE)} is out of date; run npm run docs:reference`);
    return 1;
  }
  if (current !== text) writeFileSync(REFERENCE_FILE, text);
  console.log(`${path.relative(process.cwd(), REFERENCE_FILE)} ${current === text ? 'is up to date' : 'written'}`);
  return 0;
}

if (require.main === module) process.exitCode = main();
