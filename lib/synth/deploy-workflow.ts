import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { Estate } from '../estate/model';
import { deployWorkflow, renderWorkflow, WORKFLOW_FILE } from '../pipeline/github-workflow';

/**
 * Writes the GitHub Actions deploy workflow into the output directory when the estate keeps
 * its state in Azure storage. With the local backend a CI runner would start from empty
 * state on every run and try to create everything again, so no workflow is written.
 * Returns the file written, relative to the output directory.
 */
export function writeDeployWorkflow(estate: Estate, stacks: readonly TerraformStack[], outdir: string, estatePath: string): string | undefined {
  if (estate.backend.type !== 'azurerm') return undefined;
  const workflow = deployWorkflow({
    estatePath: estatePath.split(path.sep).join('/'),
    stacks: stacks.map((s) => ({ name: s.node.id, dependencies: s.dependencies.map((d) => d.node.id) })),
  });
  const file = path.join(outdir, WORKFLOW_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderWorkflow(workflow));
  return WORKFLOW_FILE;
}
