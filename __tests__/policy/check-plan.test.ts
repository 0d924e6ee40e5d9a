import { runTsx } from '../helpers/command';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { checkPlanCommand, stackOfFile } from '../../scripts/check-plan';
import { REPO } from '../helpers/synth';

/**
 * `npm run check-plan` (scripts/check-plan.ts), spawned as CI runs it on
 * `terraform show -json tfplan > plan.json`: exit 0 clean, 1 findings, 2 usage or input.
 * The plans are hand-written in the shape Terraform 1.11 writes (the real thing:
 * __tests__/policy/plan-rules.test.ts, "a data product removed from the estate").
 */

const CLI = path.join(REPO, 'scripts', 'check-plan.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return runTsx([CLI, ...args], { cwd: dir, env });
}

const rc = (address: string, actions: string[], extra: object = {}) => {
  const type = address.split('.')[0]!;
  const gone = actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
  return {
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    change: { actions, before: {}, after: gone ? null : { public_network_access_enabled: false }, after_unknown: {} },
    ...extra,
  };
};
/** A plan as `terraform show -json` writes it (format 1.2, Terraform 1.11). */
const planJson = (...changes: object[]) =>
  JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: { root_module: {} },
  });

const LAKE = 'azurerm_storage_account.lake';
let dir: string;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'csa-check-plan-'));
  file(
    'clean.json',
    planJson(
      rc(LAKE, ['update']),
      rc('azurerm_storage_container.kept', ['forget'], { action_reason: 'delete_because_no_resource_config' }),
      rc('azurerm_role_assignment.gone', ['delete']),
    ),
  );
  file(
    'dlz-sales.plan.json',
    planJson(
      rc(LAKE, ['delete'], { action_reason: 'delete_because_no_resource_config' }),
      rc('azurerm_key_vault.vault', ['create', 'delete'], { action_reason: 'replace_because_cannot_update' }),
    ),
  );
  file(
    'public.json',
    planJson(rc('azurerm_mssql_database.db', ['delete']), {
      ...rc('azurerm_storage_account.open', ['create']),
      change: { actions: ['create'], after: { public_network_access_enabled: true }, after_unknown: {} },
    }),
  );
  file('broken.json', '{"format_version": "1.2", "planned_values": ');
  file('state.json', JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: {} } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run check-plan (spawned)', () => {
  // One batch of processes side by side: each is a tsx start (~0.7 s).
  let results: Record<string, Result>;
  const summary = () => path.join(dir, 'summary.md');
  beforeAll(async () => {
    const cases: Record<string, [string[], NodeJS.ProcessEnv?]> = {
      clean: [['--stack', 'dmlz', 'clean.json']],
      deletes: [['dlz-sales.plan.json']],
      allowed: [['--allow-data-deletion', 'dlz-sales.plan.json'], { GITHUB_STEP_SUMMARY: summary() }],
      unknownFlag: [['--allow-data-loss', 'clean.json']],
      badInput: [['clean.json', 'broken.json', 'missing.json', 'state.json']],
    };
    const entries = await Promise.all(Object.entries(cases).map(async ([name, [args, env]]) => [name, await run(args, env)] as const));
    results = Object.fromEntries(entries);
  }, 60_000);

  it('exit 0 for a plan that deletes no data: forgets, updates and deletions of what holds no data pass', () => {
    expect(results.clean).toEqual({ code: 0, stdout: 'Plan rules (docs/policy-rules.md) on 1 stack plan: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('exit 1 for a deletion and a replacement, naming the stack (from <stack>.plan.json), the address, what happens and the fix', () => {
    const { code, stdout, stderr } = results.deletes!;
    expect([code, stderr]).toEqual([1, '']);
    expect(stdout).toContain(`  ERROR CSA-PLAN-002 [dlz-sales] ${LAKE}: destroyed: its block is no longer in the configuration\n`);
    expect(stdout).toContain(
      '  ERROR CSA-PLAN-002 [dlz-sales] azurerm_key_vault.vault: replaced (destroyed and created again): an argument that forces a new resource changed\n',
    );
    expect(stdout).toMatch(/^ {6}Fix: keep construct ids stable/m);
    expect(stdout).not.toContain('ALLOWED');
  });

  it('--allow-data-deletion: exit 0, each deletion printed as ALLOWED and written to the step summary', () => {
    const { code, stdout, stderr } = results.allowed!;
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(
      `!!! ALLOWED by --allow-data-deletion: [dlz-sales] ${LAKE} destroyed: its block is no longer in the configuration (CSA-PLAN-002)\n`,
    );
    expect(stdout).toContain('!!! ALLOWED by --allow-data-deletion: [dlz-sales] azurerm_key_vault.vault replaced');
    expect(stdout).not.toContain('ERROR');
    const markdown = readFileSync(summary(), 'utf8');
    expect(markdown).toContain('### Plan check: passed (`dlz-sales`)');
    expect(markdown).toContain('**Data deletion ALLOWED by `--allow-data-deletion`**: 2 data-bearing resources will be deleted or replaced.');
    expect(markdown).toContain(`| dlz-sales | \`${LAKE}\` | destroyed: its block is no longer in the configuration |`);
  });

  it('exit 2 for an unknown option, naming it, with the usage', () => {
    const { code, stdout, stderr } = results.unknownFlag!;
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^check-plan: unknown option --allow-data-loss\n\nusage: npm run check-plan -- \[--allow-data-deletion\]/);
  });

  it('exit 2 for files it cannot check, naming each and why, and checks none of them', () => {
    const { code, stdout, stderr } = results.badInput!;
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('check-plan: cannot check:\n');
    expect(stderr).toMatch(/^ {2}broken\.json: not valid JSON \(/m);
    expect(stderr).toContain('  missing.json: cannot read it (ENOENT)');
    expect(stderr).toContain('  state.json: not a plan: expected the output of `terraform show -json <planfile>`');
    expect(stderr).not.toContain('clean.json');
  });
});

