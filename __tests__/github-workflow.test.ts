import { isPeeringStackName } from '../lib/lock/peering-layout';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { Estate } from '../lib/estate/model';
import { layoutDeployment, PipelineStack } from '../lib/pipeline/deploy-layout';
import {
  DEPLOY_ENVIRONMENT,
  deployWorkflow,
  MAX_JOBS_PER_RUN,
  PINNED_ACTIONS,
  renderWorkflow,
  WORKFLOW_FILE,
  WorkflowLimitError,
} from '../lib/pipeline/github-workflow';
import { deployWorkflowSkipReason, synthDeployWorkflow } from '../lib/synth/deploy-workflow';
import { zoneLayoutCache } from '../lib/synth/stack-cache-run';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { checkPlanCommand } from '../scripts/check-plan';
import { generatedEstate, loadShippedEstate, REPO, synth } from './helpers/synth';
import { stackCache } from './helpers/synth-cache';

type Workflow = { jobs: Record<string, any>; on: any; [key: string]: any };

/** GitHub's limits (https://docs.github.com/en/actions/reference/limits), restated here rather than imported. */
const GITHUB_MAX_JOBS = 256;
const GITHUB_MAX_FILE_BYTES = 500 * 1000;
const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const STACK_DIR = /^cdktf\.out\/stacks\/([A-Za-z0-9_-]+)$/;
interface At {
  readonly job: string;
  readonly step: number;
}

/** Jobs a run starts for this workflow: one per job, and for a matrix (at most) one per combination plus one per include. */
function jobsPerRun(workflow: Workflow): number {
  return Object.values(workflow.jobs).reduce((n: number, job: any) => {
    const matrix = job.strategy?.matrix;
    if (!matrix) return n + 1;
    const axes = Object.entries(matrix)
      .filter(([k]) => k !== 'include' && k !== 'exclude')
      .map(([, v]) => (v as unknown[]).length);
    return n + (axes.length ? axes.reduce((a, b) => a * b, 1) : 0) + (matrix.include?.length ?? 0);
  }, 0);
}

/**
 * What the parsed workflow does, read from its steps alone (not from the generator's layout):
 * where each stack is planned, checked and applied, and which job runs after which.
 */
function analyse(workflow: Workflow) {
  const plans = new Map<string, At[]>();
  const checks = new Map<string, At[]>();
  const applies = new Map<string, At[]>();
  const push = (m: Map<string, At[]>, stack: string, at: At) => m.set(stack, [...(m.get(stack) ?? []), at]);
  for (const [job, def] of Object.entries(workflow.jobs)) {
    (def.steps as any[]).forEach((step, i) => {
      const run: string = step.run ?? '';
      const dir = STACK_DIR.exec(step['working-directory'] ?? '');
      if (dir && /(^|\n)terraform plan /.test(run)) push(plans, dir[1]!, { job, step: i });
      if (dir && /(^|\n)terraform apply /.test(run)) push(applies, dir[1]!, { job, step: i });
      const check = /^npm run check-plan -- --stack ([A-Za-z0-9_-]+)/.exec(run);
      if (check) push(checks, check[1]!, { job, step: i });
    });
  }
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (job: string, seen: string[] = []): Set<string> => {
    if (seen.includes(job)) throw new Error(`needs cycle: ${[...seen, job].join(' -> ')}`);
    let set = ancestors.get(job);
    if (!set) {
      set = new Set<string>();
      for (const need of [workflow.jobs[job].needs ?? []].flat() as string[]) {
        set.add(need);
        for (const a of ancestorsOf(need, [...seen, job])) set.add(a);
      }
      ancestors.set(job, set);
    }
    return set;
  };
  const before = (a: At, b: At) => (a.job === b.job ? a.step < b.step : ancestorsOf(b.job).has(a.job));
  return { plans, checks, applies, before, ancestorsOf };
}

/** The directory an upload-artifact step stores its paths relative to: their deepest common directory (a lone file's own directory). */
function artifactRoot(paths: string[]): string {
  const dirs = paths.map((p) => path.posix.dirname(p).split('/'));
  const common: string[] = [];
  for (let i = 0; i < dirs[0]!.length && dirs.every((d) => d[i] === dirs[0]![i]); i++) common.push(dirs[0]![i]!);
  return common.join('/');
}

/**
 * Everything a deploy workflow must satisfy, whatever its layout: GitHub's structural rules and
 * limits, and for the given stacks: each planned, checked and applied exactly once, in that
 * order, every dependency applied before its dependant is planned, the saved plan an apply job
 * uses being the one its plan job checked, and the identities on the right side of the gate.
 */
