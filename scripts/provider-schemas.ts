/**
 * `npm run schemas:trim -- --from DIR`: writes the provider schema data committed in
 * tools/offline-provider/schemas/ (what `npm run plan` serves by default) from full
 * `terraform providers schema -json` documents in DIR, named `<provider>-<version>.json`
 * (e.g. azurerm-4.55.0.json, 3.2 MB). Making those needs `terraform init` against the real
 * registry; the trimmed files need nothing outside the repository.
 *
 * Kept: for every provider the synthesized stacks require (the version their
 * `required_providers` pin), the provider configuration schema and the schemas of exactly
 * the resource and data source types synthesized by the estates below, with their
 * structural facts only: names, schema versions, cty types, nesting modes, min/max items
 * and the required/optional/computed/sensitive/deprecated/write_only flags. Dropped: every
 * other resource and data source type, ephemeral resources, functions, resource identity
 * schemas and all description text (`description`, `description_kind`). A property this
 * script does not know stops it, so nothing structural is ever dropped silently.
 *
 * The types come from synthesizing (SCHEMA_ESTATES):
 *   - estates/relecloud.yaml and estates/adatum.yaml, as shipped (with their locks);
 *   - relecloud with network.topology avnm;
 *   - allOptionsEstate(): every option on (all shared services, every integration engine,
 *     every product template and engine, analytics with and without serving aks (with
 *     servingIngress: the DNAT group in the hub firewall policy),
 *     team e-mails, access groups, budgets at every level, cost centers, policy
 *     assignments with remediation roles and exemptions, Purview root collection admins,
 *     renamed items, cross-zone inputs, the azurerm backend), in the peering and the avnm
 *     topology (with a management group scope);
 *   - the all-options estate synthesized again after a landing zone and an item were
 *     removed from it (retirement: a teardown stack and `removed` blocks);
 * plus the hand-written stacks the offline planner's tests plan
 * (tools/offline-provider/__tests__/fixtures/<name>/cdktf-output). Types are read from
 * every stack's `resource`, `data`, `ephemeral`, `moved`, `removed` and `import` entries;
 * Terraform's built-in types (terraform_remote_state, terraform_data) need no provider.
 *
 * The output is stable (sorted keys, fixed layout): regenerating from the same documents
 * is a no-op. `--check` writes nothing and exits 1 when the committed files differ from
 * what would be written. __tests__/provider-schemas.test.ts fails when a synthesized type
 * is missing from the committed data.
 *
 *   npm run schemas:trim -- --from DIR [--out DIR] [--check]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { BASELINE_ASSIGNMENT, BASELINE_REFERENCE_IDS } from '../lib/catalog/policy-definitions';
import { DEFAULT_ADDRESS_POOL } from '../lib/network/address-pool';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { COMMITTED_SCHEMAS_DIR } from '../tools/offline-provider/plan-runner';
import { listSchemas, normalizeSource, ProviderRequirement, resolveSchemas } from '../tools/offline-provider/schema-catalog';

const REPO = path.resolve(__dirname, '..');
export { COMMITTED_SCHEMAS_DIR };

/** Output directories of hand-written stacks that tests plan offline. */
export const FIXTURE_OUTPUT_DIRS: readonly string[] = ['negative', 'positive'].map((name) =>
  path.join(REPO, 'tools', 'offline-provider', '__tests__', 'fixtures', name, 'cdktf-output'),
);

/** Types Terraform provides itself (provider "terraform"): no provider schema serves them. */
const BUILT_IN_TYPES = new Set(['terraform_remote_state', 'terraform_data']);

// ---------------------------------------------------------------------------
// The estates synthesized.

const guid = (n: number, group = 0) => `00000000-0000-0000-${String(group).padStart(4, '0')}-${String(n).padStart(12, '0')}`;
const group = (n: number) => `11111111-1111-1111-1111-${String(n).padStart(12, '0')}`;

/** YYYY-MM-DD one year from today (exemptions must expire in the future and within 5 years). */
function nextYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * An estate with every option of lib/estate/schema.ts on (see the file comment). Two landing
 * zones: `full` with every shared service and every engine and template, `bare` with every
 * shared service off and the items that still run there.
 */
