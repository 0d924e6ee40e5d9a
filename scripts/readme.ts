/**
 * `npm run docs:readme`: regenerates every figure and example output in README.md from the
 * code and from real runs, so the README cannot drift from what the tool does.
 *
 * README.md marks each generated part:
 *
 *   <!-- generated:NAME -->...<!-- /generated:NAME -->
 *
 * A block on lines of its own (a fenced example output, a table) or inline in a sentence (a
 * count). This script computes every NAME (`readmeValues`) and rewrites what is between the
 * markers (`applyGenerated`); text outside the markers is never touched. A marker this script
 * does not know, or a value README.md has no marker for, is an error.
 *
 * What is run: `npm run synth` (its own entry, scripts/run-synth.cjs, so the compiled app) of
 * estates/relecloud.yaml (with its lock) in a scratch copy (the synth summary, the per-stack
 * counts and, from those, the first `npm run plan` table); the same command on a broken copy of
 * it (the validation example); and on relecloud with one lake open to every network (the policy
 * example). The three run side by side. Everything else is read from the code (rule packs,
 * DNS zones, limits, the default-settings tables) or from jest (`--listTests`). Timings vary
 * by machine, so they are shown as `#.#`; scratch paths never appear (checked).
 *
 * `npm run docs:readme -- --check` only compares and exits 1 when README.md is stale; the
 * test `__tests__/readme.test.ts` does the same.
 */
import { spawn } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { BIG_ZONE_ITEMS } from '../lib/diagram/elk-layout';
import { MAX_DRAWN_INPUTS, MAX_DRAWN_ITEMS } from '../lib/diagram/layout-model';
import { MAX_ESTATE_BYTES } from '../lib/estate/load';
import { ITEM_NAME_MAX } from '../lib/estate/schema';
import { MAX_YAML_NESTING } from '../lib/estate/yaml-nesting';
import { GLOBAL_PRIVATE_DNS_ZONES, privateDnsZoneNames } from '../lib/catalog/private-dns-zones';
import { DEFAULT_TABLES, renderDefaultsTable } from '../lib/catalog/secure-defaults';
import { AUTO_ZONE_PREFIX } from '../lib/network/address-plan';
import { LANDING_ZONE_FIXED_SLOTS, SUBNET_PREFIX } from '../lib/network/subnet-layout';
import { PLAN_RULES } from '../lib/policy/plan-rules/check-plans';
import { gatePlans } from '../lib/policy/plan-rules/plan-gate';
import { RULE_PACK } from '../lib/policy/rule-pack';
import { LISTED_STACKS } from '../lib/synth/summary';
import { readManifest, topologicalOrder } from '../tools/offline-provider/manifest';
import { formatTable } from '../tools/offline-provider/plan';
import type { PlanRun } from '../tools/offline-provider/plan-runner';

export const REPO = path.resolve(__dirname, '..');
export const README = path.join(REPO, 'README.md');
export const REGENERATE = 'npm run docs:readme';

const JEST = path.join(REPO, 'node_modules', '.bin', 'jest');
/** What `npm run synth` runs (package.json): main.ts compiled, loaded in a fraction of tsx's time. */
const RUN_SYNTH = path.join(REPO, 'scripts', 'run-synth.cjs');
const SHIPPED = 'relecloud';

/** Shown instead of times, which depend on the machine. */
export const TIME_PLACEHOLDER = '#.#';

// ---------------------------------------------------------------------------------------
// Markers

const MARKER = /<!-- generated:([a-z0-9-]+) -->([\s\S]*?)<!-- \/generated:([a-z0-9-]+) -->/g;

export interface GeneratedPart {
  readonly name: string;
  /** What is between the markers now. */
  readonly content: string;
}

/** The generated parts of a README, in order (a name may occur more than once). */
export function generatedParts(text: string): GeneratedPart[] {
  const parts: GeneratedPart[] = [];
  for (const m of text.matchAll(MARKER)) {
    if (m[1] !== m[3]) throw new Error(`generated block "${m[1]}" is closed by "/generated:${m[3]}"`);
    parts.push({ name: m[1], content: m[2] });
  }
  const opened = (text.match(/<!-- generated:/g) ?? []).length;
  if (opened !== parts.length) throw new Error(`${opened - parts.length} generated marker(s) without their closing <!-- /generated:NAME -->`);
  return parts;
}

