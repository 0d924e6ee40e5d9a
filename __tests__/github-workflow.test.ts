import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { deployWorkflow, renderWorkflow, WORKFLOW_FILE } from '../lib/pipeline/github-workflow';
import { checkPlanCommand } from '../scripts/check-plan';
import { generatedEstate, loadShippedEstate, REPO, synth } from './helpers/synth';

function workflowFor(estate: object) {
  const { manifest } = synth(estate);
  const stacks = Object.entries(manifest.stacks).map(([name, s]) => ({ name, dependencies: s.dependencies }));
  const rendered = renderWorkflow(deployWorkflow({ estatePath: 'estates/x.yaml', stacks }));
  return { manifest, workflow: parse(rendered) as { jobs: Record<string, any>; on: any }, rendered };
}

describe('generated deploy workflow', () => {
  it('plans each stack after the stacks it depends on are applied, and applies it after its own plan', () => {
    const { manifest, workflow } = workflowFor(loadShippedEstate('relecloud'));
    for (const [name, stack] of Object.entries(manifest.stacks)) {
      expect(workflow.jobs[`plan-${name}`].needs.sort()).toEqual(['synth', ...stack.dependencies.map((d) => `apply-${d}`)].sort());
      expect(workflow.jobs[`apply-${name}`].needs).toEqual([`plan-${name}`]);
      expect(workflow.jobs[`apply-${name}`].environment).toBe(name);
    }
    expect(Object.keys(workflow.jobs)).toHaveLength(1 + 2 * Object.keys(manifest.stacks).length);
  });

  it('is a DAG whose order respects the manifest, so independent stacks run in parallel', () => {
    const { manifest, workflow } = workflowFor(generatedEstate(4));
    const order: string[] = [];
    const done = new Set<string>();
    const pending = new Set(Object.keys(workflow.jobs));
    while (pending.size) {
      const ready = [...pending].filter((j) => (workflow.jobs[j].needs ?? []).every((n: string) => done.has(n)));
      expect(ready.length).toBeGreaterThan(0); // no cycle
      for (const j of ready) {
        pending.delete(j);
        done.add(j);
        order.push(j);
      }
    }
    for (const [name, stack] of Object.entries(manifest.stacks)) {
      for (const dep of stack.dependencies) expect(order.indexOf(`apply-${dep}`)).toBeLessThan(order.indexOf(`plan-${name}`));
    }
  });

  it('authenticates with OpenID Connect and references no secret', () => {
    const { workflow, rendered } = workflowFor(generatedEstate(1));
    expect(rendered).not.toMatch(/secrets\./);
    expect(rendered).not.toMatch(/ARM_CLIENT_SECRET|ARM_ACCESS_KEY/);
    for (const job of Object.values(workflow.jobs).filter((j: any) => j.env)) {
      expect(job.env.ARM_USE_OIDC).toBe('true');
      expect(job.permissions['id-token']).toBe('write');
    }
  });

  it('synthesizes with --frozen-lock, so a run fails when the committed estate lock file would change', () => {
    const workflow = deployWorkflow({ estatePath: 'estates/x.yaml', stacks: [{ name: 'dmlz', dependencies: [] }] }) as { jobs: Record<string, any> };
    const runs = workflow.jobs.synth.steps.map((step: any) => step.run).filter(Boolean);
    expect(runs).toEqual(['npm ci', 'npm run synth -- --frozen-lock']);
  });

  describe('plan check before apply', () => {
    // Stacks as the manifest gives them; no synth needed for the job steps.
    const workflow = parse(renderWorkflow(deployWorkflow({ estatePath: 'estates/x.yaml', stacks: [{ name: 'dmlz', dependencies: [] }, { name: 'dlz-sales', dependencies: ['dmlz'] }] }))) as { jobs: Record<string, any>; on: any };
    const stacks = ['dmlz', 'dlz-sales'];
    const stepIndex = (steps: any[], match: (step: any) => boolean, what: string) => {
      const i = steps.findIndex(match);
      if (i < 0) throw new Error(`no step ${what} in ${JSON.stringify(steps)}`);
      return i;
    };

    it('every plan job: plan -out=tfplan, show -json into plan.json, npm run check-plan on it, and only then the upload the apply job downloads', () => {
      for (const name of stacks) {
        const dir = `cdktf.out/stacks/${name}`;
        const steps: any[] = workflow.jobs[`plan-${name}`].steps;
        const at = (what: string, match: (step: any) => boolean) => stepIndex(steps, match, what);
        const checkout = at('checkout', (s) => s.uses === 'actions/checkout@v4');
        const setupNode = at('setup-node', (s) => s.uses === 'actions/setup-node@v4');
        const npmCi = at('npm ci', (s) => s.run === 'npm ci');
        const plan = at('plan', (s) => s.run === 'terraform plan -input=false -lock-timeout=5m -out=tfplan' && s['working-directory'] === dir);
        const show = at('show', (s) => s.run === 'terraform show -json tfplan > plan.json' && s['working-directory'] === dir);
        const check = at('check', (s) => typeof s.run === 'string' && s.run.startsWith('npm run check-plan -- '));
        const upload = at('upload', (s) => s.uses === 'actions/upload-artifact@v4');
        expect([checkout, setupNode, npmCi].sort((a, b) => a - b)).toEqual([checkout, setupNode, npmCi]);
        expect(npmCi).toBeLessThan(check);
        expect(plan).toBeLessThan(show);
        expect(show).toBeLessThan(check);
        expect(check).toBeLessThan(upload);
        expect(upload).toBe(steps.length - 1);
        expect(steps[check]).toEqual({
          name: expect.stringContaining('Check the plan'),
          // from the repository root, where package.json is; not in the stack's directory
          run: `npm run check-plan -- --stack ${name}\${{ inputs.allow_data_deletion && ' --allow-data-deletion' || '' }} ${dir}/plan.json`,
        });
        expect(steps[upload].with).toEqual({ name: `plan-${name}`, path: `${dir}/tfplan` });
        // The apply job runs only after the whole plan job, check included, succeeded.
        const apply = workflow.jobs[`apply-${name}`];
        expect(apply.needs).toEqual([`plan-${name}`]);
        expect(apply.steps.find((s: any) => s.uses === 'actions/download-artifact@v4' && s.with.name === `plan-${name}`)).toBeDefined();
        expect(apply.steps.some((s: any) => /check-plan|--allow-data-deletion/.test(s.run ?? ''))).toBe(false);
      }
    });

    it('lets deletions through only on a manual run with the boolean allow_data_deletion input (default false)', () => {
      expect(workflow.on.workflow_dispatch.inputs).toEqual({
        allow_data_deletion: { description: expect.stringContaining('--allow-data-deletion'), type: 'boolean', required: false, default: false },
      });
      expect(Object.keys(workflow.on.push)).toEqual(['branches', 'paths']); // a push has no inputs: the expression gives ''
    });

    /*
     * GitHub replaces the expression with ' --allow-data-deletion' when the input is true and
     * with '' otherwise (a push, or a manual run left at false); the resulting command line,
     * given to the check itself, fails a plan that deletes a lake and passes it with the input.
     */
    it("the check step's command line, as GitHub expands it, fails a deletion and passes it with the input", () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'csa-workflow-check-'));
      try {
        const name = stacks[1]!;
        const planFile = path.join(dir, 'cdktf.out', 'stacks', name, 'plan.json');
        mkdirSync(path.dirname(planFile), { recursive: true });
        const deletion = { address: 'azurerm_storage_account.lake', mode: 'managed', type: 'azurerm_storage_account', change: { actions: ['delete'], after: null } };
        writeFileSync(planFile, JSON.stringify({ format_version: '1.2', planned_values: {}, resource_changes: [deletion] }));
        const line: string = workflow.jobs[`plan-${name}`].steps.find((s: any) => /check-plan/.test(s.run ?? '')).run;
        const expand = (allow: boolean) => line.replace(/\$\{\{ inputs\.allow_data_deletion && ' --allow-data-deletion' \|\| '' \}\}/, allow ? ' --allow-data-deletion' : '');
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
        expect(runLine(true)).toEqual({ code: 0, stdout: expect.stringContaining(`ALLOWED by --allow-data-deletion: [${name}] azurerm_storage_account.lake destroyed`) });
        // and npm run check-plan is a script of this repository
        expect(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts['check-plan']).toBe('tsx scripts/check-plan.ts');
        expect(existsSync(path.join(REPO, 'scripts', 'check-plan.ts'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('fails when a stack depends on an unknown stack', () => {
    expect(() => deployWorkflow({ estatePath: 'e.yaml', stacks: [{ name: 'dlz-a', dependencies: ['dmlz'] }] })).toThrow(/unknown stack dmlz/);
  });
});

describe('npm run synth and the deploy workflow', () => {
  it('writes the workflow next to the stacks when state lives in Azure storage, with the manifest as its job graph', () => {
    const estate = generatedEstate(3);
    estate.backend = { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' };
    const { dir, manifest } = synth(estate);
    const workflow = parse(readFileSync(path.join(dir, 'cdktf.out', WORKFLOW_FILE), 'utf8')) as { jobs: Record<string, any>; on: any };
    for (const [name, stack] of Object.entries(manifest.stacks)) {
      expect(workflow.jobs[`plan-${name}`].needs.sort()).toEqual(['synth', ...stack.dependencies.map((d) => `apply-${d}`)].sort());
    }
    expect(workflow.on.push.paths).toEqual(['estate.json']);
  });

  it('writes none with the local backend, whose state a CI runner would not have', () => {
    const { dir } = synth(generatedEstate(1));
    expect(existsSync(path.join(dir, 'cdktf.out', WORKFLOW_FILE))).toBe(false);
  });
});
