import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { SuppressedFinding } from '../lib/policy/findings';
import {
  deploymentOrder,
  formatSynthSummary,
  LISTED_STACKS,
  Manifest,
  readSynthOutput,
  summarizeDigests,
  summarizeStacks,
  TerraformJson,
} from '../lib/synth/summary';
import { synthesizeEstate } from '../lib/synth/synthesize';
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
  dmlz: {
    resource: { azurerm_resource_group: { a: {}, b: {} }, azurerm_virtual_network: { hub: {} } },
    data: { azurerm_client_config: { current: {} } },
    output: { vnet_id: {}, subscription_id: {} },
    provider: { azurerm: [{}] },
  },
  'dlz-operations': {
    resource: { azurerm_virtual_network: { spoke: {} } },
    data: { terraform_remote_state: { dmlz: {} } },
    output: { vnet_id: {} },
    provider: { azurerm: [{}, { alias: 'dmlz' }] },
  },
  'dlz-billing': {
    resource: { azurerm_virtual_network: { spoke: {} }, azurerm_virtual_network_peering: { a: {}, b: {}, c: {}, d: {} } },
    output: {},
    // A provider's block is one configuration, or a list of them (aliases): 3 configurations, 2 of azurerm.
    provider: { azurerm: [{}, { alias: 'dmlz' }], random: {} },
  },
};
const CONTEXT = {
  outdir: 'cdktf.out',
  estate: 'relecloud',
  estatePath: 'estates/relecloud.yaml',
  seconds: 1.23,
  defaultEstatePath: 'estates/relecloud.yaml',
  defaultOutdir: 'cdktf.out',
};

describe('synth summary', () => {
  it('orders stacks for deployment: dependencies first, then the preferred (file) order', () => {
    expect(deploymentOrder(RELECLOUD_MANIFEST)).toEqual(['dmlz', 'dlz-operations', 'dlz-billing']);
    const independent = manifestOf({ dmlz: [], 'dlz-b': ['dmlz'], 'dlz-a': ['dmlz'] });
    expect(deploymentOrder(independent)).toEqual(['dmlz', 'dlz-a', 'dlz-b']);
    expect(deploymentOrder(independent, ['dmlz', 'dlz-b', 'dlz-a'])).toEqual(['dmlz', 'dlz-b', 'dlz-a']);
    expect(() => deploymentOrder(manifestOf({ a: ['b'], b: ['a'] }))).toThrow(/cycle among a, b/);
  });

  it('counts resources, data sources, outputs and provider configurations per stack', () => {
    expect(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS)).toEqual([
      {
        name: 'dmlz',
        resources: 3,
        dataSources: 1,
        outputs: 2,
        providers: { azurerm: 1 },
        dependencies: [],
        file: 'stacks/dmlz/cdk.tf.json',
        workingDirectory: 'stacks/dmlz',
      },
      {
        name: 'dlz-operations',
        resources: 1,
        dataSources: 1,
        outputs: 1,
        providers: { azurerm: 2 },
        dependencies: ['dmlz'],
        file: 'stacks/dlz-operations/cdk.tf.json',
        workingDirectory: 'stacks/dlz-operations',
      },
      {
        name: 'dlz-billing',
        resources: 5,
        dataSources: 0,
        outputs: 0,
        providers: { azurerm: 2, random: 1 },
        dependencies: ['dmlz', 'dlz-operations'],
        file: 'stacks/dlz-billing/cdk.tf.json',
        workingDirectory: 'stacks/dlz-billing',
      },
    ]);
  });

  it('prints one line per stack, the diagram and the next commands', () => {
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), {
      ...CONTEXT,
      diagram: { html: 'estate.html', svg: 'estate.svg', seconds: 0.004 },
    });
    expect(text).toBe(
      [
        'Synthesized estate "relecloud" (estates/relecloud.yaml) into cdktf.out in 1.2 s: 3 stacks, 9 resources',
        '',
        '  stack           resources  data  outputs  providers  depends on            file',
        '  dmlz                    3     1        2          1  -                     cdktf.out/stacks/dmlz/cdk.tf.json',
        '  dlz-operations          1     1        1          2  dmlz                  cdktf.out/stacks/dlz-operations/cdk.tf.json',
        '  dlz-billing             5     0        0          3  dmlz, dlz-operations  cdktf.out/stacks/dlz-billing/cdk.tf.json',
        '',
        'Provider configurations: at most 3 in one stack (dlz-billing, 2 azurerm); terraform plan starts one provider process per configuration.',
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

  it('says why no deploy workflow was written', () => {
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), {
      ...CONTEXT,
      workflowSkipped: 'the local backend keeps state on this machine; set backend.type: azurerm to get one for CI.',
    });
    expect(text).toContain('No deploy workflow: the local backend keeps state on this machine; set backend.type: azurerm to get one for CI.\n');
  });

  it('names the estate file and output directory in the commands when they are not the defaults', () => {
    const text = formatSynthSummary(summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS), {
      ...CONTEXT,
      estatePath: 'estates/adatum.yaml',
      outdir: '/tmp/out/',
    });
    expect(text).toContain('npm run plan -- --out /tmp/out ');
    // cdktf synthesizes again into its --output directory before it deploys: the same one.
    expect(text).toContain('ESTATE=estates/adatum.yaml npx cdktf deploy --output /tmp/out dmlz dlz-operations dlz-billing');
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
    const facts = summarizeStacks(output.manifest, output.stacks, ['dmlz', 'dlz-sales', 'peerings-sales']);
    expect(facts.map((f) => f.name)).toEqual(['dmlz', 'dlz-sales', 'peerings-sales']);
    for (const f of facts) {
      const json = stacks[f.name];
      expect(f.resources).toBe(Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0));
      expect(f.outputs).toBe(Object.keys(json.output ?? {}).length);
      expect(f.providers).toEqual(Object.fromEntries(Object.entries(json.provider!).map(([name, blocks]) => [name, blocks.length])));
    }
    // The zones' stacks publish outputs; the only zone's peering stack (docs/topology.md) has nothing yet: no later zone to peer with.
    expect(facts.slice(0, 2).every((f) => f.outputs > 0)).toBe(true);
    expect(facts[1].dependencies).toEqual(['dmlz']);
    expect(facts[1].providers).toEqual({ azurerm: 2 });
    expect(facts[2]).toMatchObject({ resources: 0, outputs: 0, providers: { azurerm: 1 }, dependencies: ['dlz-sales'] });
  });
});

