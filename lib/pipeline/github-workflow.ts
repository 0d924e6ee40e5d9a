import { stringify } from 'yaml';

/** A stack as the manifest records it. */
export interface PipelineStack {
  readonly name: string;
  /** Stacks that must be applied before this one is planned. */
  readonly dependencies: readonly string[];
}

export interface DeployWorkflowProps {
  /** The estate file, relative to the repository root. */
  readonly estatePath: string;
  readonly stacks: readonly PipelineStack[];
  /** Terraform version the jobs install. @default 1.11.4 */
  readonly terraformVersion?: string;
  /** Node.js version for synthesis. @default 20 */
  readonly nodeVersion?: string;
}

type Job = Record<string, unknown>;

/** Where synth writes the workflow, relative to the output directory. */
export const WORKFLOW_FILE = 'pipelines/github-actions-deploy.yml';

const ARTIFACT = 'cdktf-out';

/** The workflow_dispatch input that lets a run's plans delete data-bearing resources. */
export const ALLOW_DATA_DELETION_INPUT = 'allow_data_deletion';

/**
 * A GitHub Actions workflow that deploys the estate stack by stack: one synth job, then for
 * every stack a plan job and an apply job gated by a GitHub environment named after the
 * stack (add required reviewers there). A stack is planned only after every stack it
 * depends on was applied, since its plan reads their remote state; independent stacks run
 * in parallel. Azure access is OpenID Connect federation (`azure/login` style variables,
 * `ARM_USE_OIDC`), so the repository stores no secret: AZURE_CLIENT_ID and AZURE_TENANT_ID
 * are repository variables, not secrets.
 *
 * Every plan job checks its plan with the plan rules before it uploads it (`npm run
 * check-plan` on `terraform show -json tfplan`), so a plan that deletes or replaces a
 * data-bearing resource fails its job and the apply job, which needs it, never runs. Only a
 * manual run with the `allow_data_deletion` input set lets such a plan through; the input
 * stays in the run's record and the check lists every deletion it allowed in the log and
 * the step summary.
 */
export function deployWorkflow(props: DeployWorkflowProps): Record<string, unknown> {
  const known = new Set(props.stacks.map((s) => s.name));
  for (const stack of props.stacks) {
    for (const dependency of stack.dependencies) {
      if (!known.has(dependency)) throw new Error(`stack ${stack.name} depends on unknown stack ${dependency}`);
    }
  }
  const terraformVersion = props.terraformVersion ?? '1.11.4';
  // A new object per use: a shared one would be rendered as a YAML anchor and alias.
  const setupNode = () => ({ uses: 'actions/setup-node@v4', with: { 'node-version': props.nodeVersion ?? '20', cache: 'npm' } });
  const jobs: Record<string, Job> = {
    synth: {
      name: 'Synthesize',
      'runs-on': 'ubuntu-latest',
      steps: [
        { uses: 'actions/checkout@v4' },
        setupNode(),
        { run: 'npm ci' },
        // --frozen-lock: fails when the committed estate lock file would change.
        { run: 'npm run synth -- --frozen-lock', env: { ESTATE: props.estatePath } },
        { uses: 'actions/upload-artifact@v4', with: { name: ARTIFACT, path: 'cdktf.out', 'include-hidden-files': false } },
      ],
    },
  };
  for (const stack of props.stacks) {
    const dir = `cdktf.out/stacks/${stack.name}`;
    const terraformSteps = (final: Record<string, unknown>[], first: Record<string, unknown>[] = []) => [
      ...first,
      { uses: 'actions/download-artifact@v4', with: { name: ARTIFACT, path: 'cdktf.out' } },
      { uses: 'hashicorp/setup-terraform@v3', with: { terraform_version: terraformVersion, terraform_wrapper: false } },
      { run: 'terraform init -input=false', 'working-directory': dir },
      ...final,
    ];
    jobs[planJob(stack.name)] = {
      name: `Plan ${stack.name}`,
      needs: ['synth', ...stack.dependencies.map(applyJob)],
      'runs-on': 'ubuntu-latest',
      permissions: { 'id-token': 'write', contents: 'read' },
      env: AZURE_ENV,
      steps: terraformSteps(
        [
          { run: 'terraform plan -input=false -lock-timeout=5m -out=tfplan', 'working-directory': dir },
          { run: 'terraform show -json tfplan > plan.json', 'working-directory': dir },
          {
            name: 'Check the plan (plan rules: no data-bearing resource deleted or replaced)',
            run: `npm run check-plan -- --stack ${stack.name}${ALLOW_SWITCH} ${dir}/plan.json`,
          },
          { uses: 'actions/upload-artifact@v4', with: { name: `plan-${stack.name}`, path: `${dir}/tfplan` } },
        ],
        // The check runs the repository's plan rules: checkout and its locked dependencies.
        [{ uses: 'actions/checkout@v4' }, setupNode(), { run: 'npm ci' }],
      ),
    };
    jobs[applyJob(stack.name)] = {
      name: `Apply ${stack.name}`,
      needs: [planJob(stack.name)],
      'runs-on': 'ubuntu-latest',
      // The environment carries the approval gate (required reviewers) for this stack.
      environment: stack.name,
      permissions: { 'id-token': 'write', contents: 'read' },
      env: AZURE_ENV,
      steps: terraformSteps([
        { uses: 'actions/download-artifact@v4', with: { name: `plan-${stack.name}`, path: dir } },
        { run: 'terraform apply -input=false -lock-timeout=5m tfplan', 'working-directory': dir },
      ]),
    };
  }
  return {
    name: 'Deploy estate',
    on: {
      workflow_dispatch: {
        inputs: {
          [ALLOW_DATA_DELETION_INPUT]: {
            description: 'Let the plans delete or replace data-bearing resources (lakes, vaults, databases, ...): passes --allow-data-deletion to the plan check, which lists each one',
            type: 'boolean',
            required: false,
            default: false,
          },
        },
      },
      push: { branches: ['main'], paths: [props.estatePath] },
    },
    // One deployment of the estate at a time; a newer run waits instead of racing on state.
    concurrency: { group: 'deploy-estate', 'cancel-in-progress': false },
    permissions: { contents: 'read' },
    jobs,
  };
}

/** Workflow YAML with a header saying where it came from. */
export function renderWorkflow(workflow: Record<string, unknown>): string {
  return `# Generated by npm run synth; copy to .github/workflows/ to use. Do not edit by hand.\n${stringify(workflow, { lineWidth: 0 })}`;
}

export function planJob(stack: string): string {
  return `plan-${stack}`;
}

export function applyJob(stack: string): string {
  return `apply-${stack}`;
}

/** ` --allow-data-deletion` on a manual run with the input set; empty otherwise (a push has no inputs). */
const ALLOW_SWITCH = `\${{ inputs.${ALLOW_DATA_DELETION_INPUT} && ' --allow-data-deletion' || '' }}`;

/** OpenID Connect: Terraform's azurerm provider and backend read these; no client secret exists. */
const AZURE_ENV = {
  ARM_USE_OIDC: 'true',
  ARM_CLIENT_ID: '${{ vars.AZURE_CLIENT_ID }}',
  ARM_TENANT_ID: '${{ vars.AZURE_TENANT_ID }}',
};
