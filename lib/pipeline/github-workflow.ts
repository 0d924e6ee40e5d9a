/**
 * The GitHub Actions workflow that deploys an estate stack by stack.
 *
 * Layout, and why. One synth job, then plan and apply jobs ordered by the manifest's
 * dependencies: a stack is planned only after every stack it depends on was applied, since its
 * plan reads their remote state. GitHub runs at most 256 jobs per workflow run (a matrix counts
 * one job per entry) and refuses to start a workflow file over 500 KB
 * (https://docs.github.com/en/actions/reference/limits: "Job Matrix 256 jobs / workflow run",
 * "Workflow file size 500 KB per file"), while one plan and one apply job per stack needs
 * 2 x 251 jobs at 250 landing zones. So the generator picks the first layout that fits
 * (lib/pipeline/deploy-layout.ts):
 *
 *  1. Per stack (up to 127 stacks): a plan job and a gated apply job for every stack. Every plan
 *     can be read before its apply is approved; independent stacks run in parallel.
 *  2. Grouped (larger estates): stacks are sorted into waves by dependency depth. A wave of
 *     several stacks (avnm: every landing zone that reads no other zone's inputs) is split into
 *     at most 20 parts; a part is one plan job that plans and checks its stacks one after the
 *     other and one gated apply job that applies them. A part waits only for the apply jobs
 *     holding its own dependencies, not for whole waves. A chain of waves of one stack each
 *     (peering: every zone depends on the one before it) cannot run in parallel and cannot be
 *     planned ahead, so it runs as sequential jobs of 10 stacks: each job waits for approval,
 *     then plans, checks and applies its stacks in order.
 *  3. Sequential (a graph deeper than ~127 waves that are each several stacks wide): the whole
 *     topological order in sequential jobs.
 *
 * Alternatives not taken: a matrix per wave still counts one job per entry, so 250 parallel
 * zones are 500 jobs, and a 250-deep chain is 500 waves; reusable workflows only move the same
 * jobs into other files; workflow files chained with workflow_run split one deployment across
 * several runs, each with its own artifacts and approvals, to be followed across run pages.
 * The price of grouping: past 127 stacks, the approval of a grouped apply job covers all its
 * stacks (their plans are in the plan job's log), and the approval of a sequential job is given
 * before its plans exist: the plan check (`npm run check-plan`) still stops any plan that
 * deletes or replaces a data-bearing resource before it is applied, but a reviewer no longer
 * reads each plan first. Measured at 250 landing zones (251 stacks): peering 27 jobs, 180 KB;
 * avnm 43 jobs, 221 KB (85 jobs, 265 KB with cross-zone inputs four waves deep); 127 stacks per
 * stack: 255 jobs, 351 KB. The file reaches 500 KB at about 650 zones; beyond that synth
 * writes no workflow and says why (WorkflowLimitError).
 *
 * Identities (OpenID Connect; no client secret exists anywhere; AZURE_* are variables):
 *  - Plan jobs run outside any environment as the planner, `vars.AZURE_PLAN_CLIENT_ID`. Its
 *    federated credential's subject is the branch (`repo:<owner>/<repo>:ref:refs/heads/main`).
 *    Least privilege: Reader on each zone's subscription (refresh reads resources); on the state
 *    container only, Storage Blob Data Reader (its own state and the terraform_remote_state of
 *    the stacks it reads) plus the data action `.../containers/blobs/write` for the state lock,
 *    which the azurerm backend takes as a blob lease and records in the blob's metadata (Azure
 *    authorizes both as blob writes; there is no lease-only data action); e.g. one custom role
 *    with `blobs/read` and `blobs/write` scoped to that container. No `blobs/delete`, no
 *    `listKeys` (the backend uses Entra ID auth), no write anywhere else. The planner cannot
 *    register resource providers, so plan jobs set ARM_RESOURCE_PROVIDER_REGISTRATIONS=none
 *    (the deployer's applies register them).
 *  - Apply and sequential jobs carry the environment `deploy` (required reviewers go there) and
 *    run as the deployer, `vars.AZURE_CLIENT_ID`, whose federated credential's subject is the
 *    environment (`repo:<owner>/<repo>:environment:deploy`): GitHub gives a job that subject only
 *    once the environment's protection rules let it start, so the deployer identity is usable only
 *    behind the gate (https://docs.github.com/en/actions/reference/security/oidc). One environment,
 *    not one per stack: Entra ID allows at most 20 federated credentials per application
 *    (https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations),
 *    and the reviewers are set up once.
 *
 * Artifacts: the synthesized stacks (configuration only, no state) for 7 days, so that gated
 * jobs approved days into a run still find them; each saved plan (`tfplan` only: never
 * plan.json, .terraform or any state file) for 1 day, the minimum
 * (https://github.com/actions/upload-artifact/blob/main/action.yml, `retention-days`:
 * "Minimum 1 day"). A saved plan holds the prior state and planned values, sensitive ones in
 * plain text, and one that waited longer than a day for approval is stale anyway; its apply
 * fails (artifact gone) and the run has to be started again, which plans afresh.
 *
 * Every plan is checked with the plan rules before it is uploaded or applied (`npm run
 * check-plan` on `terraform show -json tfplan`), so a plan that deletes or replaces a
 * data-bearing resource fails its job. Only a manual run with the `allow_data_deletion` input
 * lets such a plan through; the check lists every deletion it allowed.
 */