export function allOptionsEstate(topology: 'peering' | 'avnm' = 'peering'): Record<string, any> {
  const budget = (amount: number) => ({ amount, contactEmails: ['finance@example.com', 'lead@example.com'], thresholds: [50, 90, 100] });
  const itemAccess = (n: number) => ({ dataEngineers: [group(n)], dataReaders: [group(n + 1)] });
  const policy = (effect: 'Audit' | 'Deny') => ({
    effect,
    assignments: [
      { name: 'storage-network', definitionId: '34c877ad-507e-4c82-993e-3452a6e0ad3c', effect: 'Deny' },
      {
        name: 'diag-remediation',
        definitionId: '/providers/Microsoft.Authorization/policyDefinitions/6b359d8f-f88d-4052-aa7c-32015963ecc1',
        effect: 'DeployIfNotExists',
        roles: ['Log Analytics Contributor', 'Monitoring Contributor'],
        parameters: { logAnalytics: 'placeholder', metricsEnabled: true, retention: 30, regions: ['westeurope', 'northeurope'] },
      },
      {
        name: 'tag-modify',
        definitionId: '/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8',
        effect: 'Modify',
        roles: ['Tag Contributor'],
      },
    ],
    exemptions: [
      {
        assignment: BASELINE_ASSIGNMENT,
        policies: [BASELINE_REFERENCE_IDS[0]!],
        reason: 'schema coverage: a baseline exemption',
        expiresOn: nextYear(),
        category: 'Mitigated',
      },
      { assignment: BASELINE_ASSIGNMENT, reason: 'schema coverage: the whole baseline exempted', expiresOn: nextYear() },
      { assignment: 'storage-network', reason: 'schema coverage: an assignment exemption', expiresOn: nextYear() },
    ],
  });
  return {
    estate: 'allopts',
    environment: 'dev',
    location: 'westeurope',
    tags: { owner: 'schema-coverage', costCenter: '1000' },
    backend: {
      type: 'azurerm',
      resourceGroupName: 'rg-tfstate',
      storageAccountName: 'sttfstate',
      containerName: 'tfstate',
      subscriptionId: guid(9),
      keyPrefix: 'allopts/dev',
    },
    network:
      topology === 'avnm'
        ? { addressPool: DEFAULT_ADDRESS_POOL, topology: 'avnm', avnm: { managementGroupIds: ['mg-analytics'] } }
        : { addressPool: DEFAULT_ADDRESS_POOL, topology: 'peering' },
    managementZone: {
      subscriptionId: guid(1),
      addressSpace: '10.0.0.0/16',
      firewall: { tier: 'Premium' },
      purview: { rootCollectionAdmins: [group(1)] },
      governance: { policy: policy('Deny') },
      budget: budget(8000),
    },
    landingZones: [
      {
        name: 'full',
        shortName: 'full',
        subscriptionId: guid(2),
        addressSpace: '10.1.0.0/16',
        costCenter: '2000',
        sharedServices: { databricks: true, dataFactory: true, synapse: true, eventHub: true, selfHostedIntegrationRuntime: true },
        governance: { policy: policy('Audit') },
        access: { zoneAdmins: [group(10)], dataEngineers: [group(11)], dataReaders: [group(12)] },
        budget: budget(40000),
        dataIntegrations: [
          { name: 'ingest-dbw', sources: ['telemetry'], engine: 'databricks', costCenter: '2001', access: itemAccess(20), budget: budget(100) },
          { name: 'ingest-adf', renamedFrom: ['ingest-old'], sources: ['erp', 'crm'], engine: 'data-factory', access: itemAccess(22), budget: budget(200) },
          { name: 'ingest-syn', sources: ['invoices'], engine: 'synapse', access: itemAccess(24), budget: budget(300) },
        ],
        dataProducts: [
          {
            name: 'batch-adf',
            template: 'batch',
            inputs: ['ingest-adf'],
            team: { email: 'batch@example.com' },
            access: itemAccess(30),
            budget: budget(400),
            costCenter: '2002',
          },
          { name: 'batch-syn', template: 'batch', engine: 'synapse', inputs: ['ingest-syn', 'bare/bare-adf'], team: { email: 'batch-syn@example.com' } },
          {
            name: 'batch-dbw',
            renamedFrom: 'batch-old',
            template: 'batch',
            engine: 'databricks',
            inputs: ['ingest-dbw'],
            team: { email: 'batch-dbw@example.com' },
          },
          {
            name: 'ml-aks',
            template: 'analytics',
            serving: 'aks',
            // In ml-aks's subnet (10.1.252.0/24): its DNAT group in the hub firewall policy.
            servingIngress: { address: '10.1.252.200', callers: ['203.0.113.0/24', '198.51.100.7'] },
            inputs: ['ingest-dbw', 'batch-adf'],
            team: { email: 'ml@example.com' },
            access: itemAccess(32),
            budget: budget(500),
          },
          { name: 'ml-plain', template: 'analytics', engine: 'databricks', inputs: ['ingest-adf'] },
          { name: 'ml-syn', template: 'analytics', engine: 'synapse', inputs: ['ingest-syn'], team: { email: 'ml-syn@example.com' } },
          { name: 'stream-syn', template: 'streaming', inputs: ['ingest-syn'], team: { email: 'stream@example.com' }, budget: budget(600) },
          { name: 'stream-dbw', template: 'streaming', engine: 'databricks', inputs: ['ingest-dbw'], team: { email: 'stream-dbw@example.com' } },
          { name: 'stream-adf', template: 'streaming', engine: 'data-factory', inputs: ['ingest-adf'], team: { email: 'stream-adf@example.com' } },
        ],
      },
      {
        name: 'bare',
        subscriptionId: guid(3),
        sharedServices: { databricks: false, dataFactory: false, synapse: false, eventHub: false, selfHostedIntegrationRuntime: false },
        dataIntegrations: [{ name: 'bare-adf', sources: ['files'], engine: 'data-factory' }],
        dataProducts: [
          { name: 'bare-batch', template: 'batch', inputs: ['bare-adf', 'full/ingest-dbw'], team: { email: 'bare@example.com' } },
          { name: 'bare-ml', template: 'analytics', inputs: ['bare-adf'] },
        ],
      },
    ],
  };
}

