// A stack whose upstream fails is reported as skipped, whichever command finished first:
// the upstream's apply for its readers covers only what its outputs need and runs beside
// its plan, so a downstream plan may already have run when the upstream's plan fails.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOutDir } from '../plan';
import { describeWhen, FIXTURE_OUT, FIXTURES, missingPrerequisites, SCHEMAS_DIR, suiteTempDir } from './prereqs';

describeWhen(missingPrerequisites().length === 0, missingPrerequisites, 'offline plan with a failing upstream stack', () => {
  const tmp = suiteTempDir('offline-plan-upstream-');
  const opts = () => ({ schemasDir: SCHEMAS_DIR, cacheDir: join(tmp(), 'cache') });

  /** The positive fixture, with `broken` added to core: a resource none of core's outputs needs (and a data source it may read). */
  const withBrokenCore = (name: string, broken: Record<string, unknown>): string => {
    const out = join(tmp(), name);
    cpSync(join(FIXTURES, 'positive', FIXTURE_OUT), out, { recursive: true });
    const file = join(out, 'stacks', 'core', 'cdk.tf.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<'resource' | 'data', Record<string, Record<string, unknown>>>;
    doc.resource.azurerm_resource_group!.broken = { location: 'westeurope', ...broken };
    doc.data = { ...doc.data, azurerm_client_config: { ...doc.data?.azurerm_client_config, broken: {} } };
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return out;
  };

  const outcome = async (out: string) => {
    const run = await planOutDir(out, opts());
    expect(run.ok).toBe(false);
    return run.stacks.map((s) => [s.name, s.status, s.errors.map((e) => [e.phase, e.address ?? '', e.summary])]);
  };

  it('fails core when its plan fails after validating, and skips app, although app could read core outputs', async () => {
    // The data source is read at plan time (unknown to `validate`): its tenant id is no number.
    const out = withBrokenCore('plan-error', { name: '${tonumber(data.azurerm_client_config.broken.tenant_id)}' });
    expect(await outcome(out)).toEqual([
      ['core', 'failed', [['plan', 'azurerm_resource_group.broken', 'Invalid function argument']]],
      ['app', 'skipped', [['setup', '', 'Not planned']]],
    ]);
  });

  it('reports an invalid core under validate only, and skips app', async () => {
    const out = withBrokenCore('invalid', { name: 'rg-broken', colour: 'red' });
    expect(await outcome(out)).toEqual([
      ['core', 'failed', [['validate', 'azurerm_resource_group.broken', 'Extraneous JSON object property']]],
      ['app', 'skipped', [['setup', '', 'Not planned']]],
    ]);
  });
});
