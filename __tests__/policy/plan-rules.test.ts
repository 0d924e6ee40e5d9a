import { runTsx } from '../helpers/command';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { DATA_BEARING_TYPES } from '../../lib/contract/data-bearing';
import { checkPlans, PLAN_RULES } from '../../lib/policy/plan-rules/check-plans';
import * as noDataDeletionModule from '../../lib/policy/plan-rules/no-data-deletion';
import { noDataDeletion } from '../../lib/policy/plan-rules/no-data-deletion';
import { formatPlanGate, gatePlans, planGateMarkdown } from '../../lib/policy/plan-rules/plan-gate';
import { noSecretsInPlan } from '../../lib/policy/plan-rules/no-secrets-in-plan';
import { TerraformPlan } from '../../lib/policy/plan-rules/plan-rule';
import { plannedPrivateNetwork } from '../../lib/policy/plan-rules/planned-private-network';
import { synthesizeEstate } from '../../lib/synth/synthesize';
import { PlanOptions, planOutDir, PlanRun } from '../../tools/offline-provider/plan';
import { describeWhen, haveSchemas, missingPrerequisites } from '../../tools/offline-provider/__tests__/prereqs';
import { loadShippedEstate, REPO } from '../helpers/synth';

/** Rules over `terraform show -json` plans: fixture plans per rule, then the real offline plans of both shipped estates. */

const change = (type: string, actions: string[], after: Record<string, unknown> | null, afterUnknown: Record<string, unknown> = {}) => ({
  address: `${type}.subject`,
  mode: 'managed',
  type,
  change: { actions, before: null, after, after_unknown: afterUnknown, after_sensitive: {} },
});
const plan = (...resourceChanges: ReturnType<typeof change>[]): TerraformPlan => ({ resource_changes: resourceChanges });

describe('CSA-PLAN-001 data services are planned with public network access disabled', () => {
  it.each([
    [
      'Noncompliance 1: storage account planned public',
      plan(change('azurerm_storage_account', ['create'], { public_network_access_enabled: true })),
      'is planned as true',
    ],
    ['Noncompliance 2: left to the provider (null in the plan)', plan(change('azurerm_key_vault', ['update'], { name: 'kv' })), 'is planned as null'],
    [
      'Noncompliance 3: known only after apply',
      plan(change('azurerm_mssql_server', ['create'], { public_network_access_enabled: null }, { public_network_access_enabled: true })),
      'is unknown until apply',
    ],
    [
      'Noncompliance 4: data factory (public_network_enabled)',
      plan(change('azurerm_data_factory', ['create'], { public_network_enabled: true, public_network_access_enabled: false })),
      'public_network_enabled is planned as true',
    ],
  ])('%s', (_name, p, detail) => {
    expect(plannedPrivateNetwork.check(p)).toEqual([{ address: expect.stringMatching(/\.subject$/), detail: expect.stringContaining(detail) }]);
  });

  it('Compliance: planned off, deletions and other types ignored', () => {
    const p = plan(
      change('azurerm_storage_account', ['create'], { public_network_access_enabled: false }),
      change('azurerm_purview_account', ['no-op'], { public_network_enabled: false }),
      change('azurerm_key_vault', ['delete'], null),
      change('azurerm_resource_group', ['create'], { name: 'rg' }),
    );
    expect(plannedPrivateNetwork.check(p)).toEqual([]);
  });
});

