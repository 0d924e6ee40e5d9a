import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readEstateLock } from '../lib/estate/lock/estate-lock';
import { synthesizeEstate, SynthOptions } from '../lib/synth/synthesize';
import { generatedEstate, StackJson, synth, SynthesizedEstate } from './helpers/synth';
import { runSynthInProcess } from './helpers/command';
import { legacyPeeringsRelecloud } from './helpers/legacy-peerings';
import { formatProviderBudgetWarning, stacksOverProviderBudget } from '../lib/synth/summary';

/**
 * Topology peering at scale (docs/topology.md): each landing zone's stack creates its own side
 * of its peerings and the hub's side; the other side of a peering between two landing zones is
 * the earlier zone's peering stack's (`peerings-<zone>`, one provider). No stack carries more
 * than 3 azurerm provider configurations, whatever the number of zones.
 */

const ZONES = 40;

/** A generated estate whose products also read across zones (the later zone holds the grant, lib/estate/input-plan.ts). */
function meshEstate(count: number, topology: 'peering' | 'avnm' = 'peering') {
  const estate = generatedEstate(count);
  estate.network = { topology };
  estate.landingZones.forEach((zone: any, i: number) => {
    if (i > 0) zone.dataProducts[0].inputs.push(`lz${i}/ingest`);
    if (i > 1) zone.dataProducts[0].inputs.push('lz1/report');
  });
  return estate;
}

const azurermConfigurations = (stack: StackJson) => (stack.provider?.azurerm ?? []).length;
const peerings = (stack: StackJson) => Object.values(stack.resource?.azurerm_virtual_network_peering ?? {}) as Record<string, any>[];
const vnetId = (zone: number) =>
  `/subscriptions/00000000-0000-0000-0001-${String(zone).padStart(12, '0')}/resourceGroups/rg-gen-dev-lz${zone}-network/providers/Microsoft.Network/virtualNetworks/vnet-gen-dev-lz${zone}`;

