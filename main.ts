import { EstateValidationError } from './lib/estate/problems';
import { formatWarnings, PolicyViolationError } from './lib/policy/findings';
import * as path from 'path';
import { DIAGRAM_FILES } from './lib/diagram';
import { formatSynthSummary, summarizeStacks } from './lib/synth/summary';
import { synthesizeEstate } from './lib/synth/synthesize';
import { skipTokenStackTraces } from './lib/synth/fast-tokens';
import { DataLossError } from './lib/synth/address-guard';

const DEFAULT_ESTATE = 'estates/relecloud.yaml';
const DEFAULT_OUTDIR = 'cdktf.out';

/**
 * `npm run synth` / `cdktf synth`: ESTATE names the estate file (default
 * estates/relecloud.yaml); the stacks go to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
 * `--allow-data-loss` (or ALLOW_DATA_LOSS=1) lets a synth drop data stores from stacks.
 */
function main(): number {
  // cdktf captures a full stack trace for every lazy token, only to quote it if the token
  // later fails to resolve; with tsx's source maps on, formatting those traces was a fifth of
  // synth time, and capturing them still is (lib/synth/fast-tokens.ts).
  process.setSourceMapsEnabled(false);
  if (process.env.CSA_TOKEN_STACK_TRACES !== '1') skipTokenStackTraces();
  const estatePath = process.env.ESTATE ?? DEFAULT_ESTATE;
  const outdir = process.env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR;
  try {
    const started = Date.now();
    // The cdktf CLI passes its context as CDKTF_CONTEXT_JSON and removes stale stack directories itself.
    const result = synthesizeEstate({
      estatePath,
      outdir,
      keepRemovedStacks: process.env.CDKTF_CONTEXT_JSON !== undefined,
      allowDataLoss: process.argv.includes('--allow-data-loss') || process.env.ALLOW_DATA_LOSS === '1',
    });
    const seconds = (Date.now() - started) / 1000;
    if (result.policy.warnings.length) console.error(formatWarnings(result.policy.warnings));
    const { manifest, stacks } = result.written;
    const shownOutdir = path.isAbsolute(outdir) && !path.relative(process.cwd(), outdir).startsWith('..') ? path.relative(process.cwd(), outdir) || '.' : outdir;
    process.stdout.write(
      formatSynthSummary(summarizeStacks(manifest, stacks, result.stacks), {
        outdir: shownOutdir,
        estate: result.estate.estate,
        estatePath,
        seconds,
        defaultEstatePath: DEFAULT_ESTATE,
        defaultOutdir: DEFAULT_OUTDIR,
        diagram: { html: DIAGRAM_FILES.html, svg: DIAGRAM_FILES.svg, seconds: result.diagram.milliseconds / 1000 },
        workflow: result.workflow && path.relative(result.outdir, result.workflow).split(path.sep).join('/'),
        backend: result.estate.backend.type,
        changes: result.changes,
      }),
    );
    return 0;
  } catch (e) {
    if (e instanceof EstateValidationError) {
      console.error(`Invalid estate, nothing was written (${outdir} is unchanged).\n${e.message}`);
      return 1;
    }
    if (e instanceof DataLossError) {
      console.error(`Refused, nothing was written (${outdir} is unchanged): ${e.message}`);
      return 1;
    }
    if (e instanceof PolicyViolationError) {
      console.error(`Policy check failed, nothing was written (${outdir} is unchanged).\n${e.message}`);
      if (e.report.warnings.length) console.error(formatWarnings(e.report.warnings));
      return 1;
    }
    console.error(`Synthesis failed, nothing was written (${outdir} is unchanged): ${(e as Error).stack ?? e}`);
    return 2;
  }
}

process.exitCode = main();
