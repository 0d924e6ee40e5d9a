// Planning a new synth output against the states an earlier output left behind
// (applyAll + keepStatesDir, then priorStatesDir): proves that a `moved` block carries
// a resource over to its new address instead of deleting and re-creating it.
// Spawns terraform: one small stack, three runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../manifest';
import { planOutDir, PlanRun } from '../plan';
import { copyPriorStates, createWorkspace } from '../workspace';
import { describeWhen, missingPrerequisites, SCHEMAS_DIR, suiteTempDir } from './prereqs';

type Changes = NonNullable<NonNullable<PlanRun['stacks'][number]['plan']>['resource_changes']>;
type Change = Changes[number];

const STACK = 'rg';

/** A cdktf output dir with one stack holding one resource group at `azurerm_resource_group.<name>`. */
function writeOutput(
  dir: string,
  name: string,
  extra: Record<string, unknown> = {},
  backend: object = { local: { path: `../../../terraform-state/${STACK}.tfstate` } },
): string {
  const out = join(dir, 'cdktf-output');
  mkdirSync(join(out, 'stacks', STACK), { recursive: true });
  const doc = {
    '//': { metadata: { backend: 'local', stackName: STACK, version: '0.21.0' }, outputs: {} },
    terraform: { required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } }, backend },
    provider: { azurerm: [{ features: [{}], subscription_id: '00000000-0000-0000-0000-000000000001' }] },
    resource: {
      azurerm_resource_group: {
        [name]: { '//': { metadata: { path: `${STACK}/${name}`, uniqueId: name } }, name: 'rg-moved-test', location: 'westeurope', tags: { owner: 'data' } },
      },
    },
    ...extra,
  };
  writeFileSync(join(out, 'stacks', STACK, 'cdk.tf.json'), JSON.stringify(doc, null, 2));
  writeFileSync(
    join(out, 'manifest.json'),
    JSON.stringify({
      version: '0.21.0',
      stacks: { [STACK]: { name: STACK, workingDirectory: `stacks/${STACK}`, synthesizedStackPath: `stacks/${STACK}/cdk.tf.json`, dependencies: [] } },
    }),
  );
  return out;
}

const changesOf = (run: PlanRun): Change[] => (run.stacks[0]!.plan?.resource_changes ?? []) as Change[];
const counts = (run: PlanRun) => ({ add: run.stacks[0]!.toAdd, change: run.stacks[0]!.toChange, destroy: run.stacks[0]!.toDestroy });
const timing = (label: string, run: PlanRun) => `${label}: ${run.seconds.toFixed(1)} s (${JSON.stringify(run.stacks[0]!.phaseSeconds)})`;