/** One estate synthesized for the type set: an estate file (with its lock), or an object, optionally synthesized again after `then`. */
export interface SchemaEstate {
  readonly name: string;
  /** A file under estates/ (copied with its lock next to it), or the estate itself. */
  readonly estate: string | (() => Record<string, any>);
  /** Applied to the estate, then synthesized again with the lock the first synth wrote (retirements). */
  readonly then?: (estate: Record<string, any>) => void;
}

export const SCHEMA_ESTATES: readonly SchemaEstate[] = [
  { name: 'relecloud', estate: 'relecloud.yaml' },
  { name: 'adatum', estate: 'adatum.yaml' },
  {
    name: 'relecloud-avnm',
    estate: () => {
      const e = parse(readFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), 'utf8'));
      e.network = { ...e.network, topology: 'avnm' };
      return e;
    },
  },
  { name: 'all-options', estate: () => allOptionsEstate('peering') },
  { name: 'all-options-avnm', estate: () => allOptionsEstate('avnm') },
  {
    name: 'all-options-retired',
    estate: () => allOptionsEstate('peering'),
    then: (e) => {
      // Retire the `bare` zone (a teardown stack) and one product of `full` (removed blocks).
      e.landingZones = e.landingZones.filter((z: { name: string }) => z.name !== 'bare');
      const full = e.landingZones[0];
      full.dataProducts = full.dataProducts.filter((p: { name: string }) => p.name !== 'batch-adf' && p.name !== 'batch-syn');
      full.dataProducts.find((p: { name: string }) => p.name === 'ml-aks').inputs = ['ingest-dbw'];
    },
  },
];

/** Synthesizes one schema estate into `dir`; returns its output directory. */
export function synthesizeSchemaEstate(spec: SchemaEstate, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const estatePath = path.join(dir, typeof spec.estate === 'string' ? spec.estate : 'estate.json');
  let estate: Record<string, any> | undefined;
  if (typeof spec.estate === 'string') {
    copyFileSync(path.join(REPO, 'estates', spec.estate), estatePath);
    const lock = path.join(REPO, 'estates', spec.estate.replace(/\.ya?ml$/, '.lock.json'));
    if (existsSync(lock)) copyFileSync(lock, path.join(dir, path.basename(lock)));
  } else {
    estate = spec.estate();
    writeFileSync(estatePath, JSON.stringify(estate));
  }
  const outdir = path.join(dir, 'cdktf.out');
  synthesizeEstate({ estatePath, outdir, projectDir: dir, diagramOnWorkerThread: false });
  if (spec.then) {
    estate ??= parse(readFileSync(estatePath, 'utf8')) as Record<string, any>;
    spec.then(estate);
    writeFileSync(estatePath, JSON.stringify(estate));
    synthesizeEstate({ estatePath, outdir, projectDir: dir, diagramOnWorkerThread: false });
  }
  return outdir;
}

