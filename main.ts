import { EstateValidationError } from './lib/estate/problems';
import { synthesizeEstate } from './lib/synth/synthesize';

/**
 * `npm run synth` / `cdktf synth`: ESTATE names the estate file (default
 * estates/relecloud.yaml); the stacks go to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
 */
function main(): number {
  // cdktf captures a full stack trace for every lazy token; with tsx's source maps on,
  // formatting those traces is a fifth of synth time. Our own errors do not need them.
  process.setSourceMapsEnabled(false);
  const estatePath = process.env.ESTATE ?? 'estates/relecloud.yaml';
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const started = Date.now();
    // The cdktf CLI passes its context as CDKTF_CONTEXT_JSON and removes stale stack directories itself.
    const result = synthesizeEstate({ estatePath, outdir, keepRemovedStacks: process.env.CDKTF_CONTEXT_JSON !== undefined });
    console.log(`Synthesized estate "${result.estate.estate}" (${estatePath}) into ${outdir} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    for (const stack of result.stacks) console.log(`  ${stack.padEnd(24)} ${outdir}/stacks/${stack}/cdk.tf.json`);
    return 0;
  } catch (e) {
    if (e instanceof EstateValidationError) {
      console.error(`Invalid estate, nothing was written (${outdir} is unchanged).\n${e.message}`);
      return 1;
    }
    console.error(`Synthesis failed, nothing was written (${outdir} is unchanged): ${(e as Error).stack ?? e}`);
    return 2;
  }
}

process.exitCode = main();