describe('prior states in the workspace (no terraform)', () => {
  const tmp = suiteTempDir('offline-prior-ws-');

  it('lands prior states where the rewritten backends read them, and refuses stacks whose state lives elsewhere', () => {
    const prior = join(tmp(), 'prior');
    mkdirSync(join(prior, 'nested'), { recursive: true });
    writeFileSync(join(prior, `${STACK}.tfstate`), '{"version":4}');
    writeFileSync(join(prior, 'nested', 'x.tfstate'), '{}');
    writeFileSync(join(prior, 'notes.txt'), 'not a state');

    // default synth layout
    const local = writeOutput(join(tmp(), 'local'), 'old');
    const ws1 = createWorkspace(local, mkdirP(join(tmp(), 'root1')), readManifest(local), 'offline');
    copyPriorStates(ws1, prior);
    const sw1 = ws1.stacks.get(STACK)!;
    expect(sw1.stateFile).toBe(join(ws1.stateDir, `${STACK}.tfstate`));
    expect(readFileSync(sw1.stateFile!, 'utf8')).toBe('{"version":4}');
    expect(existsSync(join(ws1.stateDir, 'nested', 'x.tfstate'))).toBe(true); // same relative layout
    expect(existsSync(join(ws1.stateDir, 'notes.txt'))).toBe(false);
    expect(sw1.notes).toEqual([expect.stringMatching(/^planned against the prior state rg\.tfstate from /)]);
    expect(sw1.errors).toEqual([]);

    // an azurerm backend becomes <stateDir>/<stack>.tfstate; so does an absolute local path
    for (const [i, backend] of [{ azurerm: { key: 'rg.tfstate' } }, { local: { path: '/var/lib/elsewhere/rg.tfstate' } }].entries()) {
      const out = writeOutput(join(tmp(), `b${i}`), 'old', {}, backend);
      const ws = createWorkspace(out, mkdirP(join(tmp(), `root-b${i}`)), readManifest(out), 'offline');
      copyPriorStates(ws, prior);
      expect(ws.stacks.get(STACK)!.stateFile).toBe(join(ws.stateDir, `${STACK}.tfstate`));
      expect(ws.stacks.get(STACK)!.errors).toEqual([]);
    }

    // a local state inside the copy but outside terraform-state/ cannot receive a prior state
    const odd = writeOutput(join(tmp(), 'odd'), 'old', {}, { local: { path: 'own.tfstate' } });
    const ws2 = createWorkspace(odd, mkdirP(join(tmp(), 'root2')), readManifest(odd), 'offline');
    copyPriorStates(ws2, prior);
    expect(ws2.stacks.get(STACK)!.errors).toEqual([
      expect.stringMatching(/keeps its state at cdktf-output\/stacks\/rg\/own\.tfstate, outside terraform-state\//),
    ]);

    expect(() => copyPriorStates(ws2, join(tmp(), 'missing'))).toThrow(/is not a directory/);
  });
});

describeWhen(missingPrerequisites().length === 0, missingPrerequisites, 'planning against prior states', () => {
  const tmp = suiteTempDir('offline-prior-plan-');
  const opts = () => ({ schemasDir: SCHEMAS_DIR, cacheDir: join(tmp(), 'cache') });

  it('a moved block carries the resource over; without it the resource is destroyed and re-created', async () => {
    const states = join(tmp(), 'states');
    const v1 = writeOutput(join(tmp(), 'v1'), 'old');
    const first = await planOutDir(v1, { ...opts(), applyAll: true, keepStatesDir: states });
    console.log(timing('v1 plan + apply', first));
    expect(first.stacks.map((s) => [s.name, s.status, s.toAdd, s.errors])).toEqual([[STACK, 'ok', 1, []]]);
    expect(first.stacks[0]!.phaseSeconds.apply).toBeGreaterThan(0); // applied although nothing depends on it
    const kept = JSON.parse(readFileSync(join(states, `${STACK}.tfstate`), 'utf8')) as {
      resources: { type: string; name: string; instances: { attributes: { id: string } }[] }[];
    };
    expect(kept.resources.map((r) => `${r.type}.${r.name}`)).toEqual(['azurerm_resource_group.old']);
    const oldId = kept.resources[0]!.instances[0]!.attributes.id;
    const priorBefore = readFileSync(join(states, `${STACK}.tfstate`), 'utf8');

    const moved = { moved: [{ from: 'azurerm_resource_group.old', to: 'azurerm_resource_group.new' }] };
    const v2 = writeOutput(join(tmp(), 'v2'), 'new', moved);
    const v2bare = writeOutput(join(tmp(), 'v2-bare'), 'new');
    const [withMoved, without] = await Promise.all([
      planOutDir(v2, { ...opts(), priorStatesDir: states, concurrency: 1 }),
      planOutDir(v2bare, { ...opts(), priorStatesDir: states, concurrency: 1 }),
    ]);
    console.log(timing('v2 with moved', withMoved));
    console.log(timing('v2 without moved', without));

    expect(withMoved.ok).toBe(true);
    expect(withMoved.stacks[0]!.notes).toEqual([expect.stringMatching(/^planned against the prior state rg\.tfstate/)]);
    const rcs = changesOf(withMoved);
    expect(rcs.map((r) => r.address)).toEqual(['azurerm_resource_group.new']);
    const rg = rcs[0]!;
    expect(rg.previous_address).toBe('azurerm_resource_group.old');
    expect(rg.change.actions).not.toContain('create');
    expect(rg.change.actions).not.toContain('delete');
    expect(['no-op', 'update']).toContain(rg.change.actions[0]);
    expect((rg.change.after as { id: string }).id).toBe(oldId);
    expect(counts(withMoved)).toMatchObject({ add: 0, destroy: 0 });

    expect(without.ok).toBe(true);
    const byAddress = Object.fromEntries(changesOf(without).map((r) => [r.address, r.change.actions]));
    expect(byAddress).toEqual({ 'azurerm_resource_group.old': ['delete'], 'azurerm_resource_group.new': ['create'] });
    expect(counts(without)).toEqual({ add: 1, change: 0, destroy: 1 });

    // the prior states dir is only read
    expect(readFileSync(join(states, `${STACK}.tfstate`), 'utf8')).toBe(priorBefore);
  }, 240_000); // three terraform runs of a small fixture: seconds on an idle machine, minutes on a loaded one

  it('refuses priorStatesDir and applyAll with real providers, and a missing prior states dir', async () => {
    await expect(planOutDir(join(tmp(), 'none'), { ...opts(), real: true, applyAll: true })).rejects.toThrow(/offline only/);
    await expect(planOutDir(join(tmp(), 'none'), { ...opts(), real: true, priorStatesDir: tmp() })).rejects.toThrow(/offline only/);
    await expect(planOutDir(join(tmp(), 'none'), { ...opts(), priorStatesDir: join(tmp(), 'missing') })).rejects.toThrow(/prior states: .* is not a directory/);
  });
});

function mkdirP(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
