import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { App, Aspects } from 'cdktf';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { TagsAspect } from '../../lib/constructs/shared/tags-aspect';
import { loadEstateFile } from '../../lib/estate/load';
import { RESERVED_TAG_KEYS } from '../../lib/estate/schema';
import { PolicyViolationError } from '../../lib/policy/findings';
import { PolicyAspect } from '../../lib/policy/policy-aspect';
import { RULE_PACK } from '../../lib/policy/rule-pack';
import { DIAGNOSED_TYPES } from '../../lib/policy/rules/diagnostic-settings';
import { REQUIRED_TAGS } from '../../lib/policy/rules/required-tags';
import { stackResources } from '../../lib/policy/stack-resources';
import { TAGGABLE_TYPES } from '../../lib/policy/taggable-types';
import { synthesizeEstate } from '../../lib/synth/synthesize';
import { addEstateStacks } from '../../stacks/estate-app';
import { filesUnder, runSynthCommand } from '../helpers/command';
import { COMMITTED_SCHEMAS_DIR } from '../../tools/offline-provider/plan-runner';
import { loadShippedEstate, REPO } from '../helpers/synth';
import { SHARED_KEY_REASON } from '../../lib/constructs/data-product/machine-learning-workspace';
import { LOCAL_ACCOUNTS_REASON } from '../../lib/constructs/data-product/model-serving-cluster';

/** The rule pack in the real synth pipeline: shipped estates pass, a violation fails before anything is swapped in. */

/** The committed azurerm 4.55.0 schema data: every type the estates synthesize (npm run schemas:trim). */
const SCHEMA: Record<string, { block: { attributes?: Record<string, unknown> } }> = JSON.parse(
  readFileSync(path.join(COMMITTED_SCHEMAS_DIR, 'azurerm-4.55.0.json'), 'utf8'),
).provider_schemas['registry.terraform.io/hashicorp/azurerm'].resource_schemas;

/**
 * Rules also name types the estates do not deploy yet, which the committed data leaves out.
 * For those, the generated @cdktf/provider-azurerm bindings, made from the same azurerm
 * 4.55.0 schema, say whether the type exists (a class with that tfResourceType) and takes
 * tags (a `tags` accessor); a test below checks that they agree with the schema data.
 */
function binding(type: string): { tags: boolean } | undefined {
  let module: Record<string, unknown>;
  try {
    module = require(`@cdktf/provider-azurerm/lib/${type.replace(/^azurerm_/, '').replace(/_/g, '-')}`);
  } catch {
    return undefined;
  }
  const resource = Object.values(module).find((v) => typeof v === 'function' && (v as { tfResourceType?: string }).tfResourceType === type) as
    { prototype: object } | undefined;
  return resource && { tags: typeof Object.getOwnPropertyDescriptor(resource.prototype, 'tags')?.get === 'function' };
}
const providerHasType = (type: string) => SCHEMA[type] !== undefined || binding(type) !== undefined;
const takesTags = (type: string) => (SCHEMA[type] ? SCHEMA[type].block.attributes?.tags !== undefined : binding(type)?.tags === true);

const work: string[] = [];
afterAll(() => work.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-policy-synth-'));
  work.push(dir);
  return dir;
}

/** An existing output directory, to prove a failed synth leaves it alone. */
function previousOutput(dir: string): string {
  const outdir = path.join(dir, 'cdktf.out');
  mkdirSync(path.join(outdir, 'stacks', 'dmlz'), { recursive: true });
  writeFileSync(path.join(outdir, 'manifest.json'), '{"previous": true}');
  writeFileSync(path.join(outdir, 'stacks', 'dmlz', 'cdk.tf.json'), '{"previous": "stack"}');
  return outdir;
}

function synthEstate(estate: object) {
  const dir = tempDir();
  const file = path.join(dir, 'estate.json');
  writeFileSync(file, JSON.stringify(estate));
  return { dir, result: synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir }) };
}