describe('CSA-PLAN-002 no data-bearing resource is deleted or replaced', () => {
  it.each([
    ['Noncompliance 1: a lake destroyed', change('azurerm_storage_account', ['delete'], null), 'destroyed'],
    ['Noncompliance 2: a vault replaced (delete first)', change('azurerm_key_vault', ['delete', 'create'], {}), 'replaced'],
    ['Noncompliance 3: a database replaced (create first)', change('azurerm_mssql_database', ['create', 'delete'], {}), 'replaced'],
  ])('%s', (_name, rc, detail) => {
    expect(noDataDeletion.check(plan(rc))).toEqual([{ address: rc.address, detail: expect.stringContaining(detail) }]);
  });

  it('Compliance: creates, updates, and deleting what holds no data', () => {
    const p = plan(
      change('azurerm_storage_account', ['create'], {}),
      change('azurerm_key_vault', ['update'], {}),
      change('azurerm_private_endpoint', ['delete', 'create'], {}),
      change('azurerm_role_assignment', ['delete'], null),
    );
    expect(noDataDeletion.check(p)).toEqual([]);
  });

  /*
   * What Terraform 1.11 writes for `removed { from = ...; lifecycle { destroy = false } }`
   * (checked with terraform_data and, below, in a real offline plan of adatum): the action
   * is "forget", with the same action_reason a deletion has. Nothing is deleted in Azure.
   */
  it('Compliance: a forget (removed block with destroy = false) is not a deletion, although its action_reason says delete', () => {
    const forget = { ...change('azurerm_storage_account', ['forget'], null), action_reason: 'delete_because_no_resource_config' };
    expect(noDataDeletion.check(plan(forget))).toEqual([]);
    expect(noDataDeletion.check(plan({ ...forget, change: { ...forget.change, actions: ['create', 'forget'] } }))).toEqual([]);
  });

  it('says why from action_reason, and names a deposed object', () => {
    const gone = { ...change('azurerm_mssql_database', ['delete'], null), action_reason: 'delete_because_no_resource_config' };
    const forced = { ...change('azurerm_storage_account', ['delete', 'create'], {}), action_reason: 'replace_because_cannot_update' };
    const deposed = { ...change('azurerm_key_vault', ['delete'], null), deposed: '00000001' };
    expect(noDataDeletion.check(plan(gone, forced, deposed)).map((v) => v.detail)).toEqual([
      'destroyed: its block is no longer in the configuration',
      'replaced (destroyed and created again): an argument that forces a new resource changed',
      'deposed object 00000001 destroyed',
    ]);
  });

  it('uses the data-bearing list synth protects (lib/contract/data-bearing.ts), keys and secrets included', () => {
    expect(Object.keys(noDataDeletionModule)).not.toContain('DATA_BEARING_TYPES'); // no second list
    expect([...DATA_BEARING_TYPES]).toEqual(
      expect.arrayContaining(['azurerm_key_vault_key', 'azurerm_key_vault_secret', 'azurerm_postgresql_flexible_server']),
    );
    for (const type of DATA_BEARING_TYPES) expect(noDataDeletion.check(plan(change(type, ['delete'], null)))).toHaveLength(1);
  });

  it('ignores data sources', () => {
    expect(noDataDeletion.check(plan({ ...change('azurerm_storage_account', ['delete'], null), mode: 'data' }))).toEqual([]);
  });
});

