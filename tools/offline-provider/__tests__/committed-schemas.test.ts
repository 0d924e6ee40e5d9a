// The planner plans against the schema data committed in tools/offline-provider/schemas
// unless told otherwise, and says precisely what to do when that data lacks something.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readManifest } from '../manifest';
import { planOutDir } from '../plan';
import { checkPrerequisites, COMMITTED_SCHEMAS_DIR, defaultSchemasDir, isCommittedSchemasDir, REPO_ROOT, typesMissingFromSchemas } from '../plan-runner';
import { listSchemas } from '../schema-catalog';
import { createWorkspace } from '../workspace';
import { describeWhen, haveSchemas, missingPrerequisites, suiteTempDir } from './prereqs';

/** A cdktf output dir with one stack `s` holding `resource` and `data` entries of the given types. */
function outputDir(dir: string, types: { resource?: string[]; data?: string[] }): string {
  const out = join(dir, 'cdktf-output');
  mkdirSync(join(out, 'stacks', 's'), { recursive: true });
  writeFileSync(
    join(out, 'manifest.json'),
    JSON.stringify({
      version: '0.21.0',
      stacks: {
        s: { name: 's', constructPath: 's', workingDirectory: 'stacks/s', synthesizedStackPath: 'stacks/s/cdk.tf.json', annotations: [], dependencies: [] },
      },
    }),
  );
  const entries = (names: string[] = []) =>
    Object.fromEntries(names.map((t) => [t, { x: t === 'azurerm_resource_group' ? { name: 'rg', location: 'westeurope' } : {} }]));
  writeFileSync(
    join(out, 'stacks', 's', 'cdk.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } }, backend: { local: { path: 'terraform.s.tfstate' } } },
      provider: { azurerm: [{ features: [{}], subscription_id: '00000000-0000-0000-0000-000000000001' }] },
      resource: entries(types.resource),
      data: entries(types.data),
    }),
  );
  return out;
}

describe('the default schema directory', () => {
  const saved = process.env.TF_SCHEMAS_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TF_SCHEMAS_DIR;
    else process.env.TF_SCHEMAS_DIR = saved;
  });

  it('is the committed data inside the repository, with TF_SCHEMAS_DIR (e.g. full documents) taking precedence', () => {
    delete process.env.TF_SCHEMAS_DIR;
    expect(defaultSchemasDir()).toBe(COMMITTED_SCHEMAS_DIR);
    expect(relative(REPO_ROOT, COMMITTED_SCHEMAS_DIR)).toBe(join('tools', 'offline-provider', 'schemas'));
    expect(listSchemas(COMMITTED_SCHEMAS_DIR).map((e) => `${e.address} ${e.version}`)).toEqual([
      'registry.terraform.io/hashicorp/azurerm 4.55.0',
      'registry.terraform.io/hashicorp/random 3.7.2',
    ]);
    expect(haveSchemas()).toBe(true);
    process.env.TF_SCHEMAS_DIR = '/somewhere/full-schemas';
    expect(defaultSchemasDir()).toBe('/somewhere/full-schemas');
  });

  it('is recognised however it is written', () => {
    expect(isCommittedSchemasDir(COMMITTED_SCHEMAS_DIR)).toBe(true);
    expect(isCommittedSchemasDir(`${COMMITTED_SCHEMAS_DIR}/`)).toBe(true);
    expect(isCommittedSchemasDir(relative(process.cwd(), COMMITTED_SCHEMAS_DIR))).toBe(true);
    expect(isCommittedSchemasDir(join(COMMITTED_SCHEMAS_DIR, '..'))).toBe(false);
    expect(isCommittedSchemasDir('/nonexistent/schemas')).toBe(false);
  });

  it('a missing schema directory is reported without sending anyone to the network or outside the repository', () => {
    delete process.env.TF_SCHEMAS_DIR;
    expect(checkPrerequisites({}).missing.filter((m) => m.startsWith('provider schemas'))).toEqual([]);
    const [problem] = checkPrerequisites({ schemasDir: '/nonexistent/schemas' }).missing.filter((m) => m.startsWith('provider schemas'));
    expect(problem).toContain('provider schemas: /nonexistent/schemas does not exist');
    expect(problem).toContain(`leave both unset to use the data committed in ${relative(process.cwd(), COMMITTED_SCHEMAS_DIR)}`);
    expect(problem).not.toMatch(/shared|terraform providers schema/);
  });
});

describe('types the committed data lacks', () => {
  const tmp = suiteTempDir('offline-committed-');
  const missingIn = (name: string, types: { resource?: string[]; data?: string[] }) => {
    const src = outputDir(join(tmp(), name), types);
    const ws = createWorkspace(src, mkdtempSync(join(tmp(), `${name}-ws-`)), readManifest(src), 'offline');
    return typesMissingFromSchemas(
      ws,
      listSchemas(COMMITTED_SCHEMAS_DIR).filter((e) => e.type === 'azurerm'),
    );
  };

  it('are named with the stack and how to regenerate the data', () => {
    const missing = missingIn('new-type', {
      resource: ['azurerm_resource_group', 'azurerm_cosmosdb_account'],
      data: ['azurerm_client_config', 'azurerm_subscription'],
    });
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(
      /^No offline schema for resource type azurerm_cosmosdb_account \(used by stack s\): the committed schema data \S*tools\/offline-provider\/schemas\/azurerm-4\.55\.0\.json holds only the types/,
    );
    expect(missing[0]).toContain('npm run schemas:trim -- --from DIR');
    expect(missing[0]).toContain('--schemas DIR');
    expect(missing[1]).toMatch(/^No offline schema for data source type azurerm_subscription \(used by stack s\)/);
  });

  it('are none when every type is there', () => {
    expect(missingIn('known', { resource: ['azurerm_resource_group', 'azurerm_key_vault'], data: ['azurerm_client_config'] })).toEqual([]);
  });
});

describeWhen(missingPrerequisites().length === 0, missingPrerequisites, 'planning a type the committed data lacks', () => {
  const tmp = suiteTempDir('offline-committed-plan-');

  it('stops before terraform runs, naming the type and the fix (exit 2 in the CLI)', async () => {
    const saved = process.env.TF_SCHEMAS_DIR;
    delete process.env.TF_SCHEMAS_DIR;
    try {
      const out = outputDir(tmp(), { resource: ['azurerm_resource_group', 'azurerm_cosmosdb_account'] });
      await expect(planOutDir(out, { cacheDir: join(tmp(), 'cache') })).rejects.toThrow(
        /No offline schema for resource type azurerm_cosmosdb_account \(used by stack s\)/,
      );
    } finally {
      if (saved !== undefined) process.env.TF_SCHEMAS_DIR = saved;
    }
  });
});
