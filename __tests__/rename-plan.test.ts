import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { planOutDir, PlanRun } from '../tools/offline-provider/plan';
import { describeWhen, missingPrerequisites } from '../tools/offline-provider/__tests__/prereqs';
import { loadShippedEstate } from './helpers/synth';

/*
 * What Terraform itself does with a declared rename: apply the estate (offline), rename
 * its integration with renamedFrom, and plan the new output against the state the first
 * left. Terraform must move every resource of the integration to its new address and
 * neither destroy nor create anything. Spawns terraform: two stacks, planned twice.
 */

type Change = { address: string; previous_address?: string; change: { actions: string[] } };

describeWhen(missingPrerequisites().length === 0, missingPrerequisites, 'a declared rename under terraform plan', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-rename-plan-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const synthesize = (estate: object, name: string) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(estate));
    mkdirSync(path.join(dir, name));
    const outdir = path.join(dir, name, 'cdktf.out');
    synthesizeEstate({ estatePath: file, outdir, projectDir: path.join(dir, name), diagramOnWorkerThread: false });
    return outdir;
  };
  const changes = (run: PlanRun, stack: string) => (run.stacks.find((s) => s.name === stack)!.plan?.resource_changes ?? []) as Change[];

  it('moves the renamed integration\'s resources, key vault included, and destroys and creates nothing', async () => {
    // Adatum with the shared services off: the smallest zone that still has a data store per integration.
    const estate = loadShippedEstate('adatum');
    estate.landingZones[0].sharedServices = { databricks: false, dataFactory: false, synapse: false };
    const states = path.join(dir, 'states');
    const first = await planOutDir(synthesize(estate, 'before'), { applyAll: true, keepStatesDir: states, concurrency: 2 });
    expect(first.stacks.map((s) => [s.name, s.status, s.errors])).toEqual([['dmlz', 'ok', []], ['dlz-sales', 'ok', []]]);

    const renamed = structuredClone(estate);
    Object.assign(renamed.landingZones[0].dataIntegrations[0], { name: 'sales-landing', renamedFrom: 'sales-ingest' });
    renamed.landingZones[0].dataProducts[0].inputs = ['sales-landing'];
    const second = await planOutDir(synthesize(renamed, 'after'), { priorStatesDir: states, concurrency: 2 });
    expect(second.stacks.map((s) => [s.name, s.status, s.errors])).toEqual([['dmlz', 'ok', []], ['dlz-sales', 'ok', []]]);

    const sales = changes(second, 'dlz-sales');
    const moved = sales.filter((c) => c.previous_address);
    expect(moved.length).toBeGreaterThan(3);
    expect(moved.every((c) => c.previous_address!.includes('_sales-ingest_') && c.address.includes('_sales-landing_'))).toBe(true);
    expect(moved.map((c) => c.address.split('.')[0])).toContain('azurerm_key_vault');
    // Moved resources keep their settings (their tags follow the new name); nothing is replaced.
    expect(sales.filter((c) => c.change.actions.some((a) => a === 'create' || a === 'delete')).map((c) => `${c.address}: ${c.change.actions}`)).toEqual([]);
    expect(second.stacks.map((s) => [s.name, s.toAdd, s.toDestroy])).toEqual([['dmlz', 0, 0], ['dlz-sales', 0, 0]]);
  }, 180_000);
});
