import { parseSynthArgs, SynthUsageError, SYNTH_USAGE } from './lib/synth/synth-args';

/**
 * `npm run synth` / `cdktf synth` (usage: lib/synth/synth-args.ts): `--estate` or ESTATE names
 * the estate file (default estates/relecloud.yaml); the stacks go to `--out`, CDKTF_OUTDIR
 * (set by the cdktf CLI) or cdktf.out.
 */
function main(): number {
  let args;
  try {
    args = parseSynthArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof SynthUsageError)) throw e;
    console.error(`${e.message}\n\n${SYNTH_USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(SYNTH_USAGE);
    return 0;
  }
  // Before cdktf loads: it binds the JSON writer it writes every stack with (lib/synth/fast-stringify.ts).
  (require('./lib/synth/fast-stringify') as typeof import('./lib/synth/fast-stringify')).preloadFastStableStringify();
  if (args.watch && process.env.CDKTF_CONTEXT_JSON !== undefined) {
    console.error('--watch is for npm run synth: the cdktf CLI runs the app once per command');
    return 2;
  }
  // Loaded only now: cdktf and the provider bindings take a while, and --help needs none of them.
  const { runSynthCommand } = require('./lib/synth/synth-command') as typeof import('./lib/synth/synth-command');
  const synth = () => {
    const status = runSynthCommand(args);
    // scripts/run-synth.cjs keeps V8's code cache of a run that synthesized: one of `--help` or a
    // failure would cover only what they compiled, and V8 would go on accepting it.
    if (status === 0) (globalThis as Record<symbol, unknown>)[Symbol.for('csa-estate.synthesized')] = true;
    return status;
  };
  if (!args.watch) return synth();
  const { watchEstate, WatchError } = require('./lib/synth/synth-watch') as typeof import('./lib/synth/synth-watch');
  const { estateLockPath } = require('./lib/estate/lock/estate-lock') as typeof import('./lib/estate/lock/estate-lock');
  try {
    return watchEstate({ estatePath: args.estatePath, lockPath: estateLockPath(args.estatePath), synth }).status;
  } catch (e) {
    if (!(e instanceof WatchError)) throw e;
    console.error(`--watch: ${e.message}`);
    return 2;
  }
}

process.exitCode = main();