function expectValidDeployWorkflow(
  rendered: string,
  stacks: readonly PipelineStack[],
  maxJobs = GITHUB_MAX_JOBS,
  /** `rendered` parsed, when the caller has it already (atScale below). */
  workflow = parse(rendered) as Workflow,
): Workflow {
  expect(Buffer.byteLength(rendered, 'utf8')).toBeLessThanOrEqual(GITHUB_MAX_FILE_BYTES);
  expect(jobsPerRun(workflow)).toBeLessThanOrEqual(maxJobs);
  // The checks per job and per stack run first without jest's expect (an expect() call costs more
  // than the check, and there are thousands here); the expectation itself runs, with its message,
  // for whatever fails one.
  const ids = new Set(Object.keys(workflow.jobs));
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (!JOB_ID.test(id)) expect(id).toMatch(JOB_ID);
    for (const need of [job.needs ?? []].flat()) if (!ids.has(need)) expect(Object.keys(workflow.jobs)).toContain(need);
  }
  const { plans, checks, applies, before, ancestorsOf } = analyse(workflow);
  for (const id of Object.keys(workflow.jobs)) ancestorsOf(id); // throws on a cycle
  expect([...plans.keys()].sort()).toEqual(stacks.map((s) => s.name).sort());
  expect([...applies.keys()].sort()).toEqual(stacks.map((s) => s.name).sort());
  for (const stack of stacks) {
    const [plan, ...morePlans] = plans.get(stack.name)!;
    const [apply, ...moreApplies] = applies.get(stack.name)!;
    const [check, ...moreChecks] = checks.get(stack.name) ?? [];
    if (morePlans.length || moreApplies.length || moreChecks.length)
      expect({ stack: stack.name, morePlans, moreApplies, moreChecks }).toEqual({ stack: stack.name, morePlans: [], moreApplies: [], moreChecks: [] });
    if (check!.job !== plan!.job) expect(check!.job).toBe(plan!.job);
    const ordered = before(plan!, check!) && before(check!, apply!);
    if (!ordered) expect(ordered).toBe(true);
    for (const dependency of stack.dependencies) {
      // its plan reads their remote state
      if (!before(applies.get(dependency)![0]!, plan!)) throw new Error(`${stack.name} is planned before ${dependency} is applied`);
    }
    const planJob = workflow.jobs[plan!.job];
    const applyJob = workflow.jobs[apply!.job];
    // The deployer identity only behind the gate, the planner only outside it.
    if (applyJob.environment !== DEPLOY_ENVIRONMENT) expect(applyJob.environment).toBe(DEPLOY_ENVIRONMENT);
    if (applyJob.env?.ARM_CLIENT_ID !== '${{ vars.AZURE_CLIENT_ID }}') expect(applyJob.env.ARM_CLIENT_ID).toBe('${{ vars.AZURE_CLIENT_ID }}');
    if (plan!.job !== apply!.job) {
      if (planJob.environment !== undefined) expect(planJob.environment).toBeUndefined();
      if (planJob.env?.ARM_CLIENT_ID !== '${{ vars.AZURE_PLAN_CLIENT_ID }}') expect(planJob.env.ARM_CLIENT_ID).toBe('${{ vars.AZURE_PLAN_CLIENT_ID }}');
      // The apply job downloads, before applying, the artifact its plan job uploaded after the check, and it lands where the plan was made.
      const uploads = (planJob.steps as any[]).map((s, i) => ({ s, i })).filter(({ s }) => String(s.uses).startsWith('actions/upload-artifact@'));
      const upload = uploads.find(({ s }) => String(s.with.path).split('\n').includes(`cdktf.out/stacks/${stack.name}/tfplan`));
      const uploadedAfterCheck = upload && upload.i > check!.step;
      if (uploadedAfterCheck !== true) expect(uploadedAfterCheck).toBe(true);
      const download = (applyJob.steps as any[]).find(
        (s, i) => i < apply!.step && String(s.uses).startsWith('actions/download-artifact@') && s.with.name === upload!.s.with.name,
      );
      const files = String(upload!.s.with.path).split('\n');
      const landsAt = path.posix.join(download.with.path, path.posix.relative(artifactRoot(files), `cdktf.out/stacks/${stack.name}/tfplan`));
      if (landsAt !== `cdktf.out/stacks/${stack.name}/tfplan`) expect(landsAt).toBe(`cdktf.out/stacks/${stack.name}/tfplan`);
    }
  }
  // No job outside the environment can use the deployer: its variable appears only in gated jobs.
  for (const job of Object.values(workflow.jobs)) {
    if (JSON.stringify(job).includes('vars.AZURE_CLIENT_ID') && job.environment !== DEPLOY_ENVIRONMENT) expect(job.environment).toBe(DEPLOY_ENVIRONMENT);
  }
  return workflow;
}

