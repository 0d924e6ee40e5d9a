import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { isPeeringStackName } from '../lock/peering-layout';
import { TerraformStack } from 'cdktf';
import { Estate } from '../estate/model';
import { deployWorkflow, renderWorkflow, WORKFLOW_FILE, WorkflowLimitError } from '../pipeline/github-workflow';

/** The deploy workflow synth wrote, or why it wrote none. */
export interface DeployWorkflowResult {
  /** The file written, relative to the output directory. */
  readonly file?: string;
  /** Why no workflow was written, as a sentence for `No deploy workflow: <skipped>`. */
  readonly skipped?: string;
}

/**
 * Why the estate gets no deploy workflow, or undefined when it gets one. `estatePath` is the
 * estate file relative to the project directory (the repository root in CI).
 *  - The local backend: a CI runner would start from empty state on every run and try to create
 *    everything again.
 *  - An estate file outside the project directory: the workflow's synth job runs on a checkout
 *    of the repository, where `../x.yaml` (or an absolute path on this machine) does not exist.
 */
export function deployWorkflowSkipReason(estate: Estate, estatePath: string): string | undefined {
  if (estate.backend.type !== 'azurerm') return 'the local backend keeps state on this machine; set backend.type: azurerm to get one for CI.';
  if (path.isAbsolute(estatePath) || path.win32.isAbsolute(estatePath) || estatePath.split(/[\\/]/)[0] === '..') {
    return `the estate file ${estatePath} is outside the project directory, so the workflow's checkout of this repository would not have it; keep the estate in the repository (e.g. estates/) and run synth with ESTATE pointing there.`;
  }
  return undefined;
}

/**
 * Writes the GitHub Actions deploy workflow into the output directory when the estate keeps
 * its state in Azure storage and its file is inside the project directory; otherwise writes
 * nothing and says why.
 */
export function synthDeployWorkflow(estate: Estate, stacks: readonly TerraformStack[], outdir: string, estatePath: string): DeployWorkflowResult {
  const skipped = deployWorkflowSkipReason(estate, estatePath);
  if (skipped) return { skipped };
  let text: string;
  try {
    text = renderWorkflow(
      deployWorkflow({
        estatePath: estatePath.split(path.sep).join('/'),
        stacks: stacks.map((s) => ({
          name: s.node.id,
          dependencies: s.dependencies.map((d) => d.node.id),
          ...(isPeeringStackName(s.node.id) ? { approvesEndpoints: false } : {}),
        })),
      }),
    );
  } catch (e) {
    // An estate too large for one workflow file still synthesizes; only the workflow is left out.
    if (e instanceof WorkflowLimitError) return { skipped: `${e.message}; deploy the stacks in dependency order by other means.` };
    throw e;
  }
  const file = path.join(outdir, WORKFLOW_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return { file: WORKFLOW_FILE };
}

/** The file synthDeployWorkflow wrote, relative to the output directory; undefined when it wrote none. */
export function writeDeployWorkflow(estate: Estate, stacks: readonly TerraformStack[], outdir: string, estatePath: string): string | undefined {
  return synthDeployWorkflow(estate, stacks, outdir, estatePath).file;
}