describe('check-plan arguments (in process)', () => {
  const call = (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = checkPlanCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
    return { code, stdout, stderr };
  };
  const inDir = (name: string) => path.join(dir, name);

  it.each([
    [[], 'check-plan: no plan file given'],
    [['--stack', 'a', 'clean.json', 'public.json'], 'check-plan: --stack names the stack of one plan file, but 2 were given'],
    [['--stack'], 'check-plan: option --stack: needs a value (the stack name)'],
    [['--stack', '--allow-data-deletion', 'clean.json'], 'check-plan: option --stack: needs a value (the stack name)'],
    [['--allow-data-deletion=yes', 'clean.json'], 'check-plan: option --allow-data-deletion: takes no value'],
    [['-x', 'clean.json'], 'check-plan: unknown option -x'],
  ])('%j: exit 2, %s', (args, message) => {
    const { code, stdout, stderr } = call(args.map((a) => (a.endsWith('.json') ? inDir(a) : a)));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')[0]).toBe(message);
  });

  it('--allow-data-deletion does not let other error rules through', () => {
    const { code, stdout } = call(['--allow-data-deletion', '--stack', 'dmlz', inDir('public.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain('!!! ALLOWED by --allow-data-deletion: [dmlz] azurerm_mssql_database.db destroyed (CSA-PLAN-002)');
    expect(stdout).toContain('  ERROR CSA-PLAN-001 [dmlz] azurerm_storage_account.open: public_network_access_enabled is planned as true');
  });

  it('--help prints the usage, exit 0', () => {
    const { code, stdout } = call(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run check-plan -- \[--allow-data-deletion\] \[--stack NAME\] PLAN\.json\.\.\./);
    expect(stdout).toContain('Exit status: 0 no error finding, 1 error findings, 2 bad arguments');
  });

  it('refuses two plans for one stack', () => {
    const copy = path.join(dir, 'copy');
    mkdirSync(copy, { recursive: true });
    writeFileSync(path.join(copy, 'dlz-sales.plan.json'), readFileSync(inDir('dlz-sales.plan.json')));
    const { code, stderr } = call([inDir('dlz-sales.plan.json'), path.join(copy, 'dlz-sales.plan.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${path.join(copy, 'dlz-sales.plan.json')}: a second plan for stack dlz-sales`);
  });

  it('names a stack after <stack>.plan.json, else after the path', () => {
    expect(stackOfFile('plans/dlz-sales.plan.json')).toBe('dlz-sales');
    expect(stackOfFile('cdktf.out/stacks/dmlz/plan.json')).toBe('cdktf.out/stacks/dmlz/plan.json');
  });
});