// ---------------------------------------------------------------------------
// Types and provider requirements of output directories.

/** Every stack's cdk.tf.json in a cdktf output directory, parsed, by stack name. */
export function stacksOf(outdir: string): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  const stacksDir = path.join(outdir, 'stacks');
  for (const name of readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (existsSync(file)) out.set(name, JSON.parse(readFileSync(file, 'utf8')));
  }
  return out;
}

export type TypeKind = 'resource' | 'data';

/** The provider types one stack uses, as `resource <type>` / `data <type>` (built-in types left out). */
export function stackTypes(doc: Record<string, any>): Set<string> {
  const out = new Set<string>();
  const add = (kind: TypeKind, type: string) => {
    if (!BUILT_IN_TYPES.has(type)) out.add(`${kind} ${type}`);
  };
  for (const type of Object.keys(doc.resource ?? {})) add('resource', type);
  for (const type of Object.keys(doc.data ?? {})) add('data', type);
  // Addresses in moved, removed and import blocks: "[module.x.]type.name[...]" or "data.type.name".
  const fromAddress = (address: unknown) => {
    if (typeof address !== 'string') return;
    const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
    while (parts[0] === 'module') parts.splice(0, 2);
    if (parts.length < 2) return;
    if (parts[0] === 'data') add('data', parts[1]!);
    else add('resource', parts[0]!);
  };
  const blocks = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v as Record<string, unknown>] : []);
  for (const m of blocks(doc.moved)) {
    fromAddress(m.from);
    fromAddress(m.to);
  }
  for (const r of blocks(doc.removed)) fromAddress(r.from);
  for (const i of blocks(doc.import)) fromAddress(i.to);
  if (doc.ephemeral && Object.keys(doc.ephemeral).length) {
    throw new Error(
      `ephemeral resources (${Object.keys(doc.ephemeral).join(', ')}) are not kept by scripts/provider-schemas.ts; teach it to keep ephemeral_resource_schemas`,
    );
  }
  return out;
}

/** The provider of a type by Terraform's rule: the prefix before the first "_". */
export const providerOfType = (type: string) => type.split('_')[0]!;

/** What a set of output directories needs: provider requirements (as the planner collects them) and the types used. */
export interface SchemaNeeds {
  readonly requirements: ProviderRequirement[];
  /** Provider type name ("azurerm") to its `resource <type>` / `data <type>` entries, sorted. */
  readonly types: Map<string, string[]>;
}

export function schemaNeeds(outdirs: readonly string[]): SchemaNeeds {
  const requirements = new Map<string, ProviderRequirement>();
  const types = new Map<string, Set<string>>();
  const need = (source: string, constraint: string, stack: string) => {
    const address = normalizeSource(source);
    const r = requirements.get(address) ?? { address, constraints: [], stacks: [] };
    if (constraint && !r.constraints.includes(constraint)) r.constraints.push(constraint);
    if (!r.stacks.includes(stack)) r.stacks.push(stack);
    requirements.set(address, r);
  };
  for (const outdir of outdirs) {
    for (const [stack, doc] of stacksOf(outdir)) {
      const required = (doc.terraform?.required_providers ?? {}) as Record<string, { source?: string; version?: string } | string>;
      for (const [local, req] of Object.entries(required)) {
        need(typeof req === 'string' ? local : (req.source ?? local), typeof req === 'string' ? req : (req.version ?? ''), stack);
      }
      const providers = new Set(Object.keys(doc.provider ?? {}));
      for (const entry of stackTypes(doc)) {
        const provider = providerOfType(entry.split(' ')[1]!);
        providers.add(provider);
        if (!types.has(provider)) types.set(provider, new Set());
        types.get(provider)!.add(entry);
      }
      for (const provider of providers) if (!(provider in required)) need(provider, '', stack);
    }
  }
  return {
    requirements: [...requirements.values()].sort((a, b) => a.address.localeCompare(b.address)),
    types: new Map([...types].sort(([a], [b]) => a.localeCompare(b)).map(([p, s]) => [p, [...s].sort()])),
  };
}

/**
 * Synthesizes every SCHEMA_ESTATES entry under `workDir` and reads them with the fixture
 * output directories: what the committed schema data must serve.
 */