/**
 * dmlz, then zones dlz-lz1..n, then (topology peering) the zones' peering stacks peerings-lz1..n,
 * each after the last zone, as synth's manifest gives them (checked against real synths below).
 */
function estateStacks(zones: number, topology: 'peering' | 'avnm', inputs: Record<number, number[]> = {}): PipelineStack[] {
  return [
    { name: 'dmlz', dependencies: [] },
    ...Array.from({ length: zones }, (_, i) => {
      const zone = i + 1;
      const previous = topology === 'peering' && zone > 1 ? [zone - 1] : [];
      const reads = [...new Set([...previous, ...(inputs[zone] ?? [])])].sort((a, b) => a - b);
      return { name: `dlz-lz${zone}`, dependencies: ['dmlz', ...reads.map((z) => `dlz-lz${z}`)] };
    }),
    ...(topology === 'peering'
      ? Array.from({ length: zones }, (_, i) => ({ name: `peerings-lz${i + 1}`, dependencies: [`dlz-lz${zones}`], approvesEndpoints: false }))
      : []),
  ];
}

/** Cross-zone inputs at scale: every 10th zone reads the zone before it and one 7 back; lz250 reads lz240 too (4 waves deep). */
function scaleInputs(zones: number): Record<number, number[]> {
  const inputs: Record<number, number[]> = {};
  for (let z = 10; z <= zones; z += 10) inputs[z] = [z - 1, z - 7];
  if (zones >= 250) inputs[250] = [...inputs[250]!, 240];
  return inputs;
}

const render = (stacks: readonly PipelineStack[], extra: Partial<Parameters<typeof deployWorkflow>[0]> = {}) =>
  renderWorkflow(deployWorkflow({ estatePath: 'estates/x.yaml', stacks, ...extra }));

type AtScale = { readonly stacks: readonly PipelineStack[]; readonly rendered: string; readonly workflow: Workflow };
const atScaleMade = new Map<'peering' | 'avnm', AtScale>();

/**
 * The deploy workflow of 250 zones (peering; or avnm with the cross-zone inputs of scaleInputs),
 * rendered and parsed once for every test that reads it: a render and a parse of one cost about
 * half a second here. Deeply frozen, so that no test can change what the next one reads.
 */
