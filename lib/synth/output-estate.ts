import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

/** Which estate an output directory holds: written with every synth, so the next one can tell. */
export interface OutputEstate {
  readonly estate: string;
  readonly environment: string;
}

const FILE = 'estate.json';

/** The estate the output directory holds, or undefined when it holds none (or an output of an older version). */
export function readOutputEstate(outdir: string): OutputEstate | undefined {
  try {
    const json = JSON.parse(readFileSync(path.join(outdir, FILE), 'utf8')) as Partial<OutputEstate>;
    return typeof json.estate === 'string' && typeof json.environment === 'string' ? { estate: json.estate, environment: json.environment } : undefined;
  } catch {
    return undefined;
  }
}

export function writeOutputEstate(outdir: string, estate: OutputEstate): void {
  writeFileSync(path.join(outdir, FILE), `${JSON.stringify({ estate: estate.estate, environment: estate.environment }, null, 2)}\n`);
}

export function sameEstate(a: OutputEstate, b: OutputEstate): boolean {
  return a.estate === b.estate && a.environment === b.environment;
}
