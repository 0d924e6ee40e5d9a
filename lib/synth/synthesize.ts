import { App } from 'cdktf';
import * as path from 'path';
import { loadEstateFile } from '../estate/load';
import { Estate } from '../estate/model';
import { addEstateStacks } from '../../stacks/estate-app';
import { withStagedOutput } from './output-dir';

export interface SynthOptions {
  /** The estate file (YAML or JSON). */
  readonly estatePath: string;
  /** @default cdktf.out (or CDKTF_OUTDIR when the cdktf CLI runs the app) */
  readonly outdir: string;
  /** Where relative state directories are resolved from. @default the current directory */
  readonly projectDir?: string;
  /** See StagedOutputOptions.keepRemovedStacks. @default false */
  readonly keepRemovedStacks?: boolean;
}

export interface SynthResult {
  readonly estate: Estate;
  readonly outdir: string;
  readonly stacks: readonly string[];
}

/**
 * Validates the estate (throwing EstateValidationError before anything is written),
 * builds one stack per zone and synthesizes them into a staging directory that
 * replaces `outdir` only when everything succeeded.
 */
export function synthesizeEstate(options: SynthOptions): SynthResult {
  const estate = loadEstateFile(options.estatePath);
  const outdir = path.resolve(options.outdir);
  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  const stacks = withStagedOutput(outdir, (staging) => {
    const app = new App({ outdir: staging, stackTraces: false });
    const built = addEstateStacks(app, estate, { outdir, projectDir });
    app.synth();
    return [built.managementZone, ...built.landingZones].map((s) => s.node.id);
  }, { keepRemovedStacks: options.keepRemovedStacks });
  return { estate, outdir, stacks };
}
