import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { LEGACY_DATABRICKS_RULE_NAMES } from '../lib/constructs/landing-zone/databricks-nsg-rules';
import { DATA_BEARING_TYPES } from '../lib/contract/data-bearing';
import { DataLossError } from '../lib/lock/address-guard';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { formatLockSummary } from '../lib/lock/lock-summary';
import { filesUnder } from './helpers/command';
import { loadShippedEstate, synth } from './helpers/synth';

/** The DataLossError `fn` throws; fails the test when it throws nothing or something else. */
function dataLossOf(fn: () => unknown): DataLossError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataLossError) return e;
    throw e;
  }
  throw new Error('expected a DataLossError, but the synth went through');
}

describe('data-loss guard', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'csa-guard-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (estate: object, allowDataLoss = false) => {
    const file = path.join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(estate));
    return synthesizeEstate({ estatePath: file, outdir: path.join(dir, 'cdktf.out'), projectDir: dir, allowDataLoss, diagramOnWorkerThread: false });
  };

  it("keeps the management zone's Databricks web-auth workspace once deployed, when the last zone with Databricks turns it off", () => {
    const estate = loadShippedEstate('adatum');
    const dmlzWorkspaces = () =>
      Object.values(JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'dmlz', 'cdk.tf.json'), 'utf8')).resource.azurerm_databricks_workspace ?? {});
    run(estate);
    expect(dmlzWorkspaces()).toEqual([expect.objectContaining({ name: 'dbw-adatum-prd-dmlz-webauth' })]);
    // The only zone with Databricks retires (its data kept by removed blocks); the new one runs none.
    const withoutDatabricks = structuredClone(estate);
    withoutDatabricks.landingZones = [{ name: 'marketing', subscriptionId: '00000000-0000-0000-0000-0000000000aa', sharedServices: { databricks: false } }];
    // No --allow-data-loss: the lock records the web-auth workspace, so the estate keeps it.
    const result = run(withoutDatabricks);
    expect(result.retirements.zones.map((z) => z.stack)).toEqual(['dlz-sales']);
    expect(dmlzWorkspaces()).toEqual([expect.objectContaining({ name: 'dbw-adatum-prd-dmlz-webauth' })]);
  });

  it('treats an undeclared rename as retiring the old integration: its data stores are forgotten and kept, never destroyed, and the summary says so', () => {
    const estate = loadShippedEstate('adatum');
    const salesStack = () => JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'dlz-sales', 'cdk.tf.json'), 'utf8'));
    run(estate);
    // The zone's own removed blocks, in every synth and no retirement: the Databricks NSG rules
    // earlier versions declared, which Databricks owns and the stack forgets
    // (lib/constructs/landing-zone/databricks-nsg-rules.ts). No data store among them.
    const zoneForgets: { from: string; lifecycle: { destroy: boolean } }[] = salesStack().removed;
    expect(zoneForgets.map((r) => r.from.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(
      LEGACY_DATABRICKS_RULE_NAMES.map((name) => `azurerm_network_security_rule.landing-zone_network_databricks-nsg_rules_${name.replace(/\./g, '')}`).sort(),
    );
    expect(zoneForgets.every((r) => r.lifecycle.destroy === false && !DATA_BEARING_TYPES.has(r.from.split('.')[0]!))).toBe(true);
    const renamed = structuredClone(estate);
    renamed.landingZones[0].dataIntegrations[0].name = 'sales-landing';
    renamed.landingZones[0].dataProducts[0].inputs = ['sales-landing'];
    const result = run(renamed);
    const [retired] = result.retirements.items;
    expect(retired).toMatchObject({ stack: 'dlz-sales', item: 'sales-ingest', kind: 'integration' });
    expect(retired!.addresses.map((a) => a.split('.')[0])).toEqual(
      expect.arrayContaining(['azurerm_storage_container', 'azurerm_key_vault', 'azurerm_data_factory', 'azurerm_resource_group']),
    );
    // One removed block with destroy = false per data store of the retired integration, and besides them only the zone's own.
    expect(salesStack().removed).toEqual([...retired!.addresses.map((from) => ({ from, lifecycle: { destroy: false } })), ...zoneForgets]);
    expect(formatLockSummary(result.lock, result.retirements)).toMatch(
      /Retired integration dlz-sales\/sales-ingest: \d+ data stores kept in Azure, forgotten by Terraform/,
    );
    // With --allow-data-loss there is no removed block for the old data: Terraform would destroy it.
    const destroying = run(renamed, true);
    expect(destroying.retirements.keepData).toBe(false);
    expect(salesStack().removed).toEqual(zoneForgets);
  });

  it('lets the same rename through when it is declared (renamedFrom): moved blocks carry every data store over, none is removed', () => {
    const estate = loadShippedEstate('adatum');
    run(estate);
    const before = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'dlz-sales', 'cdk.tf.json'), 'utf8'));
    const renamed = structuredClone(estate);
    Object.assign(renamed.landingZones[0].dataIntegrations[0], { name: 'sales-landing', renamedFrom: 'sales-ingest' });
    renamed.landingZones[0].dataProducts[0].inputs = ['sales-landing'];
    const result = run(renamed);
    const sales = result.changes.find((c) => c.stack === 'dlz-sales')!;
    expect(sales.removed).toEqual([]);
    expect(sales.added).toEqual([]);
    expect(sales.replaced).toEqual([]);
    expect(sales.moved.map((m) => m.from.split('.')[0])).toEqual(
      expect.arrayContaining(['azurerm_key_vault', 'azurerm_data_factory', 'azurerm_resource_group']),
    );
    const after = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'dlz-sales', 'cdk.tf.json'), 'utf8'));
    const moved: { from: string; to: string }[] = after.moved;
    // The integration's own Key Vault (a data store) moves to its new address under the same Azure name.
    const vault = moved.find((m) => m.from.startsWith('azurerm_key_vault.'))!;
    expect(vault.from).toContain('_sales-ingest_');
    expect(vault.to).toContain('_sales-landing_');
    const id = (address: string) => address.slice(address.indexOf('.') + 1);
    expect(after.resource.azurerm_key_vault[id(vault.to)].name).toBe(before.resource.azurerm_key_vault[id(vault.from)].name);
    expect(after.resource.azurerm_key_vault[id(vault.from)]).toBeUndefined();
    // Its lake containers keep their addresses: they are keyed by their Azure names.
    const containers = (json: { resource: Record<string, object> }) => Object.keys(json.resource.azurerm_storage_container).sort();
    expect(containers(after)).toEqual(containers(before));
  });

  it('refuses a change that renames data stores in Azure (a new shortName): Terraform would replace the lakes at the same addresses', () => {
    const estate = loadShippedEstate('relecloud');
    run(estate);
    const before = filesUnder(path.join(dir, 'cdktf.out'));
    const changed = structuredClone(estate);
    changed.landingZones[0].shortName = 'opz';
    const error = dataLossOf(() => run(changed));
    const losses = error.losses;
    // The four lakes (and Azure ML's account) change names; nothing was removed, everything is replaced.
    const lakes = losses.filter((l) => l.address.startsWith('azurerm_storage_account.landing-zone_storage_'));
    expect(lakes).toHaveLength(4);
    expect(lakes.every((l) => l.stack === 'dlz-operations' && /^name "relecloudops\w+" -> "relecloudopz\w+"$/.test(l.replacedBy!))).toBe(true);
    // Containers keep their names but live in the replaced accounts: replaced with them.
    expect(losses.some((l) => l.address.startsWith('azurerm_storage_container.') && l.replacedBy!.startsWith('storage_account_id '))).toBe(true);
    expect(losses.every((l) => l.replacedBy)).toBe(true);
    expect(error.message).toMatch(/would be destroyed or replaced:[\s\S]*\(replaced: name "relecloudops/);
    expect(error.message).toContain("each zone's name and shortName");
    expect(filesUnder(path.join(dir, 'cdktf.out'))).toEqual(before);
    // Told to, it goes through and reports them.
    const result = run(changed, true);
    expect(result.changes.find((c) => c.stack === 'dlz-operations')!.replaced.length).toBe(losses.length);
  });

  it('refuses moving the estate to another region: every data store would be replaced', () => {
    const estate = loadShippedEstate('adatum');
    run(estate);
    expect(estate.location).toBe('northeurope');
    const moved = { ...structuredClone(estate), location: 'swedencentral' };
    expect(() => run(moved)).toThrow(/location "northeurope" -> "swedencentral"/);
  });

  it('retires a removed landing zone, keeping its lakes; with --allow-data-loss its stack destroys them', () => {
    const estate = loadShippedEstate('relecloud');
    run(estate);
    const smaller = structuredClone(estate);
    smaller.landingZones.pop(); // billing
    smaller.landingZones[0].dataProducts[1].inputs = ['cloud-service-recommender'];
    const kept = run(smaller);
    expect(kept.retirements.zones.map((z) => z.stack)).toEqual(['dlz-billing']);
    const billing = () => JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'dlz-billing', 'cdk.tf.json'), 'utf8'));
    expect(billing().resource).toBeUndefined();
    expect(billing().removed.map((r: { from: string }) => r.from.split('.')[0])).toEqual(
      expect.arrayContaining(['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_mssql_server']),
    );
    const result = run(smaller, true);
    expect(result.retirements.keepData).toBe(false);
    expect(billing().removed).toBeUndefined();
    expect(readdirSync(path.join(dir, 'cdktf.out', 'stacks'))).toContain('dlz-billing');
  });

  it('lets a change through that keeps every data store, and reports added addresses', () => {
    const estate = loadShippedEstate('adatum');
    // A first synth has nothing to compare with.
    expect(run(estate).changes).toEqual([]);
    const grown = structuredClone(estate);
    grown.landingZones[0].dataIntegrations.push({ name: 'web-analytics', sources: ['web'], engine: 'data-factory' });
    const result = run(grown);
    const sales = result.changes.find((c) => c.stack === 'dlz-sales')!;
    expect(sales.removed).toEqual([]);
    expect(sales.added.some((a) => a.includes('web-analytics'))).toBe(true);
  });
});

describe('prevent_destroy', () => {
  it('is set on every data-bearing resource of both shipped estates', () => {
    for (const name of ['relecloud', 'adatum'] as const) {
      const { stacks } = synth(loadShippedEstate(name));
      for (const [stack, json] of Object.entries(stacks)) {
        for (const [type, byId] of Object.entries(json.resource ?? {})) {
          if (!DATA_BEARING_TYPES.has(type)) continue;
          for (const [id, resource] of Object.entries(byId)) {
            expect({
              stack,
              address: `${type}.${id}`,
              preventDestroy: (resource as { lifecycle?: { prevent_destroy?: boolean } }).lifecycle?.prevent_destroy,
            }).toEqual({
              stack,
              address: `${type}.${id}`,
              preventDestroy: true,
            });
          }
        }
      }
    }
  });
});