function atScale(topology: 'peering' | 'avnm'): AtScale {
  let made = atScaleMade.get(topology);
  if (!made) {
    const stacks = estateStacks(250, topology, topology === 'avnm' ? scaleInputs(250) : {});
    const rendered = render(stacks);
    made = deepFreeze({ stacks, rendered, workflow: parse(rendered) as Workflow });
    atScaleMade.set(topology, made);
  }
  return made;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

describe('deploy workflow at 250 landing zones', () => {
  it.each(['peering', 'avnm'] as const)(
    '%s: within 256 jobs per run and 500 KB, every stack planned and applied once, dependencies applied first',
    (topology) => {
      const { stacks, rendered, workflow: parsed } = atScale(topology);
      // dmlz and the zones; with topology peering each zone's peering stack too (docs/topology.md)
      expect(stacks).toHaveLength(topology === 'peering' ? 501 : 251);
      const workflow = expectValidDeployWorkflow(rendered, stacks, GITHUB_MAX_JOBS, parsed);
      // the old layout (a plan and an apply job per stack) would have needed 2 per stack and the synth job
      expect(jobsPerRun(workflow)).toBeLessThan(2 * stacks.length + 1);
    },
  );

  it('keeps parallelism where the graph allows: avnm zones that read no other zone are planned in parallel parts right after dmlz', () => {
    const { stacks, workflow } = atScale('avnm');
    const { plans } = analyse(workflow);
    const planJobsOfIndependentZones = new Set(stacks.filter((s) => s.dependencies.length === 1).map((s) => plans.get(s.name)![0]!.job));
    expect(planJobsOfIndependentZones.size).toBeGreaterThanOrEqual(10);
    for (const job of planJobsOfIndependentZones) expect(workflow.jobs[job].needs).toEqual(['synth', 'apply-dmlz']);
    // and a part of the next wave waits only for the parts holding the zones it reads, not for all of wave 1
    const lz20 = workflow.jobs[plans.get('dlz-lz20')![0]!.job];
    expect(lz20.needs.length).toBeLessThan(planJobsOfIndependentZones.size);
  });

  it('peering: the chain runs as sequential jobs of consecutive zones, each gated, one after the other; then the peering stacks side by side', () => {
    const { stacks, workflow } = atScale('peering');
    const { plans } = analyse(workflow);
    const deployJobs = Object.entries(workflow.jobs).filter(([id]) => id.startsWith('deploy-'));
    expect(deployJobs.length).toBeGreaterThan(1);
    expect(Object.keys(workflow.jobs).slice(0, 1 + deployJobs.length)).toEqual(['synth', ...deployJobs.map(([id]) => id)]);
    deployJobs.forEach(([, job], i) => {
      expect(job.environment).toBe(DEPLOY_ENVIRONMENT);
      // the zone before it, and dmlz (every zone depends on it), in the first job
      expect(job.needs).toEqual(i === 0 ? ['synth'] : ['synth', ...new Set([deployJobs[0]![0], deployJobs[i - 1]![0]])]);
    });
    // dmlz and every landing zone are in the chain's jobs, the last zone in the last one
    const chainJobs = new Set(deployJobs.map(([id]) => id));
    for (const stack of stacks.filter((s) => !s.name.startsWith('peerings-'))) expect(chainJobs).toContain(plans.get(stack.name)![0]!.job);
    const lastChainJob = deployJobs[deployJobs.length - 1]![0];
    expect(plans.get('dlz-lz250')![0]!.job).toBe(lastChainJob);
    // the peering stacks, in parallel parts (a plan job and a gated apply job each) that wait only for the chain's end
    const peeringPlanJobs = new Set(stacks.filter((s) => s.name.startsWith('peerings-')).map((s) => plans.get(s.name)![0]!.job));
    expect(peeringPlanJobs.size).toBeGreaterThan(1);
    for (const job of peeringPlanJobs) expect(workflow.jobs[job].needs).toEqual(['synth', lastChainJob]);
    expect(Object.keys(workflow.jobs)).toHaveLength(1 + deployJobs.length + 2 * peeringPlanJobs.size);
  });
});

describe('synthetic stack shapes match what synth writes', () => {
  // So that the scale tests above, which use synthetic stack lists, test the real shapes.
  it.each(['peering', 'avnm'] as const)('%s with cross-zone inputs', (topology) => {
    const estate = generatedEstate(5);
    estate.network = { topology };
    estate.landingZones[3].dataProducts[0].inputs.push('lz2/ingest');
    estate.landingZones[4].dataProducts[0].inputs.push('lz4/ingest');
    const { manifest } = synth(estate);
    // With the flag synth passes for stacks that hold peerings only (lib/synth/deploy-workflow.ts).
    const fromManifest = Object.entries(manifest.stacks).map(([name, s]) => ({
      name,
      dependencies: [...s.dependencies].sort(),
      ...(isPeeringStackName(name) ? { approvesEndpoints: false } : {}),
    }));
    const expected = estateStacks(5, topology, { 4: [2], 5: [4] }).map((s) => ({ ...s, dependencies: [...s.dependencies].sort() }));
    expect(fromManifest.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });
});

describe('deploy workflow layout for any dependency graph', () => {
  it('stays valid and within the job budget for random graphs, budgets, part counts and chain lengths', () => {
    const graph = fc.integer({ min: 1, max: 70 }).chain((n) =>
      fc
        .tuple(
          fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
          fc.double({ min: 0, max: 0.5, noNaN: true }),
          fc.integer({ min: 2, max: 300 }),
          fc.integer({ min: 1, max: 25 }),
          fc.integer({ min: 1, max: 12 }),
        )
        .map(([draws, density, maxJobs, maxParallel, stacksPerSequentialJob]) => ({
          stacks: draws.map((row, i) => ({
            name: `s${i}`,
            dependencies: row.slice(0, i).flatMap((d, j) => (d < density || (j === i - 1 && d < 0.3) ? [`s${j}`] : [])),
          })),
          maxJobs,
          maxParallel,
          stacksPerSequentialJob,
        })),
    );
    fc.assert(
      fc.property(graph, ({ stacks, ...options }) => {
        expectValidDeployWorkflow(render(stacks, options), stacks, options.maxJobs);
      }),
      { numRuns: 30, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261206 : undefined },
    );
  });

  it('gives every stack its own plan and gated apply job while that fits (up to 127 stacks), and groups beyond', () => {
    const options = { maxJobs: 256, maxParallel: 20, stacksPerSequentialJob: 10 };
    // 63 zones with topology peering: dmlz, 63 landing zones and 63 peering stacks, 127 stacks
    expect(estateStacks(63, 'peering')).toHaveLength(127);
    expect(layoutDeployment(estateStacks(63, 'peering'), options).mode).toBe('per-stack');
    const small = parse(render(estateStacks(63, 'peering'))) as Workflow;
    expect(Object.keys(small.jobs)).toHaveLength(1 + 2 * 127);
    expect(small.jobs['plan-dlz-lz7'].needs).toEqual(['synth', 'apply-dmlz', 'apply-dlz-lz6']);
    expect(small.jobs['plan-peerings-lz1'].needs).toEqual(['synth', 'apply-dlz-lz63']);
    // 128 stacks (127 avnm zones) no longer fit, nor the next peering estate (64 zones, 129 stacks)
    expect(estateStacks(127, 'avnm')).toHaveLength(128);
    expect(layoutDeployment(estateStacks(127, 'avnm'), options).mode).toBe('grouped');
    expect(layoutDeployment(estateStacks(64, 'peering'), options).mode).toBe('grouped');
  });

  it('falls back to one sequential order when waves of several stacks are too many for gated pairs', () => {
    // 30 waves of 2 stacks each: 30 gated pairs need 60 jobs; allow 20
    const stacks: PipelineStack[] = [];
    for (let w = 0; w < 30; w++) for (const x of ['a', 'b']) stacks.push({ name: `${x}${w}`, dependencies: w ? [`a${w - 1}`, `b${w - 1}`] : [] });
    const layout = layoutDeployment(stacks, { maxJobs: 20, maxParallel: 20, stacksPerSequentialJob: 10 });
    expect(layout.mode).toBe('sequential');
    expectValidDeployWorkflow(render(stacks, { maxJobs: 20 }), stacks, 20);
  });

  it('refuses unknown dependencies, cycles and stack names unfit for job ids and command lines', () => {
    expect(() => deployWorkflow({ estatePath: 'e.yaml', stacks: [{ name: 'dlz-a', dependencies: ['dmlz'] }] })).toThrow(/unknown stack dmlz/);
    expect(() =>
      deployWorkflow({
        estatePath: 'e.yaml',
        stacks: [
          { name: 'a', dependencies: ['b'] },
          { name: 'b', dependencies: ['c'] },
          { name: 'c', dependencies: ['a'] },
        ],
      }),
    ).toThrow(/cycle: a -> b -> c -> a/);
    expect(() => deployWorkflow({ estatePath: 'e.yaml', stacks: [{ name: 'a;rm -rf', dependencies: [] }] })).toThrow(/not usable/);
  });

  it('says when the estate is too large for one workflow file instead of writing one GitHub would not start', () => {
    expect(() => render(estateStacks(1000, 'avnm'))).toThrow(WorkflowLimitError);
  });
});

describe('generated deploy workflow', () => {
  function workflowFor(estate: object) {
    const { manifest } = synth(estate);
    const stacks = Object.entries(manifest.stacks).map(([name, s]) => ({ name, dependencies: s.dependencies }));
    const rendered = render(stacks);
    return { manifest, stacks, rendered, workflow: expectValidDeployWorkflow(rendered, stacks) };
  }

  it.each(['relecloud', 'adatum'] as const)(
    'shipped estate %s: a plan job and a gated apply job per stack, planned after its dependencies are applied',
    (name) => {
      const { manifest, workflow } = workflowFor(loadShippedEstate(name));
      for (const [stack, s] of Object.entries(manifest.stacks)) {
        expect(workflow.jobs[`plan-${stack}`].needs.sort()).toEqual(['synth', ...s.dependencies.map((d) => `apply-${d}`)].sort());
        expect(workflow.jobs[`apply-${stack}`].needs).toEqual([`plan-${stack}`]);
      }
      expect(Object.keys(workflow.jobs)).toHaveLength(1 + 2 * Object.keys(manifest.stacks).length);
    },
  );

  it('pins every action to a full commit, with its release tag as a comment', () => {
    const rendered = render(estateStacks(3, 'peering'));
    const usesLines = rendered.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(usesLines.length).toBeGreaterThan(5);
    for (const line of usesLines) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    const used = new Set(usesLines.map((line) => /uses: ([^@]+)@/.exec(line)![1]));
    expect([...used].sort()).toEqual([
      'actions/checkout',
      'actions/download-artifact',
      'actions/setup-node',
      'actions/upload-artifact',
      'hashicorp/setup-terraform',
    ]);
    // one table: each action at one commit, and that commit's tag in the comment
    for (const pin of Object.values(PINNED_ACTIONS)) {
      for (const line of usesLines.filter((l) => l.includes(`${pin.action}@`)))
        expect(line.trim()).toMatch(new RegExp(`uses: ${pin.action}@${pin.sha} # ${pin.tag.replace(/\./g, '\\.')}$`));
    }
    expect(rendered).not.toMatch(/&\w|\*\w/); // no YAML anchors or aliases
  });

  it('authenticates with OpenID Connect and references no secret', () => {
    // Every kind of job the generator writes: per-stack pairs and parts of waves (avnm; the same
    // kinds as at 300 zones), and the gated sequential jobs of a chain (peering).
    for (const { rendered, workflow } of [atScale('avnm'), atScale('peering')]) {
      expect(rendered).not.toMatch(/secrets\./);
      expect(rendered).not.toMatch(/ARM_CLIENT_SECRET|ARM_ACCESS_KEY/);
      for (const [id, job] of Object.entries(workflow.jobs).filter(([id]) => id !== 'synth')) {
        expect({ id, oidc: job.env.ARM_USE_OIDC, token: job.permissions['id-token'] }).toEqual({ id, oidc: 'true', token: 'write' });
        // the planner holds Reader: it must not try to register resource providers
        expect(job.env.ARM_RESOURCE_PROVIDER_REGISTRATIONS).toBe(job.environment ? undefined : 'none');
      }
    }
  });

  it('keeps saved plans 1 day and uploads nothing but the saved plans; the synthesized stacks (no state) 7 days', () => {
    for (const workflow of [parse(render(estateStacks(2, 'avnm'))) as Workflow, atScale('avnm').workflow]) {
      const uploads = Object.entries(workflow.jobs).flatMap(([id, job]) =>
        (job.steps as any[]).filter((s) => String(s.uses).startsWith('actions/upload-artifact@')).map((s) => ({ id, ...s.with })),
      );
      const [synthUpload, ...planUploads] = uploads;
      expect(synthUpload).toMatchObject({ id: 'synth', name: 'cdktf-out', path: 'cdktf.out', 'retention-days': 7, 'include-hidden-files': false });
      expect(planUploads.length).toBeGreaterThan(0);
      for (const upload of planUploads) {
        expect(upload['retention-days']).toBe(1);
        for (const file of String(upload.path).split('\n')) expect(file).toMatch(/^cdktf\.out\/stacks\/[\w-]+\/tfplan$/);
      }
    }
  });

  it('synthesizes with --frozen-lock, so a run fails when the committed estate lock file would change', () => {
    const workflow = deployWorkflow({ estatePath: 'estates/x.yaml', stacks: [{ name: 'dmlz', dependencies: [] }] }) as Workflow;
    const runs = workflow.jobs.synth.steps.map((step: any) => step.run).filter(Boolean);
    expect(runs).toEqual(['npm ci', 'npm run synth -- --frozen-lock']);
    expect(workflow.jobs.synth.steps.find((s: any) => s.run === 'npm run synth -- --frozen-lock').env).toEqual({ ESTATE: 'estates/x.yaml' });
  });

  describe('plan check before apply', () => {
    const small = parse(
      render([
        { name: 'dmlz', dependencies: [] },
        { name: 'dlz-sales', dependencies: ['dmlz'] },
      ]),
    ) as Workflow;
    const checkLine = (workflow: Workflow, stack: string): string => {
      const { checks } = analyse(workflow);
      const at = checks.get(stack)![0]!;
      return workflow.jobs[at.job].steps[at.step].run;
    };

    it('plan jobs: checkout, npm ci, plan -out=tfplan and show -json into plan.json, npm run check-plan on it from the repository root, then the upload', () => {
      for (const name of ['dmlz', 'dlz-sales']) {
        const dir = `cdktf.out/stacks/${name}`;
        const steps: any[] = small.jobs[`plan-${name}`].steps;
        const at = (what: string, match: (step: any) => boolean) => {
          const i = steps.findIndex(match);
          if (i < 0) throw new Error(`no step ${what} in ${JSON.stringify(steps)}`);
          return i;
        };
        const checkout = at('checkout', (s) => String(s.uses).startsWith('actions/checkout@'));
        const npmCi = at('npm ci', (s) => s.run === 'npm ci');
        const plan = at(
          'plan',
          (s) =>
            s['working-directory'] === dir &&
            s.run === 'terraform init -input=false\nterraform plan -input=false -lock-timeout=5m -out=tfplan\nterraform show -json tfplan > plan.json',
        );
        const check = at('check', (s) => typeof s.run === 'string' && s.run.startsWith('npm run check-plan -- '));
        const upload = at('upload', (s) => String(s.uses).startsWith('actions/upload-artifact@'));
        expect(checkout).toBeLessThan(npmCi);
        expect(npmCi).toBeLessThan(check);
        expect(plan).toBeLessThan(check);
        expect(check).toBeLessThan(upload);
        expect(upload).toBe(steps.length - 1);
        expect(steps[check]).toEqual({
          name: expect.stringContaining('Check the plan'),
          run: `npm run check-plan -- --stack ${name}\${{ inputs.allow_data_deletion && ' --allow-data-deletion' || '' }} ${dir}/plan.json`,
        });
        const apply = small.jobs[`apply-${name}`];
        expect(apply.needs).toEqual([`plan-${name}`]);
        expect(apply.steps.some((s: any) => /check-plan|--allow-data-deletion/.test(s.run ?? ''))).toBe(false);
      }
    });

    it('sequential jobs check each plan between its plan and its apply, with the same command line', () => {
      const chained = atScale('peering').workflow;
      const { plans, checks, applies } = analyse(chained);
      for (const stack of ['dmlz', 'dlz-lz1', 'dlz-lz250']) {
        const [plan, check, apply] = [plans, checks, applies].map((m) => m.get(stack)![0]!);
        expect(new Set([plan!.job, check!.job, apply!.job]).size).toBe(1);
        expect(plan!.step).toBeLessThan(check!.step);
        expect(check!.step).toBeLessThan(apply!.step);
        expect(checkLine(chained, stack)).toBe(
          `npm run check-plan -- --stack ${stack}\${{ inputs.allow_data_deletion && ' --allow-data-deletion' || '' }} cdktf.out/stacks/${stack}/plan.json`,
        );
      }
    });

    it('lets deletions through only on a manual run with the boolean allow_data_deletion input (default false)', () => {
      expect(small.on.workflow_dispatch.inputs).toEqual({
        allow_data_deletion: { description: expect.stringContaining('--allow-data-deletion'), type: 'boolean', required: false, default: false },
      });
      expect(Object.keys(small.on.push)).toEqual(['branches', 'paths']); // a push has no inputs: the expression gives ''
    });

    /*
     * GitHub replaces the expression with ' --allow-data-deletion' when the input is true and
     * with '' otherwise (a push, or a manual run left at false); the resulting command line,
     * given to the check itself, fails a plan that deletes a lake and passes it with the input.
     */
    it("the check step's command line, as GitHub expands it, fails a deletion and passes it with the input", () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'csa-workflow-check-'));
      try {
        const name = 'dlz-sales';
        const planFile = path.join(dir, 'cdktf.out', 'stacks', name, 'plan.json');
        mkdirSync(path.dirname(planFile), { recursive: true });
        const deletion = {
          address: 'azurerm_storage_account.lake',
          mode: 'managed',
          type: 'azurerm_storage_account',
          change: { actions: ['delete'], after: null },
        };
        writeFileSync(planFile, JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [deletion] }));
        const line = checkLine(small, name);
        const expand = (allow: boolean) =>
          line.replace(/\$\{\{ inputs\.allow_data_deletion && ' --allow-data-deletion' \|\| '' \}\}/, allow ? ' --allow-data-deletion' : '');
        const runLine = (allow: boolean) => {
          const args = expand(allow).split(' ');
          expect(args.slice(0, 4)).toEqual(['npm', 'run', 'check-plan', '--']);
          let stdout = '';
          const code = checkPlanCommand(
            args.slice(4).map((a) => (a.startsWith('cdktf.out/') ? path.join(dir, a) : a)),
            { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env: {} },
          );
          return { code, stdout };
        };
        expect(expand(false)).toBe(`npm run check-plan -- --stack ${name} cdktf.out/stacks/${name}/plan.json`);
        expect(runLine(false)).toEqual({ code: 1, stdout: expect.stringContaining(`ERROR CSA-PLAN-002 [${name}] azurerm_storage_account.lake: destroyed`) });
        expect(runLine(true)).toEqual({
          code: 0,
          stdout: expect.stringContaining(`ALLOWED by --allow-data-deletion: [${name}] azurerm_storage_account.lake destroyed`),
        });
        expect(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts['check-plan']).toBe('tsx scripts/check-plan.ts');
        expect(existsSync(path.join(REPO, 'scripts', 'check-plan.ts'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('npm run synth and the deploy workflow', () => {
  const azurerm = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };

  it('writes the workflow next to the stacks when state lives in Azure storage, with the manifest as its job graph', () => {
    const estate = generatedEstate(3);
    estate.backend = azurerm;
    const { dir, manifest } = synth(estate);
    const rendered = readFileSync(path.join(dir, 'cdktf.out', WORKFLOW_FILE), 'utf8');
    const stacks = Object.entries(manifest.stacks).map(([name, s]) => ({ name, dependencies: s.dependencies }));
    const workflow = expectValidDeployWorkflow(rendered, stacks);
    expect(workflow.on.push.paths).toEqual(['estate.json']);
  });

  it('writes none with the local backend, whose state a CI runner would not have', () => {
    const { dir } = synth(generatedEstate(1));
    expect(existsSync(path.join(dir, 'cdktf.out', WORKFLOW_FILE))).toBe(false);
  });

  it('writes none for an estate file outside the project directory, which a CI checkout would not have', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-outside-'));
    try {
      const estate = generatedEstate(1);
      estate.backend = azurerm;
      const file = path.join(dir, 'estate.json');
      writeFileSync(file, JSON.stringify(estate));
      const project = path.join(dir, 'project');
      mkdirSync(project);
      // The diagram's zone layouts from the cache the tests share (helpers/synth-cache.ts), as
      // synth() takes them: this checks the workflow, and an ELK layout is half a second here.
      const cache = stackCache();
      const result = synthesizeEstate({
        estatePath: file,
        outdir: path.join(project, 'cdktf.out'),
        projectDir: project,
        ...(cache ? { layoutCache: zoneLayoutCache(cache) } : {}),
      });
      expect(result.workflow).toBeUndefined();
      expect(existsSync(path.join(project, 'cdktf.out', WORKFLOW_FILE))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the reason synth gives', () => {
    const withBackend = (type: 'azurerm' | 'local') => ({ backend: { type } }) as unknown as Estate;

    it.each([['../x.yaml'], ['../../estates/x.yaml'], ['..\\x.yaml'], ['/home/me/x.yaml'], ['C:\\estates\\x.yaml']])(
      'refuses %s: outside the project',
      (estatePath) => {
        expect(deployWorkflowSkipReason(withBackend('azurerm'), estatePath)).toMatch(new RegExp(`estate file .* is outside the project directory`));
      },
    );

    it.each([['estates/x.yaml'], ['x.yaml'], ['..x.yaml'], ['estates/../x.yaml']])('accepts %s: inside the project', (estatePath) => {
      expect(deployWorkflowSkipReason(withBackend('azurerm'), estatePath)).toBeUndefined();
    });

    it('names the local backend', () => {
      expect(deployWorkflowSkipReason(withBackend('local'), 'estates/x.yaml')).toMatch(/local backend/);
    });

    it('returns the reason instead of a file, and writes nothing, when the workflow would exceed GitHub limits', () => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'csa-workflow-limit-'));
      try {
        const stacksOf = (zones: number) => {
          const app = new App({ outdir, skipValidation: true });
          const dmlz = new TerraformStack(app, 'dmlz');
          return [
            dmlz,
            ...Array.from({ length: zones }, (_, i) => {
              const stack = new TerraformStack(app, `dlz-lz${i + 1}`);
              stack.addDependency(dmlz);
              return stack;
            }),
          ];
        };
        expect(synthDeployWorkflow(withBackend('azurerm'), stacksOf(1000), outdir, 'estates/x.yaml')).toEqual({
          skipped: expect.stringMatching(/bytes, and GitHub does not start workflow files over 500 KB/),
        });
        expect(existsSync(path.join(outdir, WORKFLOW_FILE))).toBe(false);
        expect(synthDeployWorkflow(withBackend('azurerm'), stacksOf(250), outdir, path.join('estates', 'x.yaml'))).toEqual({ file: WORKFLOW_FILE });
        expect(parse(readFileSync(path.join(outdir, WORKFLOW_FILE), 'utf8')).on.push.paths).toEqual(['estates/x.yaml']);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });
  });
});

it("the job limit the generator uses is GitHub's", () => {
  expect(MAX_JOBS_PER_RUN).toBe(GITHUB_MAX_JOBS);
});
