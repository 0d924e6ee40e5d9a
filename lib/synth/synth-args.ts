import { parseArgs } from 'util';

export const DEFAULT_ESTATE = 'estates/relecloud.yaml';
export const DEFAULT_OUTDIR = 'cdktf.out';

export const SYNTH_USAGE = `usage: npm run synth -- [--estate FILE] [--out DIR] [--frozen-lock] [--allow-data-loss] [--peerings-moved] [--watch] [--help]

Synthesizes an estate file into one Terraform JSON stack per zone.

  --estate FILE       the estate file (YAML or JSON); default $ESTATE or ${DEFAULT_ESTATE}
  --out DIR           the output directory; default $CDKTF_OUTDIR or ${DEFAULT_OUTDIR}
  --frozen-lock       fail, writing nothing, if the estate lock (<estate>.lock.json beside the
                      estate file) would change; for CI, like npm ci
  --allow-data-loss   write stacks that destroy or replace data stores the lock records, and
                      destroy (not keep) the data of retired integrations, products and zones;
                      also ALLOW_DATA_LOSS=1
  --peerings-moved    every stack was applied since synth began moving peerings into peering
                      stacks (a lock from before them): drop the blocks and providers the move
                      needed, and record it in the lock (docs/topology.md)
  --watch             synthesize, then again each time the estate file or its lock changes,
                      in this process, until Ctrl-C (an edit then costs a fraction of a synth)
  --help              print this and synthesize nothing

Note the -- after "npm run synth": without it npm takes the flags for itself.
`;

export interface SynthArgs {
  readonly estatePath: string;
  readonly outdir: string;
  readonly frozenLock: boolean;
  readonly allowDataLoss: boolean;
  readonly peeringsMoved: boolean;
  readonly watch: boolean;
  readonly help: boolean;
}

export class SynthUsageError extends Error {}

/** The synth command line (spec section 6): a flag wins over its environment variable. */
export function parseSynthArgs(argv: readonly string[], env: NodeJS.ProcessEnv): SynthArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        estate: { type: 'string' },
        out: { type: 'string' },
        'frozen-lock': { type: 'boolean', default: false },
        'allow-data-loss': { type: 'boolean', default: false },
        'peerings-moved': { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new SynthUsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  // npm swallows flags given without "--" and sets npm_config_<flag> instead: say so rather than ignore them.
  for (const flag of ['allow_data_loss', 'frozen_lock', 'peerings_moved', 'watch', 'estate', 'out']) {
    if (env[`npm_config_${flag}`] !== undefined) {
      throw new SynthUsageError(
        `npm took --${flag.replace(/_/g, '-')} for itself: write npm run synth -- --${flag.replace(/_/g, '-')}${flag === 'estate' || flag === 'out' ? ' VALUE' : ''}`,
      );
    }
  }
  return {
    estatePath: values.estate ?? env.ESTATE ?? DEFAULT_ESTATE,
    outdir: values.out ?? env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR,
    frozenLock: values['frozen-lock'] === true,
    allowDataLoss: values['allow-data-loss'] === true || env.ALLOW_DATA_LOSS === '1',
    peeringsMoved: values['peerings-moved'] === true,
    watch: values.watch === true,
    help: values.help === true,
  };
}
