import { EstateValidationError } from './lib/estate/problems';
import { synthesizeEstate } from './lib/synth/synthesize';

/**
 * `npm run synth` / `cdktf synth`: ESTATE names the estate file (default
 * estates/relecloud.yaml); the stacks go to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
 */
function main(): number {
  const estatePath = process.env.ESTATE ?? 'estates/relecloud.yaml';
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const started = Date.now();
    const result = synthesizeEstate({ estatePath, outdir });
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
