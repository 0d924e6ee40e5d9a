// End to end: the real terraform binary planning hand-written cdktf output against
// the stand-in providers (spawns terraform; a few seconds per fixture).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planOutDir, readKeptPlans } from '../plan';
import { describeWhen, FIXTURE_OUT, FIXTURES, missingPrerequisites, SCHEMAS_DIR, suiteTempDir } from './prereqs';

describeWhen(missingPrerequisites().length === 0, missingPrerequisites, 'offline plan of fixture stacks', () => {
  const tmp = suiteTempDir('offline-plan-test-');
  // planOutDir makes its work dir in os.tmpdir(); point that at our suite dir so the
  // clean-up check below is not confused by other processes' temp dirs.
  const savedTmpdir = process.env.TMPDIR;
  beforeAll(() => {
    process.env.TMPDIR = tmp();
  });
  afterAll(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  });
  const opts = () => ({ schemasDir: SCHEMAS_DIR, cacheDir: join(tmp(), 'cache') });

  it('fails the negative fixture, naming each invalid resource and attribute', async () => {
    const run = await planOutDir(join(FIXTURES, 'negative', FIXTURE_OUT), opts());
    expect(run.ok).toBe(false);
    const [bad] = run.stacks;
    console.log(`negative fixture: stack "bad" ${bad!.seconds.toFixed(1)} s (${JSON.stringify(bad!.phaseSeconds)})`);
    expect(bad!.status).toBe('failed');
    const errors = bad!.errors.map((e) => [e.address, e.attribute, e.summary]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['azurerm_resource_group.rg', 'colour', 'Extraneous JSON object property'], // unknown argument
        ['azurerm_virtual_network.vnet', 'location', 'Missing required argument'],
        ['azurerm_subnet.snet', 'address_prefixes', 'Incorrect attribute value type'], // "notalist"
        // caught by the stand-in's ValidateResourceConfig, not by Terraform core:
        ['azurerm_network_security_group.nsg', 'name', 'Missing required argument'],
      ]),
    );
    expect(bad!.errors).toHaveLength(4);
    expect(bad!.errors.find((e) => e.address === 'azurerm_subnet.snet')).toMatchObject({
      constructPath: 'bad/network/snet',
      file: 'cdk.tf.json',
      phase: 'validate',
    });
    expect(bad!.warnings.map((w) => [w.address, w.attribute, w.summary])).toEqual([
      ['azurerm_key_vault.kv', 'enable_rbac_authorization', 'Argument is deprecated'],
    ]);
  });

  it('passes the positive fixture: upstream applied offline, downstream reads its outputs', async () => {
    const keep = join(tmp(), 'plans');
    const run = await planOutDir(join(FIXTURES, 'positive', FIXTURE_OUT), { ...opts(), keepDir: keep });
    for (const s of run.stacks) console.log(`positive fixture: stack "${s.name}" ${s.seconds.toFixed(1)} s (${JSON.stringify(s.phaseSeconds)})`);
    expect(run.stacks.map((s) => [s.name, s.status, s.toAdd, s.errors])).toEqual([
      ['core', 'ok', 4, []],
      ['app', 'ok', 2, []],
    ]);
    expect(run.providers.map((p) => `${p.address} ${p.version}`)).toEqual([
      'registry.terraform.io/hashicorp/azurerm 4.55.0',
      'registry.terraform.io/hashicorp/random 3.7.2',
    ]);
    expect(run.stacks[0]!.phaseSeconds.apply).toBeGreaterThan(0); // core has a dependent
    expect(run.stacks[1]!.phaseSeconds.apply).toBeUndefined(); // app has none

    const plans = readKeptPlans(keep);
    expect([...plans.keys()].sort()).toEqual(['app', 'core']);
    const app = plans.get('app')!;
    const outputs = (app.planned_values as { outputs: Record<string, { value?: unknown }> }).outputs;
    // Known at plan time only because core's state exists with placeholder values.
    expect(outputs.core_rg_id!.value).toBe('/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-core-offline-result');
    const subnet = app.resource_changes!.find((r) => r.address === 'azurerm_subnet.apps')!;
    expect(subnet.change.after).toMatchObject({ resource_group_name: 'rg-core-offline-result', virtual_network_name: 'vnet-core' });
    expect(run.stacks[1]!.plan).toEqual(app);
    // Computed lists are indexable after the offline apply: core outputs
    // azurerm_purview_account.purview.managed_resources[0].storage_account_id.
    expect(outputs.purview_storage_id!.value).toBe('offline-storage_account_id');
  });

  it('cleans up its temporary work directories', () => {
    expect(readdirSync(tmp()).filter((f) => f.startsWith('offline-plan-'))).toEqual([]);
    expect(existsSync(join(FIXTURES, 'positive', 'terraform-state'))).toBe(false); // never writes next to the input
    expect(existsSync(join(FIXTURES, 'positive', FIXTURE_OUT, 'stacks', 'core', '.terraform'))).toBe(false);
  });
});
