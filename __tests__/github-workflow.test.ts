import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { deployWorkflow, renderWorkflow, WORKFLOW_FILE } from '../lib/pipeline/github-workflow';
import { generatedEstate, loadShippedEstate, synth } from './helpers/synth';

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