/**
 * The text with every generated part replaced by its value: a value with a newline is a
 * block (its markers on lines of their own), any other is inline. Unknown markers and values
 * without a marker are errors, so a renamed marker cannot silently stop being generated.
 */
export function applyGenerated(text: string, values: Readonly<Record<string, string>>): string {
  const names = new Set(generatedParts(text).map((p) => p.name));
  const unknown = [...names].filter((n) => !Object.hasOwn(values, n));
  if (unknown.length) throw new Error(`README has generated markers this script does not know: ${unknown.join(', ')}`);
  const unused = Object.keys(values).filter((n) => !names.has(n));
  if (unused.length) throw new Error(`README has no <!-- generated:NAME --> marker for: ${unused.join(', ')}`);
  return text.replace(MARKER, (_all, name: string) => {
    const value = values[name];
    const body = value.includes('\n') ? `\n${value.replace(/\n*$/, '')}\n` : value;
    return `<!-- generated:${name} -->${body}<!-- /generated:${name} -->`;
  });
}

/** Names whose content differs between two README texts (for a helpful failure). */
export function staleParts(current: string, expected: string): string[] {
  const have = generatedParts(current);
  const want = generatedParts(expected);
  const stale = new Set<string>();
  want.forEach((part, i) => {
    if (have[i]?.name !== part.name || have[i]?.content !== part.content) stale.add(part.name);
  });
  return [...stale];
}