/** Makes every Key Vault public, standing for a construct regression (CSA-KV-003). */
function withPublicKeyVaults<T>(fn: () => T): T {
  const prototype = KeyVault.prototype as unknown as { synthesizeAttributes(): Record<string, unknown> };
  const original = prototype.synthesizeAttributes;
  const spy = jest.spyOn(prototype, 'synthesizeAttributes').mockImplementation(function (this: unknown) {
    return { ...original.call(this), public_network_access_enabled: true };
  });
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

/** `<stack>/<address>` of every Key Vault adatum deploys, from a clean synth: what a public-vault regression must report. */
let ADATUM_VAULTS: string[] = [];
beforeAll(() => {
  const { dir, result } = synthEstate(loadShippedEstate('adatum'));
  ADATUM_VAULTS = result.stacks.flatMap((stack) =>
    stackResources(JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')))
      .filter((r) => r.type === 'azurerm_key_vault')
      .map((r) => `${stack}/${r.address}`),
  );
  expect(ADATUM_VAULTS.length).toBeGreaterThanOrEqual(3);
});

describe.each(['relecloud', 'adatum', 'relecloud-avnm'] as const)('estates/%s.yaml', (name) => {
  // relecloud-avnm: relecloud with network.topology avnm, so the Virtual Network Manager resources are judged too.
  const estate = loadShippedEstate(name === 'relecloud-avnm' ? 'relecloud' : name);
  if (name === 'relecloud-avnm') estate.network = { ...estate.network, topology: 'avnm' };
  const { dir, result } = synthEstate(estate);

  it('synthesizes with no policy error, no warning, and only the deliberate suppressions in code, each with its reason', () => {
    expect(result.policy.errors).toEqual([]);
    expect(result.policy.warnings).toEqual([]);
    // Azure ML can attach AKS only with local accounts on, and its default datastores need the
    // workspace storage's shared keys (docs/data-products.md): one of each per served / analytics product.
    const served = estate.landingZones.flatMap((z: any) => (z.dataProducts ?? []).filter((p: any) => p.serving === 'aks'));
    const analytics = estate.landingZones.flatMap((z: any) => (z.dataProducts ?? []).filter((p: any) => p.template === 'analytics'));
    const byRule = (rule: string) => result.policy.suppressed.filter((s) => s.ruleId === rule);
    expect(byRule('CSA-AKS-002').map((s) => [s.address.split('.')[0], s.reason])).toEqual(
      served.map(() => ['azurerm_kubernetes_cluster', LOCAL_ACCOUNTS_REASON]),
    );
    expect(byRule('CSA-ST-002').map((s) => [s.address.split('.')[0], s.reason])).toEqual(analytics.map(() => ['azurerm_storage_account', SHARED_KEY_REASON]));
    expect(result.policy.suppressed).toHaveLength(served.length + analytics.length);
  });

  it('was really judged: most rules found resources of their types', () => {
    const judged = new Set<string>();
    for (const stack of result.stacks) {
      const resources = stackResources(JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')));
      for (const rule of RULE_PACK) if (resources.some((r) => rule.resourceTypes.includes(r.type))) judged.add(rule.id);
    }
    expect(judged.size).toBeGreaterThanOrEqual(40);
  });

  it('lists every taggable resource type it deploys in TAGGABLE_TYPES (so CSA-TAG-001 sees it)', () => {
    const deployed = new Set<string>();
    for (const stack of result.stacks) {
      const config = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      for (const type of Object.keys(config.resource ?? {})) if (SCHEMA[type]?.block.attributes?.tags) deployed.add(type);
    }
    expect([...deployed].filter((type) => !TAGGABLE_TYPES.includes(type))).toEqual([]);
  });
});

describe('the rule pack against the azurerm 4.55.0 schema', () => {
  it('names only resource types the provider has', () => {
    const types = new Set([...RULE_PACK.flatMap((rule) => rule.resourceTypes), ...DIAGNOSED_TYPES]);
    expect([...types].filter((type) => !providerHasType(type))).toEqual([]);
    expect(providerHasType('azurerm_cosmosdb_account')).toBe(true); // not deployed yet: known from the bindings
    expect(providerHasType('azurerm_key_vaults')).toBe(false);
  });

  it('lists only taggable types in TAGGABLE_TYPES', () => {
    expect(TAGGABLE_TYPES.filter((type) => !takesTags(type))).toEqual([]);
    expect(takesTags('azurerm_stream_analytics_job')).toBe(true);
    expect(takesTags('azurerm_key_vault_access_policy')).toBe(false);
  });

  it('reads the azurerm 4.55.0 bindings, which agree with the schema data on every type it holds', () => {
    const provider = readFileSync(require.resolve('@cdktf/provider-azurerm/lib/provider'), 'utf8');
    expect(provider).toContain("providerVersion: '4.55.0'");
    const disagree = Object.keys(SCHEMA).filter(
      (type) => JSON.stringify(binding(type)) !== JSON.stringify({ tags: SCHEMA[type]!.block.attributes?.tags !== undefined }),
    );
    expect(disagree).toEqual([]);
    expect(Object.keys(SCHEMA).filter((type) => SCHEMA[type]!.block.attributes?.tags === undefined).length).toBeGreaterThan(5);
  });

  it('requires exactly the tags the estate schema reserves for the synthesizer', () => {
    expect([...REQUIRED_TAGS].sort()).toEqual([...RESERVED_TAG_KEYS].sort());
  });

  it('has unique ids of the form CSA-<area>-<nnn>, and titles and fixes without a final period', () => {
    const ids = RULE_PACK.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULE_PACK) {
      expect(rule.id).toMatch(/^CSA-[A-Z]+-\d{3}$/);
      expect(rule.title).not.toMatch(/\.$/);
      expect(rule.fix).not.toMatch(/\.$/);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });
});

describe('the synth pipeline', () => {
  it('adds the rule pack to every zone stack, after the tags aspect', () => {
    const app = new App({ outdir: tempDir() });
    const built = addEstateStacks(app, loadEstateFile(path.join(REPO, 'estates', 'relecloud.yaml')), { outdir: tempDir(), projectDir: tempDir() });
    for (const stack of [built.managementZone, ...built.landingZones]) {
      const aspects = Aspects.of(stack).all;
      const tags = aspects.findIndex((a) => a instanceof TagsAspect);
      const policy = aspects.findIndex((a) => a instanceof PolicyAspect);
      expect(tags).toBeGreaterThanOrEqual(0);
      expect(policy).toBeGreaterThan(tags);
    }
  });

  it('fails when a resource violates an error rule, listing every finding, and leaves the output directory exactly as it was', () => {
    const dir = tempDir();
    const outdir = previousOutput(dir);
    const before = filesUnder(outdir);
    let error: unknown;
    withPublicKeyVaults(() => {
      try {
        synthesizeEstate({ estatePath: path.join(REPO, 'estates', 'adatum.yaml'), outdir, projectDir: dir });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(PolicyViolationError);
    const report = (error as PolicyViolationError).report;
    // One finding per Key Vault of the estate, and nothing else.
    expect(report.errors.map((f) => `${f.ruleId} ${f.address}`).sort()).toEqual(ADATUM_VAULTS.map((v) => `CSA-KV-003 ${v.split('/')[1]}`).sort());
    expect(report.errors.map((f) => `${f.stack}/${f.address}`).sort()).toEqual([...ADATUM_VAULTS].sort());
    expect((error as Error).message).toMatch(new RegExp(`^${ADATUM_VAULTS.length} policy errors`));
    expect((error as Error).message).toContain('\n  CSA-KV-003 dmlz/azurerm_key_vault.');
    expect(filesUnder(outdir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('accepts findings the estate file suppresses with a reason, and warns about suppressions that match nothing', () => {
    const estate = loadShippedEstate('adatum');
    estate.suppressions = [
      { rule: 'CSA-KV-003', stack: 'dmlz', address: 'azurerm_key_vault.*', scope: 'stack', reason: 'test: the hub vault is reached from the build agents' },
      { rule: 'CSA-KV-003', stack: 'dlz-sales', address: 'azurerm_key_vault.landing-zone_*', reason: 'test: the zone vaults during a migration' },
      { rule: 'CSA-ST-001', stack: 'dlz-sales', address: 'azurerm_storage_account.nothing-here', reason: 'test: a suppression that matches nothing' },
    ];
    const { result } = withPublicKeyVaults(() => synthEstate(estate));
    expect(result.policy.errors).toEqual([]);
    expect(result.policy.suppressed.map((f) => `${f.stack}/${f.address} ${f.suppressedBy}`).sort()).toEqual(
      ADATUM_VAULTS.map((v) => `${v} suppressions[${v.startsWith('dmlz/') ? 0 : 1}]`).sort(),
    );
    expect(result.policy.suppressed.every((f) => f.ruleId === 'CSA-KV-003' && f.reason.startsWith('test: '))).toBe(true);
    expect(result.policy.warnings).toEqual([
      expect.objectContaining({ ruleId: 'CSA-ST-001', stack: 'dlz-sales', title: expect.stringContaining('unused suppression (suppressions[2])') }),
    ]);
  });
});

describe('npm run synth (main.ts) with a policy violation', () => {
  // The process npm run synth starts (helpers/command.ts); a preload patches the provider bindings, then loaded from node_modules.
  const run = (estate: string, outdir: string, preload?: string) =>
    runSynthCommand(estate, outdir, { env: { NODE_OPTIONS: '' }, ...(preload ? { preload } : {}) });

  it('exits 1 with every finding and no stack trace, and leaves cdktf.out unchanged', () => {
    const dir = tempDir();
    const outdir = previousOutput(dir);
    const before = filesUnder(outdir);
    const result = run(path.join(REPO, 'estates', 'adatum.yaml'), outdir, path.join(__dirname, 'fixtures-files', 'public-key-vaults.cjs'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Policy check failed, nothing was written (${outdir} is unchanged).`);
    expect(result.stderr).toMatch(
      /\n {2}CSA-KV-003 dmlz\/azurerm_key_vault\.\S+: Key vaults disable public network access\. Fix: set public_network_access_enabled = false\n/,
    );
    expect(result.stderr.match(/CSA-KV-003 \S+\/azurerm_key_vault\./g)).toHaveLength(ADATUM_VAULTS.length);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(filesUnder(outdir)).toEqual(before);
    expect(existsSync(path.join(dir, 'terraform-state'))).toBe(false);
  });

  it('prints warnings on stderr and still writes the stacks', () => {
    const dir = tempDir();
    const estate = loadShippedEstate('adatum');
    estate.suppressions = [
      {
        rule: 'CSA-ST-001',
        stack: 'dlz-sales',
        address: 'azurerm_storage_account.*',
        scope: 'stack',
        reason: 'test: nothing is public, so this matches nothing',
      },
    ];
    const file = path.join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(estate));
    const result = run(file, path.join(dir, 'cdktf.out'));
    expect(result.status).toBe(0);
    expect(result.stderr.trim()).toBe(
      'policy warning: CSA-ST-001 dlz-sales/azurerm_storage_account.*: unused suppression (suppressions[0]): no CSA-ST-001 finding in dlz-sales matches this address. Fix: remove suppressions[0] from the estate file, or correct its stack and address',
    );
    expect(existsSync(path.join(dir, 'cdktf.out', 'stacks', 'dlz-sales', 'cdk.tf.json'))).toBe(true);
  });
});
