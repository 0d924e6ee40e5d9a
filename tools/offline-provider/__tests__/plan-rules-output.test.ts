// What `npm run plan` does with the plan rules, without terraform: the switch, the gate over
// the stacks that have a plan, and the table. The run against real plans (a data product
// removed from adatum, planned against its applied states) is in
// __tests__/policy/plan-rules.test.ts.
import { formatTable, gateRun, parseArgs } from '../plan';
import { PlanRun, StackResult } from '../plan-runner';

const stack = (name: string, extra: Partial<StackResult> = {}): StackResult => ({
  name,
  status: 'ok',
  toAdd: 0,
  toChange: 0,
  toDestroy: 0,
  toMove: 0,
  errors: [],
  warnings: [],
  notes: [],
  seconds: 1,
  phaseSeconds: {},
  ...extra,
});

const lakeDeleted = { address: 'azurerm_storage_account.lake', mode: 'managed', type: 'azurerm_storage_account', change: { actions: ['delete'], after: null } };
const lakeForgotten = { ...lakeDeleted, address: 'azurerm_storage_account.old', change: { actions: ['forget'], after: null } };

const run = (): PlanRun => ({
  ok: true,
  mode: 'offline',
  terraformVersion: '1.11.4',
  providers: [],
  seconds: 2,
  stacks: [stack('dmlz', { toDestroy: 1, plan: { resource_changes: [lakeDeleted, lakeForgotten] } }), stack('dlz-a', { plan: { resource_changes: [] } })],
});

describe('npm run plan and the plan rules', () => {
  it('takes --allow-data-deletion (off unless given) next to the other options', () => {
    expect(parseArgs(['--out', 'o', '--allow-data-deletion', '--stacks', 'dmlz'])).toMatchObject({
      outDir: 'o',
      allowDataDeletion: true,
      opts: { stacks: ['dmlz'] },
    });
    expect(parseArgs(['--out', 'o']).allowDataDeletion).toBe(false);
    expect(() => parseArgs(['--allow-data-los'])).toThrow('unknown argument --allow-data-los');
  });

  it('runs the rules on every stack that has a plan: a deleted lake fails, a forgotten one does not, and stacks without a plan are skipped', () => {
    const r = run();
    r.stacks.push(stack('dlz-b', { status: 'failed' })); // failed before its plan: already an error of the run
    const gate = gateRun(r);
    expect(gate.stacks).toEqual(['dmlz', 'dlz-a']);
    expect(gate.errors.map((f) => `${f.ruleId} ${f.stack} ${f.address} ${f.detail}`)).toEqual(['CSA-PLAN-002 dmlz azurerm_storage_account.lake destroyed']);
    expect(gateRun(r, { allowDataDeletion: true })).toMatchObject({
      ok: true,
      errors: [],
      allowed: [expect.objectContaining({ address: 'azurerm_storage_account.lake' })],
    });
  });

  it('counts plan rule errors per stack in the table, and the total fails although every terraform step was ok', () => {
    const r = run();
    const table = formatTable(r, gateRun(r)).split('\n');
    expect(table[0]).toMatch(/^stack\s+status\s+add\s+change\s+destroy\s+move\s+errors\s+warnings\s+rules\s+seconds$/);
    expect(table[2]).toMatch(/^dmlz\s+ok\s+0\s+0\s+1\s+0\s+0\s+0\s+1\s+1\.0$/);
    expect(table[3]).toMatch(/^dlz-a\s+ok(\s+0){7}\s+1\.0$/);
    expect(table[5]).toMatch(/^total\s+FAILED\s+0\s+0\s+1\s+0\s+0\s+0\s+1\s+2\.0$/);
    // allowed: nothing left to count, the total is ok
    expect(formatTable(r, gateRun(r, { allowDataDeletion: true })).split('\n')[5]).toMatch(/^total\s+ok\s+0\s+0\s+1\s+0\s+0\s+0\s+0\s+2\.0$/);
    // without the rules' result (programmatic use), the table is as before
    expect(formatTable(r).split('\n')[0]).not.toContain('rules');
  });
});