// ---------------------------------------------------------------------------------------
// Running the real command

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // What the user's shell would not have: the cdktf CLI's and the tests' variables.
    const { ESTATE: _e, CDKTF_OUTDIR: _o, CDKTF_CONTEXT_JSON: _c, GITHUB_STEP_SUMMARY: _g, ...env } = process.env;
    const child = spawn(command, [...args], { cwd, env: { ...env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm run synth -- <args>` in `cwd`. The stack cache is off (CSA_SYNTH_CACHE=0): its note on
 * stderr counts what this machine's cache held, and the summary is the same without it. A
 * `preload` (node --require) runs first, with the dependencies loaded from node_modules rather
 * than from the bundle (CSA_SYNTH_EXTERNAL_PACKAGES=1), so what it patches is what the app uses.
 */
function npmRunSynth(args: readonly string[], cwd: string, preload?: string): Promise<Run> {
  const node = preload ? ['--require', preload] : [];
  return run(process.execPath, [...node, RUN_SYNTH, ...args], cwd, { CSA_SYNTH_CACHE: '0', CSA_SYNTH_EXTERNAL_PACKAGES: preload ? '1' : '0' });
}

/** A scratch project: `estates/<name>.yaml` (and its lock) as in the repository, nothing else. */
function scratchProject(root: string, name: string, estateFile: string = SHIPPED): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'estates'), { recursive: true });
  copyFileSync(path.join(REPO, 'estates', `${estateFile}.yaml`), path.join(dir, 'estates', `${estateFile}.yaml`));
  const lock = path.join(REPO, 'estates', `${estateFile}.lock.json`);
  if (existsSync(lock)) copyFileSync(lock, path.join(dir, 'estates', `${estateFile}.lock.json`));
  return dir;
}

/** Output as the user sees it, without the scratch directory and with times as placeholders. */
export function machineIndependent(text: string, scratch: string): string {
  const out = text
    .replace(/^(Synthesized .* in )\d+(?:\.\d+)? s:/m, `$1${TIME_PLACEHOLDER} s:`)
    .replace(/, \d+(?:\.\d+)? s of synth time/, `, ${TIME_PLACEHOLDER} s of synth time`);
  for (const p of [scratch, REPO, tmpdir()]) {
    if (out.includes(p)) throw new Error(`output names the absolute path ${p}:\n${out}`);
  }
  return out;
}

function expectExit(what: string, result: Run, code: number): void {
  if (result.code !== code) throw new Error(`${what}: exit code ${result.code}, expected ${code}\n${result.stdout}\n${result.stderr}`);
}

const fence = (text: string) => `\`\`\`\n${text.replace(/\n*$/, '')}\n\`\`\``;

/** `npm run synth` of relecloud: the summary as printed, and the written stacks. */
async function shippedSynth(scratch: string) {
  const dir = scratchProject(scratch, 'synth');
  const result = await npmRunSynth([], dir);
  expectExit('npm run synth', result, 0);
  // Warnings go to stderr before the summary: show them where the user sees them.
  const summary = machineIndependent(`${result.stderr}${result.stdout}`, scratch);
  const outdir = path.join(dir, 'cdktf.out');
  const stacks = Object.fromEntries(
    readManifest(outdir).map((s) => [s.name, JSON.parse(readFileSync(path.join(outdir, s.workingDirectory, 'cdk.tf.json'), 'utf8')) as StackJson]),
  );
  return { summary, outdir, stacks };
}

type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  terraform?: { required_providers?: Record<string, { version?: string }> };
};

const countResources = (stack: StackJson) => Object.values(stack.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);

/**
 * The table `npm run plan` prints for a first synth, from the plan tool's own formatter: with
 * no prior state a plan adds every resource of the configuration and changes, destroys and
 * moves nothing. That holds while no resource uses count or for_each (checked), which would
 * make the plan add a number only Terraform knows.
 */
export function firstPlanTable(outdir: string, stacks: Readonly<Record<string, StackJson>>): string {
  for (const [name, stack] of Object.entries(stacks)) {
    for (const [type, byName] of Object.entries(stack.resource ?? {})) {
      for (const [id, body] of Object.entries(byName)) {
        if ('count' in body || 'for_each' in body) {
          throw new Error(
            `${name}: ${type}.${id} uses ${'count' in body ? 'count' : 'for_each'}: a first plan no longer adds one resource per declaration; take the plan table from a real \`npm run plan\` run or drop it`,
          );
        }
      }
    }
  }
  const planRun: PlanRun = {
    ok: true,
    mode: 'offline',
    terraformVersion: '',
    providers: [],
    seconds: 0,
    stacks: topologicalOrder(readManifest(outdir)).map((s) => ({
      name: s.name,
      status: 'ok',
      toAdd: countResources(stacks[s.name]),
      toChange: 0,
      toDestroy: 0,
      toMove: 0,
      errors: [],
      warnings: [],
      notes: [],
      seconds: 0,
      phaseSeconds: {},
    })),
  };
  const table = formatTable(planRun, gatePlans(new Map()));
  return table.replace(/ 0\.0$/gm, ` ${TIME_PLACEHOLDER}`);
}

/** What validation prints for a copy of relecloud with four mistakes. */
async function validationExample(scratch: string): Promise<string> {
  const dir = scratchProject(scratch, 'invalid');
  const doc = parseDocument(readFileSync(path.join(dir, 'estates', `${SHIPPED}.yaml`), 'utf8'));
  doc.setIn(['environment'], 'production');
  doc.setIn(['managementZone', 'subscriptionId'], 'not-a-guid');
  doc.setIn(['landingZones', 0, 'sharedServices', 'databrics'], false);
  doc.setIn(['landingZones', 0, 'addressSpace'], '10.0.128.0/17');
  writeFileSync(path.join(dir, 'estates', 'broken.yaml'), doc.toString());
  const result = await npmRunSynth(['--estate', 'estates/broken.yaml'], dir);
  expectExit('npm run synth -- --estate estates/broken.yaml', result, 1);
  return machineIndependent(`${result.stdout}${result.stderr}`, scratch);
}

/**
 * The policy example's preload: the raw lake of dlz-operations synthesized open to every
 * network, as a regression would: public network access on and the firewall's default action
 * `Allow` (the lakes have public network access on from selected networks only: default `Deny`,
 * resource-instance rules). JavaScript, as node --require loads it before the app.
 */
const OPEN_LAKE_PRELOAD = `'use strict';
const { StorageAccount } = require(${JSON.stringify(require.resolve('@cdktf/provider-azurerm/lib/storage-account'))});
const original = StorageAccount.prototype.synthesizeAttributes;
StorageAccount.prototype.synthesizeAttributes = function () {
  const attributes = original.call(this);
  const [stack, ...rest] = this.node.path.split('/');
  if (stack !== 'dlz-operations' || !rest.includes('raw')) return attributes;
  return { ...attributes, public_network_access_enabled: true, network_rules: { ...attributes.network_rules, default_action: 'Allow' } };
};
`;

/** What the rule pack prints when one lake of relecloud let every network through its firewall. */
async function policyExample(scratch: string): Promise<string> {
  const dir = scratchProject(scratch, 'policy');
  // Beside the project, not in it: the project holds what a user's would.
  const preload = path.join(scratch, 'open-lake.cjs');
  writeFileSync(preload, OPEN_LAKE_PRELOAD);
  const result = await npmRunSynth([], dir, preload);
  expectExit('npm run synth with a lake open to every network', result, 1);
  const text = machineIndependent(`${result.stdout}${result.stderr}`, scratch);
  if (!/^ {2}CSA-ST-\d{3} /m.test(text)) throw new Error(`the policy example failed for another reason:\n${text}`);
  return text;
}

/** Test files jest runs (its own --listTests, so the configuration decides). */
async function testFileCount(): Promise<number> {
  const result = await run(JEST, ['--listTests', '--json'], REPO);
  expectExit('jest --listTests', result, 0);
  return (JSON.parse(result.stdout) as string[]).length;
}

// ---------------------------------------------------------------------------------------
// Figures from the code

/**
 * Microsoft's data-management-zone reference, azurerm-equivalent resources by type (default
 * deployment; docs/management-zone.md): a fixed outside fact, compared with what we synthesize.
 */
export const REFERENCE_DMLZ: Readonly<Record<string, number>> = {
  azurerm_resource_group: 7,
  azurerm_virtual_network: 1,
  azurerm_subnet: 2,
  azurerm_network_security_group: 1,
  azurerm_subnet_network_security_group_association: 1,
  azurerm_route_table: 1,
  azurerm_route: 1,
  azurerm_subnet_route_table_association: 1,
  azurerm_public_ip_prefix: 1,
  azurerm_public_ip: 1,
  azurerm_firewall_policy: 1,
  azurerm_firewall_policy_rule_collection_group: 2,
  azurerm_firewall: 1,
  azurerm_private_dns_zone: 46,
  azurerm_private_dns_zone_virtual_network_link: 46,
  azurerm_purview_account: 1,
  azurerm_key_vault: 1,
  azurerm_role_assignment: 2,
  azurerm_container_registry: 1,
  azurerm_synapse_private_link_hub: 1,
  azurerm_private_endpoint: 8,
  azurerm_user_assigned_identity: 1,
};

/** The dmlz resource types whose count differs from the reference, as a table with the totals. */
export function dmlzAgainstReference(dmlz: StackJson): string {
  const ours: Record<string, number> = Object.fromEntries(Object.entries(dmlz.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
  const types = [...new Set([...Object.keys(REFERENCE_DMLZ), ...Object.keys(ours)])].sort();
  const rows = types.filter((t) => (ours[t] ?? 0) !== (REFERENCE_DMLZ[t] ?? 0)).map((t) => `| \`${t}\` | ${ours[t] ?? 0} | ${REFERENCE_DMLZ[t] ?? 0} |`);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    `For \`estates/${SHIPPED}.yaml\` the stack has ${total(ours)} resources against the reference's ${total(REFERENCE_DMLZ)}; the types whose counts differ:`,
    '',
    '| type | dmlz | reference |',
    '|---|---:|---:|',
    ...rows,
    `| **total** | **${total(ours)}** | **${total(REFERENCE_DMLZ)}** |`,
  ].join('\n');
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** A count as the README writes it: words up to twelve, then digits with thousands separators. */
export const spelled = (n: number) => WORDS[n] ?? n.toLocaleString('en-US');
const digits = (n: number) => n.toLocaleString('en-US');

function providerVersion(stacks: Readonly<Record<string, StackJson>>, provider: string): string {
  const versions = new Set(Object.values(stacks).map((s) => s.terraform?.required_providers?.[provider]?.version));
  if (versions.size !== 1 || versions.has(undefined)) throw new Error(`stacks disagree on the ${provider} provider version: ${[...versions].join(', ')}`);
  return [...versions][0]!;
}

// ---------------------------------------------------------------------------------------

/** Every generated value of README.md, by marker name. */
export async function readmeValues(): Promise<Record<string, string>> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'csa-readme-'));
  try {
    const [synth, invalid, policy, testFiles] = await Promise.all([shippedSynth(scratch), validationExample(scratch), policyExample(scratch), testFileCount()]);
    const region = String(parseDocument(readFileSync(path.join(REPO, 'estates', `${SHIPPED}.yaml`), 'utf8')).get('location'));
    const dnsZones = privateDnsZoneNames(region).length;
    const regional = dnsZones - GLOBAL_PRIVATE_DNS_ZONES.length;
    const azurermVersion = providerVersion(synth.stacks, 'azurerm');
    return {
      'synth-summary': fence(synth.summary),
      'plan-table': fence(firstPlanTable(synth.outdir, synth.stacks)),
      'validation-example': fence(invalid),
      'policy-example': fence(policy),
      'dmlz-resources': dmlzAgainstReference(synth.stacks.dmlz),
      'azurerm-version': azurermVersion,
      // The security contract, from the data the constructs apply (lib/catalog/secure-defaults.ts).
      'defaults-management-zone': renderDefaultsTable(DEFAULT_TABLES['management-zone'], { 'azurerm-version': azurermVersion }),
      'defaults-landing-zone': renderDefaultsTable(DEFAULT_TABLES['landing-zone'], { 'azurerm-version': azurermVersion }),
      'dns-zones': String(dnsZones),
      'dns-zones-global': String(GLOBAL_PRIVATE_DNS_ZONES.length),
      'dns-zones-regional': String(regional),
      'rule-count': digits(RULE_PACK.length),
      'plan-rule-count': spelled(PLAN_RULES.length),
      'listed-stacks': spelled(LISTED_STACKS),
      'zone-fixed-subnets': String(LANDING_ZONE_FIXED_SLOTS),
      'auto-zone-prefix': `/${AUTO_ZONE_PREFIX}`,
      'auto-zone-items': digits(2 ** (SUBNET_PREFIX - AUTO_ZONE_PREFIX) - LANDING_ZONE_FIXED_SLOTS),
      'subnet-prefix': `/${SUBNET_PREFIX}`,
      'item-name-max': String(ITEM_NAME_MAX),
      'yaml-nesting': String(MAX_YAML_NESTING),
      'estate-max-mb': String(MAX_ESTATE_BYTES / 1024 / 1024),
      'diagram-big-zone': String(BIG_ZONE_ITEMS),
      'diagram-max-items': digits(MAX_DRAWN_ITEMS),
      'diagram-max-inputs': digits(MAX_DRAWN_INPUTS),
      'test-files': digits(testFiles),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** README.md as this script would write it. */
export async function expectedReadme(current = readFileSync(README, 'utf8')): Promise<string> {
  return applyGenerated(current, await readmeValues());
}

async function main(): Promise<number> {
  const current = readFileSync(README, 'utf8');
  const next = await expectedReadme(current);
  if (process.argv.includes('--check')) {
    if (next === current) return 0;
    console.error(`README.md is out of date (${staleParts(current, next).join(', ')}); run ${REGENERATE}`);
    return 1;
  }
  if (next !== current) writeFileSync(README, next);
  console.log(next === current ? 'README.md is up to date' : `README.md written (${staleParts(current, next).join(', ')})`);
  return 0;
}

if (require.main === module)
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 2;
    },
  );
