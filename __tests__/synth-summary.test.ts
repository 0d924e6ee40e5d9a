import { deploymentOrder, formatSynthSummary, LISTED_STACKS, Manifest, readSynthOutput, summarizeStacks, TerraformJson } from '../lib/synth/summary';
import { loadShippedEstate, synth } from './helpers/synth';

/** A manifest as cdktf writes it: stacks in alphabetical order, dependencies per stack. */
function manifestOf(stacks: Record<string, string[]>): Manifest {
  return {
    stacks: Object.fromEntries(
      Object.keys(stacks)
        .sort()
        .map((name) => [name, { dependencies: stacks[name], synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` }]),
    ),
  };
}

const RELECLOUD_MANIFEST = manifestOf({ dmlz: [], 'dlz-operations': ['dmlz'], 'dlz-billing': ['dmlz', 'dlz-operations'] });
const RELECLOUD_STACKS: Record<string, TerraformJson> = {
  dmlz: { resource: { azurerm_resource_group: { a: {}, b: {} }, azurerm_virtual_network: { hub: {} } }, data: { azurerm_client_config: { current: {} } }, output: { vnet_id: {}, subscription_id: {} } },
  'dlz-operations': { resource: { azurerm_virtual_network: { spoke: {} } }, data: { terraform_remote_state: { dmlz: {} } }, output: { vnet_id: {} } },
  'dlz-billing': { resource: { azurerm_virtual_network: { spoke: {} }, azurerm_virtual_network_peering: { a: {}, b: {}, c: {}, d: {} } }, output: {} },
};
const CONTEXT = { outdir: 'cdktf.out', estate: 'relecloud', estatePath: 'estates/relecloud.yaml', seconds: 1.23, defaultEstatePath: 'estates/relecloud.yaml', defaultOutdir: 'cdktf.out' };

describe('synth summary', () => {
  it('orders stacks for deployment: dependencies first, then the preferred (file) order', () => {
    expect(deploymentOrder(RELECLOUD_MANIFEST)).toEqual(['dmlz', 'dlz-operations', 'dlz-billing']);
    const independent = manifestOf({ dmlz: [], 'dlz-b': ['dmlz'], 'dlz-a': ['dmlz'] });
    expect(deploymentOrder(independent)).toEqual(['dmlz', 'dlz-a', 'dlz-b']);
    expect(deploymentOrder(independent, ['dmlz', 'dlz-b', 'dlz-a'])).toEqual(['dmlz', 'dlz-b', 'dlz-a']);
    expect(() => deploymentOrder(manifestOf({ a: ['b'], b: ['a'] }))).toThrow(/cycle among a, b/);
  });

  it('counts resources, data sources and outputs per stack', () => {
    expect(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS)).toEqual([
      { name: 'dmlz', resources: 3, dataSources: 1, outputs: 2, dependencies: [], file: 'stacks/dmlz/cdk.tf.json', workingDirectory: 'stacks/dmlz' },
      { name: 'dlz-operations', resources: 1, dataSources: 1, outputs: 1, dependencies: ['dmlz'], file: 'stacks/dlz-operations/cdk.tf.json', workingDirectory: 'stacks/dlz-operations' },
      { name: 'dlz-billing', resources: 5, dataSources: 0, outputs: 0, dependencies: ['dmlz', 'dlz-operations'], file: 'stacks/dlz-billing/cdk.tf.json', workingDirectory: 'stacks/dlz-billing' },
    ]);
  });

  it('prints one line per stack, the diagram and the next commands', () => {
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), { ...CONTEXT, diagram: { html: 'estate.html', svg: 'estate.svg', seconds: 0.004 } });
    expect(text).toBe(
      [
        'Synthesized estate "relecloud" (estates/relecloud.yaml) into cdktf.out in 1.2 s: 3 stacks, 9 resources',
        '',
        '  stack           resources  data  outputs  depends on            file',
        '  dmlz                    3     1        2  -                     cdktf.out/stacks/dmlz/cdk.tf.json',
        '  dlz-operations          1     1        1  dmlz                  cdktf.out/stacks/dlz-operations/cdk.tf.json',
        '  dlz-billing             5     0        0  dmlz, dlz-operations  cdktf.out/stacks/dlz-billing/cdk.tf.json',
        '',
        'Diagram: cdktf.out/estate.html (open it in a browser; also cdktf.out/estate.svg), 0.00 s of synth time',
        '',
        'Next:',
        '  npm run plan                                       offline terraform init, validate and plan of every stack (terraform on PATH; no Azure access needed)',
        '  npx cdktf deploy dmlz dlz-operations dlz-billing   deploy with Azure credentials, in dependency order (dmlz, dlz-operations, dlz-billing)',
        '  or with plain Terraform, one stack after the other in this order:',
        '    (cd cdktf.out/stacks/dmlz && terraform init && terraform apply)',
        '    (cd cdktf.out/stacks/dlz-operations && terraform init && terraform apply)',
        '    (cd cdktf.out/stacks/dlz-billing && terraform init && terraform apply)',
        '',
      ].join('\n'),
    );
  });

  it('counts moved addresses apart from added and removed ones', () => {
    const changes = [
      { stack: 'dlz-operations', added: [], removed: [], moved: [{ from: 'azurerm_key_vault.a_old', to: 'azurerm_key_vault.a_new' }] },
      { stack: 'dlz-billing', added: ['azurerm_resource_group.x'], removed: ['azurerm_resource_group.y'], moved: [] },
      { stack: 'dmlz', added: [], removed: [], moved: [] },
    ];
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), { ...CONTEXT, changes });
    expect(text).toContain('  dlz-operations: +0 -0 moved 1\n');
    expect(text).toContain('  dlz-billing: +1 -1\n    - azurerm_resource_group.y\n');
    expect(text).not.toContain('  dmlz: ');
  });

  it('names the estate file and output directory in the commands when they are not the defaults', () => {
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), { ...CONTEXT, estatePath: 'estates/adatum.yaml', outdir: '/tmp/out/' });
    expect(text).toContain('npm run plan -- --out /tmp/out ');
    expect(text).toContain('ESTATE=estates/adatum.yaml npx cdktf deploy dmlz dlz-operations dlz-billing');
    expect(text).toContain('(cd /tmp/out/stacks/dmlz && terraform init && terraform apply)');
    expect(text).not.toContain('Diagram:');
  });

  it('stays short for a hundred landing zones: deploy "*", three stacks spelled out, dependencies cut', () => {
    const stacks: Record<string, string[]> = { dmlz: [] };
    for (let i = 1; i <= 100; i++) stacks[`dlz-lz${i}`] = ['dmlz', ...(i > 1 ? [`dlz-lz${i - 1}`] : []), ...(i > 3 ? ['dlz-lz1', 'dlz-lz2'] : [])];
    const manifest = manifestOf(stacks);
    const facts = summarizeStacks(manifest, {});
    expect(facts.map((f) => f.name).slice(0, 4)).toEqual(['dmlz', 'dlz-lz1', 'dlz-lz2', 'dlz-lz3']);
    const text = formatSynthSummary(facts, CONTEXT);
    expect(facts.length).toBeGreaterThan(LISTED_STACKS);
    expect(text).toContain(`npx cdktf deploy '*'`);
    expect(text).toContain('in dependency order (dmlz, dlz-lz1, dlz-lz2, ... dlz-lz100)');
    expect(text).toContain('dmlz, dlz-lz3, dlz-lz1 +1 more');
    expect(text).toContain('... and the same for the other 98 stacks, in the order above (last: dlz-lz100)');
    expect(text.split('\n').length).toBeLessThan(101 + 20);
  });

  it('reads a real synthesized output: the counts match the stacks', () => {
    const { dir, stacks } = synth(loadShippedEstate('adatum'));
    const output = readSynthOutput(`${dir}/cdktf.out`);
    const facts = summarizeStacks(output.manifest, output.stacks, ['dmlz', 'dlz-sales']);
    expect(facts.map((f) => f.name)).toEqual(['dmlz', 'dlz-sales']);
    for (const f of facts) {
      const json = stacks[f.name];
      expect(f.resources).toBe(Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0));
      expect(f.outputs).toBe(Object.keys(json.output ?? {}).length);
      expect(f.outputs).toBeGreaterThan(0);
    }
    expect(facts[1].dependencies).toEqual(['dmlz']);
  });
});