describe(`a generated estate of ${ZONES} landing zones, topology peering`, () => {
  let out: SynthesizedEstate;
  beforeAll(() => {
    out = synth(meshEstate(ZONES));
  });

  it('has a landing zone stack and a peering stack per zone, and no stack carries more than 3 azurerm provider configurations', () => {
    const names = Object.keys(out.stacks);
    expect(names).toHaveLength(1 + 2 * ZONES);
    for (let i = 1; i <= ZONES; i++) expect(names).toEqual(expect.arrayContaining([`dlz-lz${i}`, `peerings-lz${i}`]));
    const counts = Object.fromEntries(names.map((name) => [name, azurermConfigurations(out.stacks[name]!)]));
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(3);
    // Not vacuous: the last zone peers with 39 earlier zones in other subscriptions, and reads two of them.
    expect(counts[`dlz-lz${ZONES}`]).toBe(2);
    expect(counts['peerings-lz1']).toBe(1);
    expect(peerings(out.stacks[`dlz-lz${ZONES}`]!)).toHaveLength(2 + (ZONES - 1));
    expect(peerings(out.stacks['peerings-lz1']!)).toHaveLength(ZONES - 1);
  });

  it('creates every peering in both directions, each side in a stack whose provider is the side network subscription', () => {
    for (let j = 2; j <= ZONES; j++) {
      for (let i = 1; i < j; i++) {
        // Zone j's side, in dlz-lz<j>, towards zone i's network (named by the estate: no state of zone i read).
        const own = peerings(out.stacks[`dlz-lz${j}`]!).find((p) => p.name === `peer-lz${i}`);
        expect(own).toMatchObject({ provider: 'azurerm', remote_virtual_network_id: vnetId(i) });
        // Zone i's side, in peerings-lz<i>, towards zone j's network (named by the estate).
        const far = peerings(out.stacks[`peerings-lz${i}`]!).find((p) => p.name === `peer-lz${j}`);
        expect(far).toMatchObject({ provider: 'azurerm', virtual_network_name: `vnet-gen-dev-lz${i}`, remote_virtual_network_id: vnetId(j) });
      }
    }
    for (let i = 1; i <= ZONES; i++) {
      const subscription = `00000000-0000-0000-0001-${String(i).padStart(12, '0')}`;
      expect(out.stacks[`peerings-lz${i}`]!.provider!.azurerm).toEqual([expect.objectContaining({ subscription_id: subscription })]);
      // The hub: both sides in the zone's stack, the hub's through the management zone's provider.
      const hubSides = peerings(out.stacks[`dlz-lz${i}`]!).filter((p) => p.name === 'peer-dmlz' || p.name === `peer-lz${i}`);
      expect(hubSides.map((p) => p.provider).sort()).toEqual(['azurerm', 'azurerm.dmlz']);
    }
  });

  it('reads no earlier zone state for peering: only the management zone and the producers of its inputs', () => {
    const reads = (name: string) => Object.keys(out.stacks[name]!.data?.terraform_remote_state ?? {}).sort();
    expect(reads(`dlz-lz${ZONES}`)).toEqual(['remote-state-dlz-lz1', `remote-state-dlz-lz${ZONES - 1}`, 'remote-state-dmlz']);
    for (let i = 1; i <= ZONES; i++) expect(reads(`peerings-lz${i}`)).toEqual([]);
  });

  it('never makes a stack depend on a later zone; peering stacks deploy after every landing zone', () => {
    for (let j = 1; j <= ZONES; j++) {
      const deps = out.manifest.stacks[`dlz-lz${j}`]!.dependencies;
      for (const dep of deps) expect(dep === 'dmlz' || Number(dep.replace('dlz-lz', '')) < j).toBe(true);
      expect(out.manifest.stacks[`peerings-lz${j}`]!.dependencies).toEqual([`dlz-lz${ZONES}`]);
    }
  });

  it('grants across zones through the stack own provider (role assignments are addressed by their scope)', () => {
    const grants = Object.values(out.stacks[`dlz-lz${ZONES}`]!.resource!.azurerm_role_assignment ?? {}) as Record<string, any>[];
    const crossZone = grants.filter((g) => String(g.scope).includes('remote-state-dlz-lz1'));
    expect(crossZone.length).toBeGreaterThan(0);
    for (const grant of crossZone) {
      expect(grant.provider).toBeUndefined();
      expect(grant.role_definition_id).toMatch(/^\/subscriptions\/00000000-0000-0000-0001-000000000001\/providers\/Microsoft.Authorization\/roleDefinitions\//);
    }
  });
});

/**
 * Appending is about what the new zone touches, not about scale: 12 zones (two-digit names, cross-zone
 * reads, peerings with 11 earlier zones) and a 13th; the bound above keeps its 40 zones.
 */
describe('appending a zone to a generated estate, topology peering', () => {
  const BEFORE = 12;

  it('leaves every landing zone stack (and dmlz) byte-identical; only peering stacks gain the new peering', () => {
    const out = synth(meshEstate(BEFORE));
    const appended = synth(meshEstate(BEFORE + 1));
    expect(Object.keys(out.text).filter((n) => !n.startsWith('peerings-'))).toHaveLength(1 + BEFORE);
    for (const name of Object.keys(out.text).filter((n) => !n.startsWith('peerings-'))) expect(appended.text[name]).toBe(out.text[name]);
    for (let i = 1; i <= BEFORE; i++) {
      const before = peerings(out.stacks[`peerings-lz${i}`]!).map((p) => p.name);
      expect(
        peerings(appended.stacks[`peerings-lz${i}`]!)
          .map((p) => p.name)
          .sort(),
      ).toEqual([...before, `peer-lz${BEFORE + 1}`].sort());
    }
    expect(Object.keys(appended.stacks)).toEqual(expect.arrayContaining([`dlz-lz${BEFORE + 1}`, `peerings-lz${BEFORE + 1}`]));
  });
});

describe('topology avnm', () => {
  it('has no peering stacks, and a landing zone stack needs only its own and the management zone providers', () => {
    const out = synth(meshEstate(6, 'avnm'));
    expect(Object.keys(out.stacks).filter((n) => n.startsWith('peerings-'))).toEqual([]);
    for (let i = 1; i <= 6; i++) expect(azurermConfigurations(out.stacks[`dlz-lz${i}`]!)).toBe(2);
  });
});

/**
 * A lock written before peering stacks: its landing zone stacks hold both sides of their
 * peerings with earlier zones. The sides move, without being destroyed, until --peerings-moved.
 */
describe('moving the peerings of an estate deployed before peering stacks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-peering-move-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const legacyRelecloud = () => legacyPeeringsRelecloud(dir);
  const run = (estatePath: string, options: Partial<SynthOptions> = {}) => {
    const result = synthesizeEstate({ estatePath, outdir: path.join(dir, 'cdktf.out'), projectDir: dir, diagramOnWorkerThread: false, ...options });
    const stack = (name: string): Record<string, any> => JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
    return { result, stack };
  };
  const farSide = 'azurerm_virtual_network_peering.landing-zone_peerings_operations_from-remote_EEB9683E';

  it('forgets the far side in the later zone stack (keeping its provider) and imports it into the earlier zone peering stack', () => {
    const { result, stack } = run(legacyRelecloud());
    const billing = stack('dlz-billing');
    expect(billing.removed).toEqual([{ from: farSide, lifecycle: { destroy: false } }]);
    expect(billing.provider.azurerm.map((p: any) => p.alias ?? null)).toEqual([null, 'dmlz', 'dlz-operations']);
    expect(Object.keys(billing.resource.azurerm_virtual_network_peering).some((a) => a.includes('from-remote') && a.includes('operations'))).toBe(false);
    const operations = stack('peerings-operations');
    const [address] = Object.keys(operations.resource.azurerm_virtual_network_peering);
    expect(operations.import).toEqual([
      {
        to: `azurerm_virtual_network_peering.${address}`,
        id: '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-relecloud-prd-operations-network/providers/Microsoft.Network/virtualNetworks/vnet-relecloud-prd-operations/virtualNetworkPeerings/peer-billing',
      },
    ]);
    expect(result.peerings.pendingMove).toEqual(['operations', 'billing']);
    const lock = readEstateLock(path.join(dir, 'relecloud.lock.json'))!;
    expect(lock.zones.filter((z) => z.stack.startsWith('dlz-')).map((z) => [z.stack, z.peeringStack, z.farSidesPending])).toEqual([
      ['dlz-operations', true, true],
      ['dlz-billing', true, true],
    ]);
  });

  it('keeps the move pending synth after synth, and --frozen-lock passes while it is', () => {
    const estate = legacyRelecloud();
    run(estate);
    const { stack } = run(estate, { frozenLock: true });
    expect(stack('dlz-billing').removed).toEqual([{ from: farSide, lifecycle: { destroy: false } }]);
  });

  it('appending a zone meanwhile: the new pairs are laid out anew, only the old ones move', () => {
    const estate = legacyRelecloud();
    run(estate);
    writeFileSync(
      estate,
      `${readFileSync(estate, 'utf8')}  - name: finance\n    subscriptionId: 00000000-0000-0000-0000-000000000009\n    addressSpace: 10.9.0.0/16\n`,
    );
    const { stack } = run(estate);
    expect(JSON.stringify(stack('dlz-finance').removed ?? [])).not.toContain('azurerm_virtual_network_peering');
    expect(stack('dlz-finance').provider.azurerm).toHaveLength(2);
    expect(stack('peerings-operations').import).toHaveLength(1);
    expect(peerings(stack('peerings-operations'))).toHaveLength(2);
    expect(stack('peerings-billing').import).toBeUndefined();
  });

  it('--peerings-moved drops the blocks and providers the move needed, and records it in the lock', () => {
    const estate = legacyRelecloud();
    run(estate);
    const { result, stack } = run(estate, { peeringsMoved: true });
    expect(stack('dlz-billing').removed).toBeUndefined();
    expect(stack('dlz-billing').provider.azurerm.map((p: any) => p.alias ?? null)).toEqual([null, 'dmlz']);
    expect(stack('peerings-operations').import).toBeUndefined();
    expect(peerings(stack('peerings-operations')).map((p) => p.name)).toEqual(['peer-billing']);
    expect(result.lock.changes).toEqual(expect.arrayContaining(['dlz-billing: peering move into peering stacks done (--peerings-moved)']));
    const lock = readEstateLock(path.join(dir, 'relecloud.lock.json'))!;
    expect(lock.zones.some((z) => z.farSidesPending)).toBe(false);
    // And from then on without the flag too.
    expect(run(estate).stack('dlz-billing').removed).toBeUndefined();
  });

  it('a retired zone keeps its peering stack, empty, deployed before the stack that tears the zone down', () => {
    const estate = legacyRelecloud();
    run(estate, { peeringsMoved: true });
    const text = readFileSync(estate, 'utf8');
    // Retire billing (the last zone): remove it from the file.
    writeFileSync(estate, text.slice(0, text.indexOf('  - name: billing')).replace('          - billing/revenue-by-service\n', ''));
    const { result, stack } = run(estate);
    expect(stack('peerings-billing').resource).toBeUndefined();
    expect(stack('peerings-billing').provider.azurerm).toEqual([expect.objectContaining({ subscription_id: '00000000-0000-0000-0000-000000000003' })]);
    expect(peerings(stack('peerings-operations'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(manifest.stacks['dlz-billing'].dependencies).toEqual(expect.arrayContaining(['peerings-billing', 'peerings-operations']));
    expect(result.stacks).toEqual(expect.arrayContaining(['peerings-billing']));
  });
});

describe('the provider budget in the synth summary and warnings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-provider-budget-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the most configurations one stack needs, and warns, naming the stacks and the fix, while a move keeps one provider per earlier zone', () => {
    const estate = path.join(dir, 'estate.json');
    writeFileSync(estate, JSON.stringify(meshEstate(5)));
    const outdir = path.join(dir, 'cdktf.out');
    const first = runSynthInProcess(estate, outdir);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Provider configurations: at most 2 in one stack \(dlz-lz1, 2 azurerm\)/);
    expect(first.stderr).not.toContain('azurerm provider configurations');
    // The same estate as a lock from before peering stacks records it.
    const lockFile = path.join(dir, 'estate.lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    for (const zone of lock.zones) delete zone.peeringStack;
    writeFileSync(lockFile, JSON.stringify(lock));
    const pending = runSynthInProcess(estate, outdir);
    expect(pending.status).toBe(0);
    expect(pending.stdout).toMatch(/Provider configurations: at most 6 in one stack \(dlz-lz5, 6 azurerm\)/);
    expect(pending.stderr).toContain(
      'warning: 3 stacks need more than 3 azurerm provider configurations, and terraform plan starts a provider process for each, all at once: dlz-lz5 (6), dlz-lz4 (5), dlz-lz3 (4).',
    );
    expect(pending.stderr).toContain('npm run synth -- --peerings-moved');
  });
});

describe('formatProviderBudgetWarning', () => {
  it('names the enterprise hub subscriptions as the cause when no peering move is pending, and is silent within budget', () => {
    const over = stacksOverProviderBudget([
      { name: 'dlz-a', resources: 1, dataSources: 0, outputs: 0, providers: { azurerm: 4, random: 1 }, dependencies: [], file: 'a', workingDirectory: 'a' },
      { name: 'dlz-b', resources: 1, dataSources: 0, outputs: 0, providers: { azurerm: 3, random: 1 }, dependencies: [], file: 'b', workingDirectory: 'b' },
    ]);
    expect(over).toEqual([{ stack: 'dlz-a', azurerm: 4 }]);
    const warning = formatProviderBudgetWarning(over, []);
    expect(warning).toMatch(/^warning: 1 stack needs more than 3 azurerm provider configurations.*: dlz-a \(4\)\./);
    expect(warning).toContain('connectivity.createHubPeerings');
    expect(formatProviderBudgetWarning([], [])).toBe('');
  });
});
