import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { refuseUnpreparedCrossStackReferences } from '../stacks/cross-stack-guard';
import { ZoneStack } from '../stacks/zone-stack';
import { readFileSync, writeFileSync } from 'fs';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { generatedEstate, loadShippedEstate } from './helpers/synth';

/** Every stack's text as synthesized now, in process (never from a cache: the code under test is patched). */
function synthesizedText(estate: object): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-prepare-'));
  try {
    const file = path.join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(estate));
    const outdir = path.join(dir, 'cdktf.out');
    const result = synthesizeEstate({ estatePath: file, outdir, projectDir: dir, diagramOnWorkerThread: false });
    return Object.fromEntries(result.stacks.map((stack) => [stack, readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Zone stacks skip cdktf's prepare pass (stacks/zone-stack.ts): it only finds implicit
 * cross-stack references, which zones never make. These tests prove the output unchanged
 * without it, and that a cross-stack reference fails loudly instead of being written dangling.
 */
describe('skipping the prepare pass', () => {
  it.each([
    ['relecloud', () => loadShippedEstate('relecloud')],
    ['fabrikam (existing hub, two regions)', () => loadShippedEstate('fabrikam')],
    ['a generated 3-zone avnm estate', () => ({ ...generatedEstate(3), network: { topology: 'avnm' } })],
  ])('writes the same Terraform as with it: %s', (_name, estate) => {
    const skipped = synthesizedText(estate());
    const prepare = Object.getOwnPropertyDescriptor(ZoneStack.prototype, 'prepareStack')!;
    // cdktf's own pass, as every stack ran it before.
    Object.defineProperty(ZoneStack.prototype, 'prepareStack', { ...prepare, value: TerraformStack.prototype.prepareStack });
    try {
      const prepared = synthesizedText(estate());
      expect(Object.keys(skipped)).toEqual(Object.keys(prepared));
      for (const stack of Object.keys(prepared)) expect(skipped[stack]).toBe(prepared[stack]);
    } finally {
      Object.defineProperty(ZoneStack.prototype, 'prepareStack', prepare);
    }
  });
});

describe('a reference to another stack without the prepare pass', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-xstack-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Two stacks, the second outputting the first one's resource group id; `prepare` says whether they keep cdktf's pass. */
  function twoStacks(prepare: boolean): App {
    refuseUnpreparedCrossStackReferences();
    class Stack extends TerraformStack {
      override prepareStack(): void {
        if (prepare) super.prepareStack();
        else this.ensureBackendExists();
      }
    }
    const app = new App({ outdir: dir, stackTraces: false });
    const first = new Stack(app, 'first');
    new AzurermProvider(first, 'azurerm', { features: [{}] });
    const group = new ResourceGroup(first, 'group', { name: 'rg', location: 'westeurope' });
    const second = new Stack(app, 'second');
    new TerraformOutput(second, 'group', { value: group.id });
    return app;
  }

  it('fails the synth, naming both stacks and the reference', () => {
    expect(() => twoStacks(false).synth()).toThrow(
      /stack second refers to azurerm_resource_group\.group\.id of stack first; zones read each other through remote-state outputs only/,
    );
  });

  it("leaves cdktf's own cross-stack wiring alone in stacks that keep the pass", () => {
    expect(() => twoStacks(true).synth()).not.toThrow();
  });
});
