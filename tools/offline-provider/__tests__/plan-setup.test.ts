// The preparation steps of the plan command, without running terraform.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestStack, readManifest, topologicalOrder } from '../manifest';
import { terraformPlatform, writeCliConfig, writeMirror } from '../mirror';
import { collectRequirements } from '../plan-runner';
import { listSchemas, normalizeSource, resolveSchemas, SchemaEntry } from '../schema-catalog';
import { satisfies } from '../version-constraint';
import { createWorkspace } from '../workspace';
import { FIXTURE_OUT, FIXTURES, suiteTempDir } from './prereqs';

const stack = (name: string, dependencies: string[] = []): ManifestStack => ({
  name,
  dependencies,
  workingDirectory: `stacks/${name}`,
  synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
});

describe('stack order', () => {
  it('puts dependencies first, keeps manifest order among peers', () => {
    const order = topologicalOrder([stack('dlz1', ['dmlz']), stack('dlz2', ['dmlz', 'dlz1']), stack('dmlz'), stack('other')]);
    expect(order.map((s) => s.name)).toEqual(['dmlz', 'other', 'dlz1', 'dlz2']);
  });

  it('rejects cycles and unknown dependencies', () => {
    expect(() => topologicalOrder([stack('a', ['b']), stack('b', ['a'])])).toThrow(/cycle among: a, b/);
    expect(() => topologicalOrder([stack('a', ['zz'])])).toThrow(/depends on zz/);
  });

  it('reads cdktf manifests', () => {
    expect(readManifest(join(FIXTURES, 'positive', FIXTURE_OUT)).map((s) => [s.name, s.dependencies])).toEqual([
      ['core', []],
      ['app', ['core']],
    ]);
    expect(() => readManifest('/nonexistent')).toThrow(/run the synth first/);
  });
});

describe('version constraints', () => {
  it.each([
    ['4.55.0', '4.55.0', true],
    ['4.55.1', '4.55.0', false],
    ['4.55.1', '~> 4.55.0', true],
    ['4.56.0', '~> 4.55.0', false],
    ['4.99.0', '~> 4.55', true],
    ['5.0.0', '~> 4.55', false],
    ['4.55.0', '>= 3.0, < 5', true],
    ['4.55.0', '!= 4.55.0', false],
    ['3.7.2', '', true],
  ])('%s satisfies "%s": %s', (v, c, ok) => expect(satisfies(v, c)).toBe(ok));
});

describe('schema catalog', () => {
  const tmp = suiteTempDir('offline-catalog-');
  const entry = (type: string, version: string): SchemaEntry => ({
    address: `registry.terraform.io/hashicorp/${type}`,
    hostname: 'registry.terraform.io',
    namespace: 'hashicorp',
    type,
    version,
    file: `/s/${type}-${version}.json`,
  });

  it('lists schema files with the address found inside them', () => {
    const dir = join(tmp(), 'schemas');
    mkdirSync(dir);
    writeFileSync(join(dir, 'azapi-2.1.0.json'), '{"format_version":"1.0","provider_schemas":{"registry.terraform.io/azure/azapi":{}}}');
    writeFileSync(join(dir, 'README.md'), '');
    expect(listSchemas(dir)).toEqual([
      expect.objectContaining({ address: 'registry.terraform.io/azure/azapi', namespace: 'azure', type: 'azapi', version: '2.1.0' }),
    ]);
  });

  it('picks the newest version satisfying every stack, or says what is missing', () => {
    const catalog = [entry('azurerm', '4.55.0'), entry('azurerm', '4.40.0'), entry('random', '3.7.2')];
    const ok = resolveSchemas([{ address: normalizeSource('hashicorp/azurerm'), constraints: ['~> 4.0', '>= 4.30'], stacks: ['a', 'b'] }], catalog, '/s');
    expect(ok.selected.map((e) => e.version)).toEqual(['4.55.0']);
    const bad = resolveSchemas(
      [
        { address: normalizeSource('azurerm'), constraints: ['4.60.0'], stacks: ['dmlz'] },
        { address: normalizeSource('azure/azapi'), constraints: [], stacks: ['dlz'] },
      ],
      catalog,
      '/s',
    );
    expect(bad.errors[0]).toMatch(
      /No offline schema for registry.terraform.io\/hashicorp\/azurerm matching "4.60.0" \(required by stack dmlz\)\. \/s has version 4.55.0, 4.40.0/,
    );
    expect(bad.errors[1]).toMatch(/registry.terraform.io\/azure\/azapi .* has no schema for this provider/);
  });
});