describe('the plan gate (npm run plan, npm run check-plan)', () => {
  const gone = (actions: string[]) => actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
  const at = (type: string, name: string, actions: string[], extra: object = {}) => ({
    ...change(type, actions, gone(actions) ? null : { public_network_access_enabled: false }),
    address: `${type}.${name}`,
    ...extra,
  });
  const plans = new Map<string, TerraformPlan>([
    [
      'dlz-sales',
      plan(
        at('azurerm_storage_account', 'lake', ['delete'], { action_reason: 'delete_because_no_resource_config' }),
        at('azurerm_key_vault', 'vault', ['delete', 'create']),
        at('azurerm_mssql_database', 'db', ['create', 'delete']),
        at('azurerm_storage_container', 'kept', ['forget'], { action_reason: 'delete_because_no_resource_config' }),
        at('azurerm_key_vault', 'same', ['no-op']),
        at('azurerm_role_assignment', 'gone', ['delete']),
      ),
    ],
    ['dmlz', plan(at('azurerm_purview_account', 'catalog', ['update']))],
  ]);
  // CSA-PLAN-001: the updated purview account leaves public_network_enabled to the provider.
  const otherError = 'CSA-PLAN-001 dmlz/azurerm_purview_account.catalog';
  const ids = (findings: readonly { ruleId: string; stack: string; address: string }[]) => findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}`);
  const deletions = [
    'CSA-PLAN-002 dlz-sales/azurerm_storage_account.lake',
    'CSA-PLAN-002 dlz-sales/azurerm_key_vault.vault',
    'CSA-PLAN-002 dlz-sales/azurerm_mssql_database.db',
  ];

  it('without the switch: every deletion and replacement of a data-bearing resource is an error; forgets, no-ops and other types are not', () => {
    const gate = gatePlans(plans);
    expect(gate.ok).toBe(false);
    expect(ids(gate.errors).sort()).toEqual([...deletions, otherError].sort());
    expect(gate.allowed).toEqual([]);
    const text = formatPlanGate(gate);
    expect(text).toMatch(/^Plan rules \(docs\/policy-rules\.md\) on 2 stack plans: 4 errors, 0 warnings$/m);
    expect(text).toContain('  ERROR CSA-PLAN-002 [dlz-sales] azurerm_storage_account.lake: destroyed: its block is no longer in the configuration');
    expect(text).toContain('  ERROR CSA-PLAN-002 [dlz-sales] azurerm_key_vault.vault: replaced (destroyed and created again)');
    expect(text).toContain(`      Fix: ${noDataDeletion.fix}.`);
    expect(text).toContain('run again with --allow-data-deletion');
    expect(text).not.toContain('azurerm_storage_container.kept');
    expect(text).not.toContain('ALLOWED');
  });

  it('with the switch: deletions are allowed and each is listed as ALLOWED, but other error rules still fail', () => {
    const gate = gatePlans(plans, { allowDataDeletion: true });
    expect(ids(gate.allowed)).toEqual(deletions);
    expect(ids(gate.errors)).toEqual([otherError]);
    expect(gate.ok).toBe(false);
    const text = formatPlanGate(gate);
    expect(text).toContain('!!! 3 data-bearing resources will be deleted or replaced: ALLOWED by --allow-data-deletion');
    expect(text).toContain(
      '!!! ALLOWED by --allow-data-deletion: [dlz-sales] azurerm_storage_account.lake destroyed: its block is no longer in the configuration (CSA-PLAN-002)',
    );
    expect(text.match(/^!!! ALLOWED by --allow-data-deletion: /gm)).toHaveLength(3);
    expect(text).not.toContain('ERROR CSA-PLAN-002');
    const markdown = planGateMarkdown(gate);
    expect(markdown).toContain('### Plan check: FAILED');
    expect(markdown).toContain('**Data deletion ALLOWED by `--allow-data-deletion`**: 3 data-bearing resources');
    expect(markdown).toContain('| dlz-sales | `azurerm_mssql_database.db` | replaced (destroyed and created again) |');
    expect(markdown).toContain('| error | CSA-PLAN-001 | dmlz | `azurerm_purview_account.catalog` |');
  });

  it('with the switch and only deletions: passes, and says what it allowed', () => {
    const gate = gatePlans(new Map([['dlz-sales', plans.get('dlz-sales')!]]), { allowDataDeletion: true });
    expect(gate.ok).toBe(true);
    expect(gate.allowed).toHaveLength(3);
    expect(planGateMarkdown(gate)).toMatch(/^### Plan check: passed \(`dlz-sales`\)/);
  });

  it('with the switch and no deletion: passes and records that it allowed nothing', () => {
    const clean = new Map([['dmlz', plan(at('azurerm_storage_account', 'lake', ['update']), at('azurerm_key_vault', 'v', ['forget']))]]);
    const gate = gatePlans(clean, { allowDataDeletion: true });
    expect(gate).toMatchObject({ ok: true, errors: [], allowed: [] });
    expect(formatPlanGate(gate)).toContain('--allow-data-deletion was given; no plan deletes or replaces a data-bearing resource, so it allowed nothing.');
  });
});

describe('CSA-PLAN-003 no secret in configuration, variables or outputs', () => {
  const configured = (expressions: Record<string, unknown>): TerraformPlan => ({
    configuration: { root_module: { resources: [{ address: 'azurerm_mssql_server.subject', type: 'azurerm_mssql_server', expressions }] } },
  });

  it.each([
    [
      'Noncompliance 1: a literal administrator password',
      configured({ administrator_login_password: { constant_value: 'P@ssw0rd!' } }),
      'azurerm_mssql_server.subject',
      'administrator_login_password is a literal credential',
    ],
    [
      'Noncompliance 2: a connection string with a key, inside a nested block',
      configured({ site_config: [{ app_settings: { constant_value: { DB: 'Server=x;Password=hunter22' } } }] }),
      'azurerm_mssql_server.subject',
      'holds a secret-looking value',
    ],
    [
      'Noncompliance 3: a SAS token in a variable',
      { variables: { url: { value: 'https://x.blob.core.windows.net/c?sv=2022&sig=abcdefghijklmnop%3D' } } },
      'var.url',
      'holds a secret-looking value',
    ],
    [
      'Noncompliance 4: a sensitive output',
      { output_changes: { key: { actions: ['create'], after: null, after_sensitive: true } } },
      'output.key',
      'is sensitive',
    ],
    [
      'Noncompliance 5: a private key in an output',
      { output_changes: { pem: { actions: ['create'], after: '-----BEGIN RSA PRIVATE KEY-----\nMII...' } } },
      'output.pem',
      'holds a secret-looking value',
    ],
    [
      'Noncompliance 6: a JWT in configuration',
      configured({ tags: { constant_value: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig' } } }),
      'azurerm_mssql_server.subject',
      'tags.token holds a secret-looking value',
    ],
  ])('%s', (_name, p, address, detail) => {
    expect(noSecretsInPlan.check(p as TerraformPlan)).toEqual(expect.arrayContaining([{ address, detail: expect.stringContaining(detail) }]));
  });

  it('Compliance: references, switches named after secrets, and computed secrets the provider keeps', () => {
    const p: TerraformPlan = {
      ...configured({
        administrator_login_password: { references: ['random_password.p.result', 'random_password.p'] },
        shared_access_key_enabled: { constant_value: false },
        azuread_administrator: [{ login_username: { constant_value: 'sql-admins' } }],
      }),
      resource_changes: [change('azurerm_storage_account', ['update'], { primary_connection_string: 'DefaultEndpointsProtocol=https;AccountKey=abc==' })],
      output_changes: {
        vnet_id: { actions: ['create'], after: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v', after_sensitive: false },
      },
    };
    expect(noSecretsInPlan.check(p)).toEqual([]);
  });
});

describe('checkPlans', () => {
  it('runs every plan rule on every stack and names rule, stack, address and detail', () => {
    const findings = checkPlans({
      dmlz: plan(change('azurerm_key_vault', ['delete'], null)),
      'dlz-a': plan(change('azurerm_storage_account', ['create'], { public_network_access_enabled: true })),
    });
    expect(findings.map((f) => `${f.ruleId} ${f.stack}/${f.address}: ${f.detail}`)).toEqual([
      'CSA-PLAN-002 dmlz/azurerm_key_vault.subject: destroyed',
      'CSA-PLAN-001 dlz-a/azurerm_storage_account.subject: public_network_access_enabled is planned as true',
    ]);
    expect(new Set(PLAN_RULES.map((r) => r.id)).size).toBe(PLAN_RULES.length);
  });
});

const PLAN_CLI = path.join(REPO, 'tools', 'offline-provider', 'plan.ts');
const CHECK_CLI = path.join(REPO, 'scripts', 'check-plan.ts');

/** Runs a command's TypeScript entry point with tsx, as `npm run` would, without blocking the test. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runTsx(args, { cwd: REPO, env });
}

/**
 * Runs terraform (~15 s per estate): skipped locally without it, failing under CI=true (tools/offline-provider/__tests__/prereqs.ts).
 *
 * The plans are independent of one another except that the adatum cases plan against the states
 * the applied adatum plan left: so relecloud and the applied adatum are planned side by side from
 * the start, and the four adatum cases side by side once it is applied, each in a workspace of its
 * own. Each test awaits the run of its own case and judges it as before; only the waiting overlaps.
 */
describeWhen(missingPrerequisites().length === 0 && haveSchemas(), missingPrerequisites, 'plan rules on the offline plans of the shipped estates', () => {
  let dir: string;
  const adatum = loadShippedEstate('adatum');
  const states = () => path.join(dir, 'adatum-states');
  let relecloudRun: Promise<PlanRun>;
  let appliedRun: Promise<PlanRun>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-plan-rules-'));
    relecloudRun = started(() => synthAndPlan('relecloud', path.join(REPO, 'estates', 'relecloud.yaml')));
    appliedRun = started(() => synthAndPlan('adatum', adatum, { applyAll: true, keepStatesDir: states() }));
  });
  afterAll(async () => {
    // Every case's terraform has finished (they are all awaited by their tests, or failed).
    await Promise.allSettled([relecloudRun, appliedRun, ...cases.values()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Work started now; its failure is kept for the test that awaits it (not an unhandled rejection meanwhile). */
  function started<T>(work: () => Promise<T>): Promise<T> {
    const promise = (async () => work())();
    promise.catch(() => {});
    return promise;
  }
  /** The adatum cases' runs by test, started once the applied plan's states are there. */
  const cases = new Map<string, Promise<unknown>>();
  const startCase = (name: string, work: () => Promise<unknown>) => void cases.set(name, started(work));
  const caseRun = <T>(name: string) => cases.get(name)! as Promise<T>;

  /** Synthesizes an estate (file or object) into its own project dir under the temp dir; returns the output dir. */
  const synthOnly = (name: string, estate: string | object, options: { allowDataLoss?: boolean } = {}) => {
    const outdir = path.join(dir, name, 'cdktf.out');
    mkdirSync(path.dirname(outdir), { recursive: true });
    const estatePath = typeof estate === 'string' ? estate : path.join(dir, `${name}.json`);
    if (typeof estate !== 'string') writeFileSync(estatePath, JSON.stringify(estate));
    // projectDir in the temp dir: the local backend's state paths stay inside it.
    synthesizeEstate({ estatePath, outdir, projectDir: path.join(dir, name), diagramOnWorkerThread: false, ...options });
    return outdir;
  };
  /** Synthesizes an estate and plans it offline. */
  const synthAndPlan = async (name: string, estate: string | object, options: PlanOptions = {}) =>
    planOutDir(synthOnly(name, estate), { concurrency: 2, ...options });
  /** Plans a copy of a synthesized output (the planner copies it to a workspace of its own: the copy's place does not matter), so the next synth may replace it meanwhile. */
  const planCopy = async (outdir: string, name: string, options: PlanOptions) => {
    const copy = path.join(dir, name, 'cdktf.out');
    cpSync(outdir, copy, { recursive: true });
    return planOutDir(copy, { concurrency: 2, ...options });
  };
  const expectCleanPlans = (run: PlanRun) => {
    expect(run.stacks.map((s) => [s.name, s.status, s.errors.map((e) => e.summary)])).toEqual(run.stacks.map((s) => [s.name, 'ok', []]));
    const plans = new Map(run.stacks.map((s) => [s.name, s.plan as TerraformPlan]));
    expect(checkPlans(plans)).toEqual([]);
    return plans;
  };
  const storageAccounts = (plans: Map<string, TerraformPlan>) =>
    [...plans.values()].flatMap((p) => p.resource_changes ?? []).filter((rc) => rc.type === 'azurerm_storage_account');

  it('estates/relecloud.yaml: every stack plans, and no plan rule finds anything', async () => {
    const plans = expectCleanPlans(await relecloudRun);
    // Not vacuous: the plans hold the storage accounts CSA-PLAN-001 looks at.
    expect(storageAccounts(plans).length).toBeGreaterThanOrEqual(8);
  }, 120_000);

  describe('estates/adatum.yaml, applied offline', () => {
    let applied: PlanRun;
    beforeAll(async () => {
      applied = await appliedRun;
      // The cases below, in the order they were written (the retirements synthesize one after the
      // other into the applied project, with its estate file and lock): each synthesizes first,
      // then plans a copy of its own output while the next one synthesizes.
      startCase('rename', renamedPlan);
      startCase('retired product', retiredProductPlan);
      startCase('retired zone', retiredZonePlan);
      startCase('removed product', removedProductPlan);
    }, 120_000);

    it('every stack plans, and no plan rule finds anything', () => {
      expect(storageAccounts(expectCleanPlans(applied)).length).toBeGreaterThanOrEqual(4);
    });

    const appliedSales = () => applied.stacks.find((s) => s.name === 'dlz-sales')!.plan as TerraformPlan;

    /*
     * What Terraform itself does with a declared rename (docs/renames.md): the renamed
     * output planned against the state the first apply left moves every resource of the
     * integration and neither destroys nor creates anything; CSA-PLAN-002 agrees.
     */
    function renamedPlan() {
      const renamed = structuredClone(adatum);
      Object.assign(renamed.landingZones[0].dataIntegrations[0], { name: 'sales-landing', renamedFrom: 'sales-ingest' });
      renamed.landingZones[0].dataProducts[0].inputs = ['sales-landing'];
      // dmlz is unchanged: only the zone is planned, against the states of both.
      return synthAndPlan('adatum-renamed', renamed, { priorStatesDir: states(), stacks: ['dlz-sales'] });
    }
    it('a declared rename of its integration (renamedFrom) plans as moves only: nothing destroyed, nothing created', async () => {
      const run = await caseRun<PlanRun>('rename');
      const plans = expectCleanPlans(run);
      const changes = (plans.get('dlz-sales')!.resource_changes ?? []) as unknown as {
        address: string;
        previous_address?: string;
        change: { actions: string[] };
      }[];
      const moved = changes.filter((c) => c.previous_address);
      expect(moved.length).toBeGreaterThan(3);
      expect(moved.every((c) => c.previous_address!.includes('_sales-ingest_') && c.address.includes('_sales-landing_'))).toBe(true);
      expect(moved.map((c) => c.address.split('.')[0])).toEqual(expect.arrayContaining(['azurerm_key_vault', 'azurerm_data_factory']));
      expect(changes.filter((c) => c.change.actions.some((a) => a === 'create' || a === 'delete')).map((c) => `${c.address}: ${c.change.actions}`)).toEqual([]);
      expect(run.stacks.map((s) => [s.name, s.toAdd, s.toDestroy, s.toMove])).toEqual([['dlz-sales', 0, 0, moved.length]]);
    }, 120_000);

    /*
     * The second net: the data product is dropped from the estate and synthesized with
     * allowDataLoss (--allow-data-loss: no `removed` blocks, docs/retirement.md), which takes
     * the prevent_destroy of its stores with their blocks. `npm run plan` against the applied
     * states fails naming each store; one kept by a hand-written `removed` block with
     * `destroy = false` is only forgotten and not reported. The kept plan then passes
     * `npm run check-plan` only with --allow-data-deletion, which lists what it allowed.
     */
    /*
     * Retirement (docs/retirement.md), down to Terraform: synthesized with the estate lock the
     * first synth wrote, removing the product retires it, and the plan against the applied
     * state forgets its data stores and resource group, destroys only what holds no data, and
     * passes the plan rules. Removing the zone then gives a teardown stack that does the same
     * for the whole zone.
     */
    type Change = { address: string; type: string; change: { actions: string[] } };
    const changesOf = (run: PlanRun) => (run.stacks[0]!.plan!.resource_changes ?? []) as unknown as Change[];
    const withAction = (changes: Change[], action: string) => changes.filter((c) => c.change.actions.includes(action));

    function retiredProductPlan() {
      const withoutProduct = structuredClone(adatum);
      withoutProduct.landingZones[0].dataProducts = [];
      // Same estate file and lock as the applied synth (synthOnly('adatum', ...)).
      return planCopy(synthOnly('adatum', withoutProduct), 'adatum-retired-product', { priorStatesDir: states(), stacks: ['dlz-sales'] });
    }
    it('a data product retired through the estate lock: its data stores are forgotten, never destroyed, and the plan passes the rules', async () => {
      const run = await caseRun<PlanRun>('retired product');
      const changes = changesOf(run);
      expect(run.stacks.map((s) => [s.name, s.status])).toEqual([['dlz-sales', 'ok']]);
      const forgotten = withAction(changes, 'forget');
      expect(forgotten.map((c) => c.type).sort()).toEqual([
        'azurerm_data_factory',
        'azurerm_key_vault',
        'azurerm_mssql_database',
        'azurerm_mssql_server',
        'azurerm_resource_group',
        'azurerm_storage_container',
      ]);
      expect(forgotten.every((c) => c.address.includes('sales-analytics'))).toBe(true);
      expect(withAction(changes, 'delete').filter((c) => DATA_BEARING_TYPES.has(c.type) || c.type === 'azurerm_resource_group')).toEqual([]);
      expect(withAction(changes, 'delete').length).toBeGreaterThan(3); // its identity, endpoints, grants...
      expect(withAction(changes, 'create')).toEqual([]);
      expect(checkPlans(new Map([['dlz-sales', run.stacks[0]!.plan as TerraformPlan]])).filter((f) => f.severity === 'error')).toEqual([]);
    }, 120_000);

    function retiredZonePlan() {
      const withoutZone = structuredClone(adatum);
      // Another zone with Databricks takes its place, so the management zone keeps the region's
      // Databricks web-auth workspace (a data store its lock records) and only dlz-sales retires.
      // Retiring the last Databricks zone would take that workspace out of dmlz as well, which
      // the data-loss guard refuses without --allow-data-loss (the dmlz is not being retired).
      withoutZone.landingZones = [{ name: 'marketing', subscriptionId: '10000000-0000-0000-0000-000000000003' }];
      // After the product's retirement, as written: the lock has recorded it.
      return planCopy(synthOnly('adatum', withoutZone), 'adatum-retired-zone', { priorStatesDir: states(), stacks: ['dlz-sales'] });
    }
    it('a landing zone retired through the estate lock: its teardown stack forgets every data store and destroys the rest', async () => {
      const run = await caseRun<PlanRun>('retired zone');
      const changes = changesOf(run);
      expect(run.stacks.map((s) => [s.name, s.status])).toEqual([['dlz-sales', 'ok']]);
      const forgotten = withAction(changes, 'forget').map((c) => c.type);
      expect(forgotten).toEqual(
        expect.arrayContaining(['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_key_vault', 'azurerm_mssql_server', 'azurerm_resource_group']),
      );
      expect(withAction(changes, 'delete').filter((c) => DATA_BEARING_TYPES.has(c.type))).toEqual([]);
      expect(withAction(changes, 'delete').map((c) => c.type)).toEqual(expect.arrayContaining(['azurerm_virtual_network', 'azurerm_virtual_network_peering']));
      // Every resource of the applied zone is either forgotten or destroyed: nothing is left behind in the state.
      const applied = (appliedSales().resource_changes ?? []).filter((rc) => rc.mode === 'managed').length;
      expect(withAction(changes, 'forget').length + withAction(changes, 'delete').length).toBe(applied);
      expect(checkPlans(new Map([['dlz-sales', run.stacks[0]!.plan as TerraformPlan]])).filter((f) => f.severity === 'error')).toEqual([]);
    }, 120_000);

    async function removedProductPlan() {
      const withoutProduct = structuredClone(adatum);
      withoutProduct.landingZones[0].dataProducts = [];
      const outdir = synthOnly('adatum-no-product', withoutProduct, { allowDataLoss: true });
      const stackFile = path.join(outdir, 'stacks', 'dlz-sales', 'cdk.tf.json');
      const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as { resource: Record<string, Record<string, unknown>>; removed?: unknown[] };
      const before = (applied.stacks.find((s) => s.name === 'dlz-sales')!.plan!.resource_changes ?? []).filter(
        (rc) => rc.mode === 'managed' && DATA_BEARING_TYPES.has(rc.type),
      );
      const gone = before.filter((rc) => !stack.resource[rc.type]?.[rc.address.slice(rc.type.length + 1)]).map((rc) => rc.address);
      const forgotten = gone.find((a) => a.startsWith('azurerm_storage_container.'))!;
      const deleted = gone.filter((a) => a !== forgotten);
      stack.removed = [{ from: forgotten, lifecycle: [{ destroy: false }] }];
      writeFileSync(stackFile, JSON.stringify(stack, null, 2));

      const keep = path.join(dir, 'adatum-no-product-plans');
      const plan = await run([PLAN_CLI, '--out', outdir, '--prior-states', states(), '--stacks', 'dlz-sales', '--keep', keep, '--quiet']);
      const summary = path.join(dir, 'step-summary.md');
      // Both checks only read the kept plan: side by side.
      const [check, refused] = await Promise.all([
        run([CHECK_CLI, '--allow-data-deletion', path.join(keep, 'dlz-sales.plan.json')], { GITHUB_STEP_SUMMARY: summary }),
        run([CHECK_CLI, path.join(keep, 'dlz-sales.plan.json')]),
      ]);
      return { gone, forgotten, deleted, keep, plan, summary, check, refused };
    }
    it('a data product removed from the estate: npm run plan fails naming every data store it deletes, but not one a removed block forgets', async () => {
      const { gone, forgotten, deleted, keep, plan, summary, check, refused } =
        await caseRun<Awaited<ReturnType<typeof removedProductPlan>>>('removed product');
      expect(gone.map((a) => a.split('.')[0]).sort()).toEqual([
        'azurerm_data_factory',
        'azurerm_key_vault',
        'azurerm_mssql_database',
        'azurerm_mssql_server',
        'azurerm_storage_container',
      ]);
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(1);
      // Terraform itself plans it without complaint: the prevent_destroy went with the blocks.
      expect(plan.stdout).toMatch(/^dlz-sales\s+ok\s/m);
      expect(plan.stdout).toMatch(/^total\s+FAILED\s/m);
      for (const address of deleted)
        expect(plan.stdout).toMatch(
          new RegExp(`^  ERROR CSA-PLAN-002 \\[dlz-sales\\] ${address.replace(/\./g, '\\.')}: destroyed: its block is no longer in the configuration$`, 'm'),
        );
      expect(plan.stdout).toContain(`Fix: ${noDataDeletion.fix}`);
      expect(plan.stdout.match(/ERROR CSA-PLAN-/g)).toHaveLength(deleted.length); // nothing else
      // Terraform warns that it will no longer manage the forgotten container; the plan rules do not report it.
      expect(plan.stdout.slice(0, plan.stdout.indexOf('\nPlan rules'))).toContain(forgotten);
      expect(plan.stdout.slice(plan.stdout.indexOf('\nPlan rules'))).not.toContain(forgotten);
      expect(plan.stdout).toContain(`FAILED: ${deleted.length} plan rule errors`);
      const kept = JSON.parse(readFileSync(path.join(keep, 'dlz-sales.plan.json'), 'utf8')) as {
        resource_changes: { address: string; change: { actions: string[] } }[];
      };
      expect(kept.resource_changes.find((rc) => rc.address === forgotten)!.change.actions).toEqual(['forget']);

      expect([check.code, check.stderr]).toEqual([0, '']);
      expect(check.stdout.match(/^!!! ALLOWED by --allow-data-deletion: \[dlz-sales\] /gm)).toHaveLength(deleted.length);
      for (const address of deleted) expect(readFileSync(summary, 'utf8')).toContain(`| dlz-sales | \`${address}\` | destroyed`);
      expect(refused.code).toBe(1);
    }, 120_000);
  });
});