import { Document, isScalar, visit } from 'yaml';
import { DeployUnit, layoutDeployment, PipelineStack } from './deploy-layout';
import { endpointApprovalStep } from './endpoint-approval';

export type { PipelineStack } from './deploy-layout';

export interface DeployWorkflowProps {
  /** The estate file, relative to the repository root, with forward slashes. */
  readonly estatePath: string;
  readonly stacks: readonly PipelineStack[];
  /** Terraform version the jobs install. @default 1.11.4 */
  readonly terraformVersion?: string;
  /** Node.js version for synthesis. @default 20 */
  readonly nodeVersion?: string;
  /** Jobs one run may have, synth included. @default 256 (MAX_JOBS_PER_RUN) */
  readonly maxJobs?: number;
  /** Parts a wave is split into at most. @default 20 (as many as GitHub Free runs at once) */
  readonly maxParallel?: number;
  /** Stacks per sequential job in a chain. @default 10 */
  readonly stacksPerSequentialJob?: number;
}

type Job = Record<string, unknown>;
type Step = Record<string, unknown>;

/** Where synth writes the workflow, relative to the output directory. */
export const WORKFLOW_FILE = 'pipelines/github-actions-deploy.yml';

/** https://docs.github.com/en/actions/reference/limits ("256 jobs / workflow run", "500 KB per file"). */
export const MAX_JOBS_PER_RUN = 256;
/** 500 KB, counted as 500,000 bytes to stay clear of the limit whichever kilobyte GitHub means. */
export const MAX_WORKFLOW_BYTES = 500_000;

/** The workflow would break one of GitHub's limits (jobs per run, file size). */
export class WorkflowLimitError extends Error {}

/** The environment every apply and sequential job waits on; the deployer's federated credential names it. */
export const DEPLOY_ENVIRONMENT = 'deploy';

/** The workflow_dispatch input that lets a run's plans delete data-bearing resources. */
export const ALLOW_DATA_DELETION_INPUT = 'allow_data_deletion';

/**
 * Every action the workflow uses, pinned to the full commit of a release tag (a tag can be moved;
 * a commit cannot). The tag is written next to each `uses:` as a comment. To update: take the
 * commit a release tag points to from the action's repository, and change sha and tag together.
 */