describe('synth summary: suppressed findings', () => {
  const finding = (over: Partial<SuppressedFinding>): SuppressedFinding => ({
    ruleId: 'CSA-KV-003',
    severity: 'error',
    stack: 'dmlz',
    address: 'azurerm_key_vault.hub',
    title: 'Key vaults disable public network access',
    fix: 'set public_network_access_enabled = false',
    reason: 'reached from the build agents',
    suppressedBy: 'suppressions[0]',
    ...over,
  });
  const facts = summarizeStacks(RELECLOUD_MANIFEST, RELECLOUD_STACKS);

  it('lists every suppressed finding: rule, stack/address, from the estate file (with its path) or from code, and the reason', () => {
    const text = formatSynthSummary(facts, {
      ...CONTEXT,
      suppressed: [
        finding({}),
        finding({
          ruleId: 'CSA-IAM-001',
          stack: 'dlz-operations',
          address: 'azurerm_role_assignment.ra',
          reason: 'the definition needs Contributor',
          suppressedBy: 'dlz-operations/governance/zone/policy-assignments/tagging-roles',
        }),
        finding({ stack: 'dlz-billing', address: 'azurerm_key_vault.kv', suppressedBy: 'suppressions[3]', reason: 'first line\nsecond line' }),
      ],
    });
    expect(text).toContain(
      [
        '',
        'Suppressed policy findings: 3 (2 by the estate file, 1 in code), accepted for the reasons given (rules: docs/policy-rules.md):',
        '  CSA-KV-003 dmlz/azurerm_key_vault.hub',
        '    estate file suppressions[0]',
        '    reason: reached from the build agents',
        '  CSA-IAM-001 dlz-operations/azurerm_role_assignment.ra',
        '    code: suppressRule on dlz-operations/governance/zone/policy-assignments/tagging-roles',
        '    reason: the definition needs Contributor',
        '  CSA-KV-003 dlz-billing/azurerm_key_vault.kv',
        '    estate file suppressions[3]',
        '    reason: first line',
        '      second line',
        '',
        'Next:',
      ].join('\n'),
    );
  });

  it('shows estate reasons as written, not as the Terraform literals the model holds; code reasons as they are', () => {
    const text = formatSynthSummary(facts, {
      ...CONTEXT,
      suppressed: [finding({ reason: 'see $${ticket} and %%{note}' }), finding({ reason: 'code text $${kept}', suppressedBy: 'dmlz/hub' })],
    });
    expect(text).toContain('    reason: see ${ticket} and %{note}\n');
    expect(text).toContain('    reason: code text $${kept}\n');
  });

  it('prints no section when nothing was suppressed', () => {
    expect(formatSynthSummary(facts, { ...CONTEXT, suppressed: [] })).not.toContain('Suppressed');
  });

  it('a real synth: findings suppressed by the estate file and by code are all listed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-summary-suppressed-'));
    // Every Key Vault public (a construct regression): CSA-KV-003 findings the estate file accepts.
    const prototype = KeyVault.prototype as unknown as { synthesizeAttributes(): Record<string, unknown> };
    const original = prototype.synthesizeAttributes;
    const spy = jest.spyOn(prototype, 'synthesizeAttributes').mockImplementation(function (this: unknown) {
      return { ...original.call(this), public_network_access_enabled: true };
    });
    try {
      const estate = loadShippedEstate('adatum');
      // A Modify assignment with Contributor: its role assignment is a CSA-IAM-001 finding the construct suppresses in code.
      estate.landingZones[0].governance = {
        policy: {
          assignments: [
            {
              name: 'tagging',
              definitionId: '/providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025',
              effect: 'Modify',
              roles: ['Contributor'],
            },
          ],
        },
      };
      estate.suppressions = [
        { rule: 'CSA-KV-003', stack: 'dmlz', address: 'azurerm_key_vault.*', scope: 'stack', reason: 'hub vault: see ${ticket} for the review' },
        { rule: 'CSA-KV-003', stack: 'dlz-sales', address: 'azurerm_key_vault.*', scope: 'stack', reason: 'zone vaults during the migration' },
      ];
      const file = path.join(dir, 'estate.json');
      writeFileSync(file, JSON.stringify(estate));
      const result = synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir, diagramOnWorkerThread: false });
      const output = readSynthOutput(result.outdir);
      const text = formatSynthSummary(summarizeStacks(output.manifest, output.stacks, result.stacks), {
        ...CONTEXT,
        suppressed: result.policy.suppressed,
      });
      // The summary synth prints is the one from the digests its threads took.
      expect(summarizeDigests(result.written.manifest, result.written.digests, result.stacks)).toEqual(
        summarizeStacks(output.manifest, output.stacks, result.stacks),
      );
      const vaults = Object.values(output.stacks).reduce((n, s) => n + Object.keys(s.resource?.azurerm_key_vault ?? {}).length, 0);
      expect(vaults).toBeGreaterThanOrEqual(3);
      expect(text).toContain(`Suppressed policy findings: ${vaults + 1} (${vaults} by the estate file, 1 in code)`);
      expect(text.match(/^ {2}CSA-KV-003 (dmlz|dlz-sales)\/azurerm_key_vault\.\S+$/gm)).toHaveLength(vaults);
      expect(text).toMatch(
        /\n {2}CSA-KV-003 dmlz\/azurerm_key_vault\.\S+\n {4}estate file suppressions\[0\]\n {4}reason: hub vault: see \$\{ticket\} for the review\n/,
      );
      expect(text).toMatch(
        /\n {2}CSA-IAM-001 dlz-sales\/azurerm_role_assignment\.\S+\n {4}code: suppressRule on dlz-sales\/governance\/zone\/policy-assignments\/tagging-roles\n {4}reason: The estate file names Contributor/,
      );
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
