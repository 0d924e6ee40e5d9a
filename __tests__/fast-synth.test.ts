import { RUN_SYNTH, runProcess } from './helpers/command';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformIterator, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { installFastConstructs, makeUniqueId } from '../lib/synth/fast-constructs';
import { generatedEstate, REPO } from './helpers/synth';

/**
 * lib/synth/fast-constructs.ts and fast-stack.ts replace cdktf internals (construct paths, stack
 * lookups, logical ids, token keys, the stack's toTerraform): the Terraform JSON must stay exactly
 * what cdktf writes. cdktf's own versions are captured here before the install.
 */
const unique = require('cdktf/lib/private/unique') as { makeUniqueId: (components: string[]) => string };
const cdktfMakeUniqueId = unique.makeUniqueId;
const cdktfToTerraform = TerraformStack.prototype.toTerraform;
const util = require('cdktf/lib/util') as { processDynamicAttributes: (attributes: object) => unknown };
const cdktfProcessDynamicAttributes = util.processDynamicAttributes;
const { TerraformDynamicBlock } = require('cdktf/lib/terraform-dynamic-block') as { TerraformDynamicBlock: { fromDynamicExpression(expr: unknown): unknown } };

/** A stack using what the replacements must keep: nesting, Default/Resource ids, overrides, dynamic blocks, outputs, tokens. */
function buildStack(): TerraformStack {
  const stack = new TerraformStack(new App({ stackTraces: false }), 'zone-stack');
  stack.addOverride('terraform.required_version', '>= 1.7');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const rg = new ResourceGroup(stack, 'rg', { name: 'rg-one', location: 'westeurope', tags: { team: 'data', note: 'e+1 $${x}' } });
  const network = new Construct(new Construct(stack, 'network'), 'Default');
  const resource = new Construct(network, 'Resource');
  const rules = TerraformIterator.fromList(['ssh', 'https']);
  const nsg = new NetworkSecurityGroup(resource, 'nsg-dynamic', {
    name: Fn.join('-', ['nsg', rg.name]),
    location: rg.location,
    resourceGroupName: rg.name,
    securityRule: rules.dynamic({ name: rules.value, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp' }),
    dependsOn: [rg],
    lifecycle: { ignoreChanges: ['tags'] },
  });
  nsg.addOverride('tags.extra', Lazy.stringValue({ produce: () => 'lazy' }));
  new NetworkSecurityGroup(network, 'x'.repeat(300), {
    name: 'nsg-plain',
    location: 'westeurope',
    resourceGroupName: 'rg-one',
    securityRule: [{ name: 'r', priority: 200, direction: 'Outbound', access: 'Deny', protocol: '*' }],
  });
  new TerraformOutput(network, 'nsg-id', { value: nsg.id });
  new TerraformOutput(stack, 'rg-output', { value: { id: rg.id, name: rg.name } }).overrideLogicalId('rg_out');
  // An attribute read after a logical id override: cdktf keeps the id of the first read (so does the cache of references).
  const renamed = new ResourceGroup(stack, 'renamed', { name: 'rg-two', location: 'westeurope' });
  new TerraformOutput(stack, 'before-override', { value: renamed.name });
  renamed.overrideLogicalId('rg_two');
  new TerraformOutput(stack, 'after-override', { value: renamed.name });
  return stack;
}

const components = fc.array(fc.oneof(fc.string(), fc.constantFrom('Default', 'Resource', 'network', 'net-work', 'a/b', 'x'.repeat(250), 'é ü', 'work')), {
  maxLength: 6,
});

describe('the faster cdktf internals', () => {
  const cdktfJson = JSON.stringify(buildStack().toTerraform());
  beforeAll(() => {
    delete process.env.CSA_FAST_SYNTH;
    installFastConstructs();
  });

  it('are installed', () => {
    expect(TerraformStack.prototype.toTerraform).not.toBe(cdktfToTerraform);
    expect(unique.makeUniqueId).not.toBe(cdktfMakeUniqueId);
    expect(util.processDynamicAttributes).not.toBe(cdktfProcessDynamicAttributes);
  });

  it('give the same Terraform JSON for a stack as cdktf, key order included', () => {
    const json = JSON.stringify(buildStack().toTerraform());
    expect(json).toBe(cdktfJson);
    expect(JSON.parse(json)).toMatchObject({ resource: { azurerm_network_security_group: {} }, output: { rg_out: {} } });
  });

  it('move dynamic blocks under `dynamic` as cdktf does, walking plain objects only', () => {
    const rules = TerraformIterator.fromList(['ssh', 'https']);
    const block = TerraformDynamicBlock.fromDynamicExpression(rules.dynamic({ name: rules.value }));
    const attributes = { name: 'x', rule: block, nested: { inner: block, list: ['a', { deep: 1 }], when: new Date(0) }, dynamic: { kept: true }, none: null };
    const resolved = (value: unknown) =>
      JSON.stringify(Tokenization.resolve(value, { scope: buildStack(), resolver: new DefaultTokenResolver(new StringConcat()) }));
    expect(resolved(util.processDynamicAttributes(attributes))).toBe(resolved(cdktfProcessDynamicAttributes(attributes)));
    const fast = util.processDynamicAttributes(attributes) as { dynamic: object; nested: { dynamic: object } };
    expect(Object.keys(fast.nested.dynamic)).toEqual(['inner']);
    expect(fast.dynamic).toEqual({ kept: true }); // cdktf's quirk, kept: a later `dynamic` attribute replaces the moved blocks
  });

  it('give the paths, scopes and stacks cdktf gives, remembered or not', () => {
    const stack = buildStack();
    for (const construct of stack.node.findAll()) {
      const scopes = construct.node.scopes;
      expect(scopes[scopes.length - 1]).toBe(construct);
      expect(construct.node.path).toBe(
        scopes
          .map((s) => s.node.id)
          .filter(Boolean)
          .join('/'),
      );
      expect(TerraformStack.of(construct)).toBe(stack);
    }
    expect(() => TerraformStack.of(new App())).toThrow(/No stack could be identified/);
  });

  it('make the logical ids cdktf makes (fixed seed)', () => {
    fc.assert(
      fc.property(components, (parts) => {
        const outcome = (f: () => string) => {
          try {
            return f();
          } catch (e) {
            return `throws ${(e as Error).message}`;
          }
        };
        expect(outcome(() => makeUniqueId(parts, () => new Error('empty')))).toBe(
          outcome(() => cdktfMakeUniqueId([...parts])).replace(/throws Unable.*/s, 'throws empty'),
        );
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});

/** `make()`'s value, made on the first call (by whichever test needs it first) and shared by the later ones. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Every file under `dir`, relative, with its content. */
function filesUnder(dir: string, base = dir, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) filesUnder(file, base, into);
    else into[path.relative(base, file)] = readFileSync(file, 'utf8');
  }
  return into;
}

describe('npm run synth with the faster internals', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'csa-fast-synth-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * The compiled app (scripts/run-synth.cjs) on `estate`, with cdktf's own internals
   * (CSA_FAST_SYNTH=0) or the faster ones, without blocking the test: the runs of a case are
   * independent of one another (each has its own copy of the estate and lock) and run side by side.
   */
  const spawnSynth = (args: string[], env: Record<string, string>) =>
    runProcess(process.execPath, args, { cwd: REPO, env: { ...process.env, CSA_SYNTH_CACHE: '0', CHECKPOINT_DISABLE: '1', ...env } });
  const run = async (estate: string, out: string, env: Record<string, string>) => {
    const result = await spawnSynth([RUN_SYNTH, '--estate', estate, '--out', out], env);
    expect(result.stderr + result.stdout).toContain('Synthesized estate');
    return filesUnder(out);
  };

  const relecloud = path.join(REPO, 'estates', 'relecloud.yaml');
  const estates: [string, () => string][] = [
    ['estates/relecloud.yaml', () => relecloud],
    ...(['peering', 'avnm'] as const).map((topology): [string, () => string] => [
      `a generated 4-zone estate (${topology})`,
      () => {
        const file = path.join(work, `gen-${topology}.json`);
        writeFileSync(file, JSON.stringify({ ...generatedEstate(4, { estate: `g${topology[0]}` }), network: { topology } }));
        return file;
      },
    ]),
  ];

  const lockOf = (estate: string) => estate.replace(/\.(yaml|json)$/, '.lock.json');
  /*
   * Each run in its own copy of the estate (`dir/name`), with the shipped lock when there is one:
   * the runs of a case start from the same estate and lock, and run side by side. (A generated
   * estate starts without a lock, so each run writes the same one: also compared below. A synth
   * without the lock writes what one with the lock it writes does.) The copies sit at the same
   * depth, and the outputs at the same place in each, so relative paths in the stacks are the same.
   */
  const copy = (source: string, dir: string, name: string) => {
    mkdirSync(path.join(dir, name), { recursive: true });
    const estate = path.join(dir, name, path.basename(source));
    copyFileSync(source, estate);
    if (statSync(lockOf(source), { throwIfNoEntry: false })) copyFileSync(lockOf(source), lockOf(estate));
    return { estate, out: path.join(dir, name, 'out') };
  };

  // A stand-in for an upgrade: cdktf's stack toTerraform, wrapped before synth installs its own.
  const patchDir = path.join(work, 'patched');
  const patch = once(() => {
    mkdirSync(patchDir);
    const file = path.join(patchDir, 'patch.cjs');
    writeFileSync(
      file,
      `const { TerraformStack } = require(${JSON.stringify(path.join(REPO, 'node_modules', 'cdktf'))});
const original = TerraformStack.prototype.toTerraform;
TerraformStack.prototype.toTerraform = function () { return original.call(this); };`,
    );
    return file;
  });
  const patchedSynth = (estate: string, out: string, env: Record<string, string>) =>
    spawnSynth(['--require', patch(), RUN_SYNTH, '--estate', estate, '--out', out], { CSA_SYNTH_EXTERNAL_PACKAGES: '1', ...env });

  /*
   * estates/relecloud.yaml with cdktf's own internals (CSA_FAST_SYNTH=0, one thread) and the patch
   * preloaded: started once, by whichever of the two tests that read it comes first. It shows that
   * CSA_FAST_SYNTH=0 still synthesizes with the patch, and is the cdktf run relecloud's faster runs
   * are compared with (the patch only wraps cdktf's own toTerraform): one synth fewer. Its copy
   * sits where the byte-for-byte test's cdktf run would.
   */
  const relecloudDir = path.join(work, 'relecloud');
  const relecloudOnCdktf = once(() => {
    const { estate, out } = copy(relecloud, relecloudDir, 'cdktf');
    return patchedSynth(estate, out, { CSA_FAST_SYNTH: '0', CSA_SYNTH_WORKERS: '1' }).then((result) => ({ estate, out, result }));
  });

  it('fails loudly, writing nothing, when what it replaces is not what it was written for; CSA_FAST_SYNTH=0 still synthesizes', async () => {
    // The run with CSA_FAST_SYNTH=0 writes elsewhere (its own copy): both side by side.
    const [patched, own] = await Promise.all([patchedSynth(relecloud, path.join(patchDir, 'out'), {}), relecloudOnCdktf()]);
    expect(patched.code).not.toBe(0);
    expect(patched.stderr).toContain('internal: cdktf TerraformStack.toTerraform changed shape');
    expect(patched.stderr).toContain('set CSA_FAST_SYNTH=0');
    expect(readdirSync(patchDir)).toEqual(['patch.cjs']);
    expect(own.result.stderr + own.result.stdout).toContain('Synthesized estate');
    expect(Object.keys(filesUnder(own.out)).filter((file) => file.endsWith('cdk.tf.json')).length).toBeGreaterThan(2);
  });

  /** The case's run with cdktf's own internals, on one thread: for relecloud, the patched run above. */
  const cdktfRun = async (source: string, dir: string) => {
    if (source === relecloud) {
      const { estate, out, result } = await relecloudOnCdktf();
      expect(result.stderr + result.stdout).toContain('Synthesized estate');
      return { estate, files: filesUnder(out) };
    }
    const { estate, out } = copy(source, dir, 'cdktf');
    return { estate, files: await run(estate, out, { CSA_FAST_SYNTH: '0', CSA_SYNTH_WORKERS: '1' }) };
  };

  it.each(estates)(
    'writes %s byte for byte as cdktf does, on one thread and on two',
    async (_name, source) => {
      const estate = source();
      const dir = estate === relecloud ? relecloudDir : mkdtempSync(path.join(work, 'estate-'));
      const runs = ['1', '2'].map((workers) => ({ ...copy(estate, dir, `fast-${workers}`), env: { CSA_SYNTH_WORKERS: workers } }));
      const [cdktf, fast] = await Promise.all([cdktfRun(estate, dir), Promise.all(runs.map(({ estate, out, env }) => run(estate, out, env)))]);
      const stacks = Object.keys(cdktf.files).filter((file) => file.endsWith('cdk.tf.json'));
      expect(stacks.length).toBeGreaterThan(2);
      for (const written of fast) {
        expect(Object.keys(written).sort()).toEqual(Object.keys(cdktf.files).sort());
        for (const file of Object.keys(cdktf.files)) expect({ file, text: written[file] }).toEqual({ file, text: cdktf.files[file] });
      }
      // The same lock from each run.
      const locks = [cdktf, ...runs].map(({ estate }) => readFileSync(lockOf(estate), 'utf8'));
      for (const written of locks.slice(1)) expect(written).toBe(locks[0]);
    },
    240_000,
  );
});