export const PINNED_ACTIONS = {
  checkout: { action: 'actions/checkout', tag: 'v4.2.2', sha: '11bd71901bbe5b1630ceea73d27597364c9af683' },
  setupNode: { action: 'actions/setup-node', tag: 'v4.4.0', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020' },
  uploadArtifact: { action: 'actions/upload-artifact', tag: 'v4.6.2', sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02' },
  downloadArtifact: { action: 'actions/download-artifact', tag: 'v4.3.0', sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093' },
  setupTerraform: { action: 'hashicorp/setup-terraform', tag: 'v3.1.2', sha: 'b9cd54a3c349d3f38e8881555d616ced269862dd' },
} as const;

const uses = (pin: { action: string; sha: string }) => `${pin.action}@${pin.sha}`;

const ARTIFACT = 'cdktf-out';
/** Days the synthesized stacks are kept: configuration only, and gated jobs may be approved days into a run. */
export const SYNTH_RETENTION_DAYS = 7;
/** Days a saved plan is kept: the minimum GitHub allows; a plan holds state values. */
export const PLAN_RETENTION_DAYS = 1;

/** ` --allow-data-deletion` on a manual run with the input set; empty otherwise (a push has no inputs). */
const ALLOW_SWITCH = `\${{ inputs.${ALLOW_DATA_DELETION_INPUT} && ' --allow-data-deletion' || '' }}`;

/** The read-only planner: no environment, so its federated credential is bound to the branch. */
const PLANNER_ENV = {
  ARM_USE_OIDC: 'true',
  ARM_CLIENT_ID: '${{ vars.AZURE_PLAN_CLIENT_ID }}',
  ARM_TENANT_ID: '${{ vars.AZURE_TENANT_ID }}',
  // The planner holds Reader only: registering resource providers is the deployer's job.
  ARM_RESOURCE_PROVIDER_REGISTRATIONS: 'none',
};

/** The deployer: only in jobs that carry DEPLOY_ENVIRONMENT, which its federated credential names. */
const DEPLOYER_ENV = {
  ARM_USE_OIDC: 'true',
  ARM_CLIENT_ID: '${{ vars.AZURE_CLIENT_ID }}',
  ARM_TENANT_ID: '${{ vars.AZURE_TENANT_ID }}',
};

export function planJob(stack: string): string {
  return `plan-${stack}`;
}

export function applyJob(stack: string): string {
  return `apply-${stack}`;
}

const stackDir = (stack: string) => `cdktf.out/stacks/${stack}`;

/** Job ids per unit: `plan-<stack>`/`apply-<stack>` for one stack, wave parts and chains otherwise. */
function unitJobIds(unit: DeployUnit): { plan?: string; apply: string } {
  const [first] = unit.stacks;
  const last = unit.stacks[unit.stacks.length - 1];
  if (unit.kind === 'sequential') return { apply: `deploy-${first}-to-${last}` };
  if (unit.stacks.length === 1) return { plan: planJob(first!), apply: applyJob(first!) };
  const part = `wave${unit.wave}-part${unit.part.index}`;
  return { plan: `plan-${part}`, apply: `apply-${part}` };
}

/** "a", "a and b", "a ... z (12 stacks)" */
function stackList(stacks: readonly string[]): string {
  if (stacks.length <= 2) return stacks.join(' and ');
  return `${stacks[0]} ... ${stacks[stacks.length - 1]} (${stacks.length} stacks)`;
}

function unitTitle(unit: DeployUnit): string {
  if (unit.kind === 'sequential') return `${stackList(unit.stacks)}, one after the other`;
  if (unit.stacks.length === 1) return unit.stacks[0]!;
  return `wave ${unit.wave}${unit.part.of > 1 ? ` part ${unit.part.index}/${unit.part.of}` : ''}: ${stackList(unit.stacks)}`;
}

/** The steps the jobs are made of. A new object per use: YAML output without anchors and aliases reads better. */
function workflowSteps(props: DeployWorkflowProps) {
  // A workflow of hundreds of peering stacks stays under GitHub's 500 KB without a step that has nothing to approve.
  const noEndpoints = new Set(props.stacks.filter((s) => s.approvesEndpoints === false).map((s) => s.name));
  const terraformVersion = props.terraformVersion ?? '1.11.4';
  const checkout = (): Step => ({ uses: uses(PINNED_ACTIONS.checkout), with: { 'persist-credentials': false } });
  const setupNode = (): Step => ({ uses: uses(PINNED_ACTIONS.setupNode), with: { 'node-version': props.nodeVersion ?? '20', cache: 'npm' } });
  const download = (): Step => ({ uses: uses(PINNED_ACTIONS.downloadArtifact), with: { name: ARTIFACT, path: 'cdktf.out' } });
  const setupTerraform = (): Step => ({ uses: uses(PINNED_ACTIONS.setupTerraform), with: { terraform_version: terraformVersion, terraform_wrapper: false } });
  return {
    checkout,
    setupNode,
    download,
    setupTerraform,
    // The plan check runs the repository's plan rules: a checkout and its locked dependencies.
    planTools: (): Step[] => [checkout(), setupNode(), { run: 'npm ci' }, download(), setupTerraform()],
    planSteps: (stack: string): Step[] => [
      {
        name: `Plan ${stack}`,
        'working-directory': stackDir(stack),
        run: ['terraform init -input=false', 'terraform plan -input=false -lock-timeout=5m -out=tfplan', 'terraform show -json tfplan > plan.json'].join('\n'),
      },
      {
        // The plan rules: no data-bearing resource deleted or replaced.
        name: `Check the plan of ${stack}`,
        // from the repository root, where package.json is
        run: `npm run check-plan -- --stack ${stack}${ALLOW_SWITCH} ${stackDir(stack)}/plan.json`,
      },
    ],
    // The apply, then the approval of the stack's managed private endpoints (created pending), where it may have any.
    applySteps: (stack: string, init: boolean): Step[] => [
      {
        name: `Apply ${stack}`,
        'working-directory': stackDir(stack),
        run: [...(init ? ['terraform init -input=false'] : []), 'terraform apply -input=false -lock-timeout=5m tfplan'].join('\n'),
      },
      ...(noEndpoints.has(stack) ? [] : [endpointApprovalStep(stack, stackDir(stack))]),
    ],
  };
}

type WorkflowSteps = ReturnType<typeof workflowSteps>;

function synthJob(props: DeployWorkflowProps, steps: WorkflowSteps): Job {
  return {
    name: 'Synthesize',
    'runs-on': 'ubuntu-latest',
    steps: [
      steps.checkout(),
      steps.setupNode(),
      { run: 'npm ci' },
      // --frozen-lock: fails when the committed estate lock file would change.
      { run: 'npm run synth -- --frozen-lock', env: { ESTATE: props.estatePath } },
      {
        uses: uses(PINNED_ACTIONS.uploadArtifact),
        with: { name: ARTIFACT, path: 'cdktf.out', 'include-hidden-files': false, 'retention-days': SYNTH_RETENTION_DAYS, 'if-no-files-found': 'error' },
      },
    ],
  };
}

/** A sequential unit's one job: approval, then plan, check and apply of each stack in order. */
function sequentialJob(unit: DeployUnit, needs: string[], steps: WorkflowSteps): Job {
  return {
    name: `Deploy ${unitTitle(unit)}`,
    needs,
    'runs-on': 'ubuntu-latest',
    // The approval gate for these stacks; it comes before their plans, which each need the previous apply.
    environment: DEPLOY_ENVIRONMENT,
    permissions: { 'id-token': 'write', contents: 'read' },
    env: DEPLOYER_ENV,
    steps: [...steps.planTools(), ...unit.stacks.flatMap((stack) => [...steps.planSteps(stack), ...steps.applySteps(stack, false)])],
  };
}

/** A unit's plan job and its gated apply job. */
function planAndApplyJobs(unit: DeployUnit, needs: string[], steps: WorkflowSteps): [string, Job][] {
  const ids = unitJobIds(unit);
  // One artifact per plan job holding the saved plans only (never plan.json, which holds the same
  // values readably, nor .terraform), uploaded once every plan of the job passed its check. With
  // several paths the artifact's root is their common directory, cdktf.out/stacks; with one, the
  // stack's directory (https://github.com/actions/upload-artifact#upload-using-multiple-paths-and-exclusions).
  const planFiles = unit.stacks.map((stack) => `${stackDir(stack)}/tfplan`);
  const planArtifact = ids.plan!;
  const plan: Job = {
    name: `Plan ${unitTitle(unit)}`,
    needs,
    'runs-on': 'ubuntu-latest',
    permissions: { 'id-token': 'write', contents: 'read' },
    env: PLANNER_ENV,
    steps: [
      ...steps.planTools(),
      ...unit.stacks.flatMap(steps.planSteps),
      {
        uses: uses(PINNED_ACTIONS.uploadArtifact),
        with: { name: planArtifact, path: planFiles.join('\n'), 'retention-days': PLAN_RETENTION_DAYS, 'if-no-files-found': 'error' },
      },
    ],
  };
  const apply: Job = {
    name: `Apply ${unitTitle(unit)}`,
    needs: [ids.plan],
    'runs-on': 'ubuntu-latest',
    // The approval gate (required reviewers of the environment); the deployer identity exists only behind it.
    environment: DEPLOY_ENVIRONMENT,
    permissions: { 'id-token': 'write', contents: 'read' },
    env: DEPLOYER_ENV,
    steps: [
      // The repository: the approval script each apply is followed by.
      steps.checkout(),
      steps.download(),
      steps.setupTerraform(),
      {
        uses: uses(PINNED_ACTIONS.downloadArtifact),
        with: { name: planArtifact, path: unit.stacks.length === 1 ? stackDir(unit.stacks[0]!) : 'cdktf.out/stacks' },
      },
      ...unit.stacks.flatMap((stack) => steps.applySteps(stack, true)),
    ],
  };
  return [
    [ids.plan!, plan],
    [ids.apply, apply],
  ];
}

/**
 * The deploy workflow as an object (see the module comment for its layout). Throws when the
 * stacks' dependencies are unknown or circular, or when the result would exceed GitHub's limits.
 */
export function deployWorkflow(props: DeployWorkflowProps): Record<string, unknown> {
  const layout = layoutDeployment(props.stacks, {
    maxJobs: props.maxJobs ?? MAX_JOBS_PER_RUN,
    maxParallel: props.maxParallel ?? 20,
    stacksPerSequentialJob: props.stacksPerSequentialJob ?? 10,
  });
  const dependencies = new Map(props.stacks.map((s) => [s.name, s.dependencies]));
  const steps = workflowSteps(props);
  const jobs: Record<string, Job> = { synth: synthJob(props, steps) };
  const applyJobOf = new Map<string, string>();
  for (const unit of layout.units) for (const stack of unit.stacks) applyJobOf.set(stack, unitJobIds(unit).apply);
  const add = (id: string, job: Job) => {
    if (jobs[id]) throw new Error(`two jobs would be named ${id}; rename the stack`);
    jobs[id] = job;
  };
  for (const unit of layout.units) {
    const own = new Set(unit.stacks);
    const needs = [
      'synth',
      ...new Set(
        unit.stacks.flatMap((s) =>
          dependencies
            .get(s)!
            .filter((d) => !own.has(d))
            .map((d) => applyJobOf.get(d)!),
        ),
      ),
    ];
    if (unit.kind === 'sequential') add(unitJobIds(unit).apply, sequentialJob(unit, needs, steps));
    else for (const [id, job] of planAndApplyJobs(unit, needs, steps)) add(id, job);
  }
  // layoutDeployment keeps within the budget; this guards the generator itself.
  if (Object.keys(jobs).length > (props.maxJobs ?? MAX_JOBS_PER_RUN))
    throw new WorkflowLimitError(`the deploy workflow would have ${Object.keys(jobs).length} jobs`);
  return workflowDocument(props, jobs);
}

/** The workflow around its jobs: triggers, the manual run's input, one run at a time. */
function workflowDocument(props: DeployWorkflowProps, jobs: Record<string, Job>): Record<string, unknown> {
  return {
    name: 'Deploy estate',
    on: {
      workflow_dispatch: {
        inputs: {
          [ALLOW_DATA_DELETION_INPUT]: {
            description:
              'Let the plans delete or replace data-bearing resources (lakes, vaults, databases, ...): passes --allow-data-deletion to the plan check, which lists each one',
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

const TAG_OF_PIN = new Map<string, string>(Object.values(PINNED_ACTIONS).map((pin) => [uses(pin), pin.tag]));

/**
 * Workflow YAML with a header saying where it came from, each pinned action's tag as a comment
 * after its commit, and no anchors or aliases. Throws when the file would be too large for GitHub.
 */
export function renderWorkflow(workflow: Record<string, unknown>): string {
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const tag = TAG_OF_PIN.get(String(pair.value.value));
        if (tag) pair.value.comment = ` ${tag}`;
      }
    },
  });
  const text = `# Generated by npm run synth; copy to .github/workflows/ to use. Do not edit by hand.\n${doc.toString({ lineWidth: 0 })}`;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_WORKFLOW_BYTES)
    throw new WorkflowLimitError(`the deploy workflow would be ${bytes} bytes, and GitHub does not start workflow files over 500 KB`);
  return text;
}