describe('workspace copy', () => {
  const tmp = suiteTempDir('offline-ws-');

  function writeOut(stacks: Record<string, object>): string {
    const out = join(tmp(), `src-${Object.keys(stacks).join('-')}`, 'cdktf.out');
    const manifest: Record<string, object> = {};
    for (const [name, doc] of Object.entries(stacks)) {
      mkdirSync(join(out, 'stacks', name), { recursive: true });
      writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(doc));
      writeFileSync(join(out, 'stacks', name, '.terraform.lock.hcl'), '# real hashes');
      manifest[name] = { workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies: [] };
    }
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ stacks: manifest }));
    return out;
  }

  it('turns azurerm backends and remote-state reads into local files inside the copy', () => {
    const azBackend = (key: string) => ({ azurerm: { resource_group_name: 'rg-tf', storage_account_name: 'sttf', container_name: 'tfstate', key } });
    const src = writeOut({
      dmlz: { terraform: { backend: azBackend('dmlz.tfstate'), required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } } } },
      dlz: {
        terraform: { backend: azBackend('dlz.tfstate') },
        data: {
          terraform_remote_state: {
            dmlz: { backend: 'azurerm', config: { storage_account_name: 'sttf', container_name: 'tfstate', key: 'dmlz.tfstate' } },
            ghost: { backend: 'azurerm', config: { key: 'elsewhere.tfstate' } },
            abs: { backend: 'local', config: { path: '/etc/shared.tfstate' } },
          },
        },
        resource: { random_pet: { p: {} } },
      },
    });
    const root = join(tmp(), 'root1');
    mkdirSync(root);
    const ws = createWorkspace(src, root, readManifest(src), 'offline');
    const dlz = ws.stacks.get('dlz')!;
    const doc = JSON.parse(readFileSync(dlz.configFile, 'utf8'));
    expect(doc.terraform.backend).toEqual({ local: { path: '../../../terraform-state/dlz.tfstate' } });
    expect(doc.data.terraform_remote_state.dmlz).toEqual({ backend: 'local', config: { path: '../../../terraform-state/dmlz.tfstate' } });
    expect(doc.data.terraform_remote_state.abs.config.path).toBe('../../../terraform-state/shared.tfstate');
    expect(dlz.errors).toEqual([expect.stringContaining('data.terraform_remote_state.ghost reads a azurerm backend (key "elsewhere.tfstate")')]);
    expect(dlz.notes.join('\n')).toMatch(/azurerm backend replaced by a local state file/);
    // What the stack plan waits for (stack-runner.ts awaited): the stacks whose state it reads, not other dependencies.
    expect(dlz.reads).toEqual(['dmlz']);
    expect(ws.stacks.get('dmlz')!.reads).toEqual([]);
    // the relative path really resolves to the shared state dir of the copy
    expect(join(dlz.dir, '../../../terraform-state/dlz.tfstate')).toBe(join(ws.stateDir, 'dlz.tfstate'));
    // real-provider lock files are not copied offline; the source is untouched
    expect(() => statSync(join(dlz.dir, '.terraform.lock.hcl'))).toThrow();
    expect(readFileSync(join(src, 'stacks', 'dlz', 'cdk.tf.json'), 'utf8')).toContain('"azurerm"');

    expect(collectRequirements(ws)).toEqual([
      { address: 'registry.terraform.io/hashicorp/azurerm', constraints: ['4.55.0'], stacks: ['dmlz'] },
      { address: 'registry.terraform.io/hashicorp/random', constraints: [], stacks: ['dlz'] },
    ]);
  });

  it('keeps relative local backends that stay inside the copy as they are', () => {
    const src = writeOut({ one: { terraform: { backend: { local: { path: '../../../terraform-state/one.tfstate' } } } } });
    const root = join(tmp(), 'root2');
    mkdirSync(root);
    const ws = createWorkspace(src, root, readManifest(src), 'offline');
    expect(ws.stacks.get('one')!.notes).toEqual([]);
    expect(ws.stacks.get('one')!.reads).toEqual([]);
    expect(JSON.parse(readFileSync(ws.stacks.get('one')!.configFile, 'utf8')).terraform.backend.local.path).toBe('../../../terraform-state/one.tfstate');
  });
});

describe('mirror', () => {
  const tmp = suiteTempDir('offline-mirror-');

  it('writes executable wrappers in the unpacked layout and a mirror-only CLI config', () => {
    const p: SchemaEntry = {
      address: 'registry.terraform.io/hashicorp/azurerm',
      hostname: 'registry.terraform.io',
      namespace: 'hashicorp',
      type: 'azurerm',
      version: '4.55.0',
      file: "/s/it's.json",
    };
    const [exe] = writeMirror(join(tmp(), 'm'), [p], {
      runtime: { env: { NODE_PATH: '/nm' }, argv: ['/usr/bin/node', '/c/provider-main.js'] },
      cacheDir: '/cache',
    });
    expect(exe).toBe(join(tmp(), 'm', 'registry.terraform.io/hashicorp/azurerm/4.55.0', terraformPlatform(), 'terraform-provider-azurerm_v4.55.0_x6'));
    expect(statSync(exe!).mode & 0o111).toBe(0o111);
    const script = readFileSync(exe!, 'utf8');
    expect(script).toContain("export NODE_PATH='/nm'");
    expect(script).toContain(
      `exec '/usr/bin/node' '/c/provider-main.js' '--schema' '/s/it'\\''s.json' '--provider' 'registry.terraform.io/hashicorp/azurerm' "$@"`,
    );
    writeCliConfig(join(tmp(), 'tf.rc'), '/mirror', [p]);
    const rc = readFileSync(join(tmp(), 'tf.rc'), 'utf8');
    expect(rc).toContain('filesystem_mirror');
    expect(rc).toContain('include = ["registry.terraform.io/hashicorp/azurerm"]');
    expect(rc).not.toContain('direct');
  });
});