export function projectSchemaNeeds(workDir: string, options: { log?: (line: string) => void } = {}): SchemaNeeds & { outdirs: string[] } {
  const outdirs: string[] = [];
  for (const spec of SCHEMA_ESTATES) {
    const started = Date.now();
    outdirs.push(synthesizeSchemaEstate(spec, path.join(workDir, spec.name)));
    options.log?.(`synthesized ${spec.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  outdirs.push(...FIXTURE_OUTPUT_DIRS);
  return { ...schemaNeeds(outdirs), outdirs };
}

// ---------------------------------------------------------------------------
// Trimming.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DESCRIPTION = new Set(['description', 'description_kind']);

function objectAt(value: Json | undefined, where: string): JsonObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value;
}

/** Copies `keep` properties of `obj`, drops descriptions, and refuses any other property. */
function pick(obj: JsonObject, keep: Record<string, (value: Json, where: string) => Json>, where: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    if (DESCRIPTION.has(key)) continue;
    const copy = keep[key];
    if (!copy) throw new Error(`${where}: unknown schema property "${key}"; scripts/provider-schemas.ts must learn whether it is structural`);
    out[key] = copy(value, `${where}.${key}`);
  }
  return out;
}

const scalar = (value: Json, where: string): Json => {
  if (value !== null && typeof value === 'object') throw new Error(`${where}: expected a scalar`);
  return value;
};
const verbatim = (value: Json): Json => value; // cty type expressions
const eachValue =
  (f: (value: Json, where: string) => Json) =>
  (value: Json, where: string): Json =>
    Object.fromEntries(Object.entries(objectAt(value, where)).map(([name, v]) => [name, f(v, `${where}.${name}`)]));

const FLAGS = { required: scalar, optional: scalar, computed: scalar, sensitive: scalar, deprecated: scalar, write_only: scalar };

function trimAttribute(value: Json, where: string): Json {
  return pick(objectAt(value, where), { type: verbatim, nested_type: trimNestedType, ...FLAGS }, where);
}

function trimNestedType(value: Json, where: string): Json {
  return pick(objectAt(value, where), { attributes: eachValue(trimAttribute), nesting_mode: scalar, min_items: scalar, max_items: scalar }, where);
}

function trimBlock(value: Json, where: string): Json {
  return pick(objectAt(value, where), { attributes: eachValue(trimAttribute), block_types: eachValue(trimNestedBlock), deprecated: scalar }, where);
}

function trimNestedBlock(value: Json, where: string): Json {
  return pick(objectAt(value, where), { nesting_mode: scalar, block: trimBlock, min_items: scalar, max_items: scalar }, where);
}

function trimSchema(value: Json, where: string): Json {
  return pick(objectAt(value, where), { version: scalar, block: trimBlock }, where);
}

/**
 * One provider's schema document trimmed to the provider configuration and the `types`
 * (`resource <type>` / `data <type>`). A type the document lacks is an error.
 */
export function trimProviderSchemaDocument(doc: unknown, address: string, types: readonly string[]): JsonObject {
  const all = objectAt(objectAt(doc as Json, 'document').provider_schemas, 'provider_schemas');
  const provider = objectAt(all[address], `provider_schemas["${address}"]`);
  const wanted = { resource: new Set<string>(), data: new Set<string>() };
  for (const entry of types) {
    const [kind, type] = entry.split(' ') as [TypeKind, string];
    wanted[kind].add(type);
  }
  const section = (key: 'resource_schemas' | 'data_source_schemas', names: Set<string>): JsonObject => {
    const schemas = objectAt(provider[key] ?? {}, key);
    const missing = [...names].filter((n) => !(n in schemas));
    if (missing.length) throw new Error(`${address} has no ${key === 'resource_schemas' ? 'resource' : 'data source'} type ${missing.join(', ')}`);
    return Object.fromEntries([...names].sort().map((n) => [n, trimSchema(schemas[n]!, `${address}.${key}.${n}`)]));
  };
  const format = objectAt(doc as Json, 'document').format_version;
  return {
    format_version: scalar(format ?? '1.0', 'format_version'),
    provider_schemas: {
      [address]: {
        provider: trimSchema(provider.provider ?? { block: {} }, `${address}.provider`),
        resource_schemas: section('resource_schemas', wanted.resource),
        data_source_schemas: section('data_source_schemas', wanted.data),
      },
    },
  };
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k]!)]),
    );
  }
  return value;
}

/** The committed text of a trimmed document: sorted keys, one-space indentation, final newline. */
export function serializeSchemaDocument(doc: JsonObject): string {
  return `${JSON.stringify(sortKeys(doc), null, 1)}\n`;
}

export interface TrimmedFile {
  /** e.g. azurerm-4.55.0.json */
  readonly name: string;
  readonly address: string;
  readonly version: string;
  readonly text: string;
  readonly fromBytes: number;
  readonly resources: number;
  readonly dataSources: number;
}

/** The trimmed files for `needs`, from the full documents in `fromDir` (one per required provider, the version the stacks pin). */
export function trimmedSchemaFiles(fromDir: string, needs: SchemaNeeds): TrimmedFile[] {
  if (!existsSync(fromDir)) throw new Error(`${fromDir} does not exist`);
  const res = resolveSchemas(needs.requirements, listSchemas(fromDir), fromDir);
  if (res.errors.length) throw new Error(res.errors.join('\n'));
  return res.selected.map((entry) => {
    const bytes = readFileSync(entry.file);
    const types = needs.types.get(entry.type) ?? [];
    const doc = trimProviderSchemaDocument(JSON.parse(bytes.toString('utf8')), entry.address, types);
    return {
      name: path.basename(entry.file),
      address: entry.address,
      version: entry.version,
      text: serializeSchemaDocument(doc),
      fromBytes: bytes.length,
      resources: types.filter((t) => t.startsWith('resource ')).length,
      dataSources: types.filter((t) => t.startsWith('data ')).length,
    };
  });
}

/** Files in `dir` named like schema documents (<provider>-<version>.json). */
export function schemaFileNames(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => /^[a-z0-9-]+?-\d+\.\d+\.\d+\.json$/.test(n))
        .sort()
    : [];
}

// ---------------------------------------------------------------------------
// CLI.

const USAGE = `usage: npm run schemas:trim -- --from DIR [--out DIR] [--check]

  --from DIR   full \`terraform providers schema -json\` documents named <provider>-<version>.json
               (default: $TF_SCHEMAS_DIR)
  --out DIR    where the trimmed files go (default: tools/offline-provider/schemas)
  --check      write nothing; exit 1 when the files in --out differ from what would be written
`;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(argv: string[]): number {
  let from = process.env.TF_SCHEMAS_DIR;
  let out = COMMITTED_SCHEMAS_DIR;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--from' || a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a directory\n\n${USAGE}`);
      if (a === '--from') from = v;
      else out = v;
    } else if (a === '--check') check = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  if (!from) throw new Error(`say where the full schema documents are: --from DIR (or TF_SCHEMAS_DIR)\n\n${USAGE}`);
  from = path.resolve(from);
  out = path.resolve(out);
  if (from === out) throw new Error(`--from and --out are the same directory (${out}); trim from the full documents`);

  const work = mkdtempSync(path.join(tmpdir(), 'provider-schemas-'));
  let needs: SchemaNeeds;
  try {
    needs = projectSchemaNeeds(work, { log: (line) => console.error(line) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const files = trimmedSchemaFiles(from, needs);
  const stale = schemaFileNames(out).filter((n) => !files.some((f) => f.name === n));
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  let differs = stale.length > 0;
  for (const f of files) {
    const target = path.join(out, f.name);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    const same = current === f.text;
    if (!same) differs = true;
    const size = Buffer.byteLength(f.text);
    const status = same ? 'unchanged' : check ? (current === undefined ? 'MISSING' : 'DIFFERS') : current === undefined ? 'written' : 'updated';
    console.log(
      `${rel(target)}: ${f.address} ${f.version}, ${f.resources} resource types, ${f.dataSources} data source types; ` +
        `${kb(f.fromBytes)} -> ${kb(size)} (${((100 * size) / f.fromBytes).toFixed(1)}%), ${status}`,
    );
    if (!check && !same) {
      mkdirSync(out, { recursive: true });
      writeFileSync(target, f.text);
    }
  }
  for (const n of stale) {
    console.log(`${rel(path.join(out, n))}: no synthesized stack needs it, ${check ? 'STALE' : 'removed'}`);
    if (!check) unlinkSync(path.join(out, n));
  }
  if (check && differs) {
    console.error(`${rel(out)} is out of date; run npm run schemas:trim -- --from ${rel(from)}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`schemas:trim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
