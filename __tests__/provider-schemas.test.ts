import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  allOptionsEstate,
  COMMITTED_SCHEMAS_DIR,
  projectSchemaNeeds,
  schemaFileNames,
  SchemaNeeds,
  stacksOf,
  stackTypes,
  trimmedSchemaFiles,
  trimProviderSchemaDocument,
} from '../scripts/provider-schemas';
import { isCommittedSchemasDir } from '../tools/offline-provider/plan-runner';
import { listSchemas, resolveSchemas } from '../tools/offline-provider/schema-catalog';
import { REPO } from './helpers/synth';

/**
 * The provider schema data committed in tools/offline-provider/schemas (npm run schemas:trim,
 * scripts/provider-schemas.ts) holds every type the project synthesizes and nothing else,
 * with structural facts only, and is exactly what trimming the full documents gives.
 */

type Schemas = Record<string, { resource: Record<string, unknown>; data: Record<string, unknown> }>;

/** The committed data by provider type name ("azurerm"). */
function committedSchemas(dir = COMMITTED_SCHEMAS_DIR): Schemas {
  const out: Schemas = {};
  for (const entry of listSchemas(dir)) {
    const doc = JSON.parse(readFileSync(entry.file, 'utf8'));
    const provider = doc.provider_schemas[entry.address];
    out[entry.type] = { resource: provider.resource_schemas ?? {}, data: provider.data_source_schemas ?? {} };
  }
  return out;
}

/** `<stack>: resource <type>` for every type a stack uses that `schemas` lacks. */
function missingTypes(outdirs: readonly string[], schemas: Schemas): string[] {
  const missing: string[] = [];
  for (const outdir of outdirs) {
    for (const [stack, doc] of stacksOf(outdir)) {
      for (const entry of stackTypes(doc)) {
        const [kind, type] = entry.split(' ') as ['resource' | 'data', string];
        if (!schemas[type.split('_')[0]!]?.[kind][type]) missing.push(`${path.basename(path.dirname(outdir))}/${stack}: ${entry}`);
      }
    }
  }
  return missing;
}

/** Where full `terraform providers schema -json` documents are, if anywhere: $TF_SCHEMAS_DIR, else ../shared/tf-schemas beside the repo. */
function fullSchemasDir(): string | undefined {
  const env = process.env.TF_SCHEMAS_DIR;
  if (env && !isCommittedSchemasDir(env)) return existsSync(env) ? env : undefined;
  const beside = path.resolve(REPO, '..', 'shared', 'tf-schemas');
  return existsSync(beside) ? beside : undefined;
}

let work: string;
let needs: SchemaNeeds & { outdirs: string[] };
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'csa-provider-schemas-'));
  needs = projectSchemaNeeds(work);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the committed provider schema data', () => {
  it('holds every resource and data source type of every stack the estates synthesize (shipped, avnm, all options, retired) and the planner fixtures use', () => {
    expect(needs.outdirs.length).toBeGreaterThanOrEqual(8);
    const stacks = needs.outdirs.reduce((n, dir) => n + stacksOf(dir).size, 0);
    expect(stacks).toBeGreaterThanOrEqual(15);
    expect(missingTypes(needs.outdirs, committedSchemas())).toEqual([]);
  });

  it('holds nothing else: exactly the synthesized types, in one file per required provider version', () => {
    const schemas = committedSchemas();
    const committed = Object.entries(schemas).flatMap(([, s]) => [
      ...Object.keys(s.resource).map((t) => `resource ${t}`),
      ...Object.keys(s.data).map((t) => `data ${t}`),
    ]);
    expect(committed.sort()).toEqual([...needs.types.values()].flat().sort());
    const resolved = resolveSchemas(needs.requirements, listSchemas(COMMITTED_SCHEMAS_DIR), COMMITTED_SCHEMAS_DIR);
    expect(resolved.errors).toEqual([]);
    expect(resolved.selected.map((e) => path.basename(e.file)).sort()).toEqual(schemaFileNames(COMMITTED_SCHEMAS_DIR));
    expect(schemaFileNames(COMMITTED_SCHEMAS_DIR)).toEqual(['azurerm-4.55.0.json', 'random-3.7.2.json']);
    expect(readdirSync(COMMITTED_SCHEMAS_DIR).sort()).toEqual(['azurerm-4.55.0.json', 'random-3.7.2.json']);
  });

  it('the check finds a type the data lacks (it is not vacuous)', () => {
    const schemas = committedSchemas();
    delete schemas.azurerm!.resource.azurerm_key_vault;
    delete schemas.azurerm!.data.azurerm_client_config;
    const missing = missingTypes(needs.outdirs, schemas);
    expect(missing).toContain('relecloud/dmlz: resource azurerm_key_vault');
    expect(missing).toContain('adatum/dlz-sales: resource azurerm_key_vault');
    expect(missing.some((m) => m.endsWith(': data azurerm_client_config'))).toBe(true);
    expect(missing.every((m) => /: (resource azurerm_key_vault|data azurerm_client_config)$/.test(m))).toBe(true);
  });

  it('the all-options estate synthesizes every resource and data source type the code imports from @cdktf/provider-azurerm', () => {
    // A construct using a new type behind a new option fails here until allOptionsEstate() turns the option on.
    const imported = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) for (const m of readFileSync(file, 'utf8').matchAll(/@cdktf\/provider-azurerm\/lib\/([a-z0-9-]+)/g)) imported.add(m[1]!);
      }
    };
    walk(path.join(REPO, 'lib'));
    walk(path.join(REPO, 'stacks'));
    const types = [...imported]
      .filter((module) => module !== 'provider')
      .map((module) => {
        const source = readFileSync(require.resolve(`@cdktf/provider-azurerm/lib/${module}`), 'utf8');
        const type = /\.tfResourceType = "([a-z0-9_]+)"/.exec(source)?.[1];
        if (!type) throw new Error(`no tfResourceType in @cdktf/provider-azurerm/lib/${module}`);
        return `${module.startsWith('data-azurerm-') ? 'data' : 'resource'} ${type}`;
      });
    expect(types.length).toBeGreaterThan(50);
    const synthesized = new Set(needs.types.get('azurerm'));
    expect(types.filter((t) => !synthesized.has(t)).sort()).toEqual([]);
  });

  it('the all-options estate turns on what the shipped estates leave off', () => {
    const estate = allOptionsEstate('avnm');
    const full = estate.landingZones[0];
    expect(Object.values(full.sharedServices).every((on) => on === true)).toBe(true);
    expect(new Set(full.dataIntegrations.map((i: { engine: string }) => i.engine))).toEqual(new Set(['databricks', 'data-factory', 'synapse']));
    expect(new Set(full.dataProducts.map((p: { template: string }) => p.template))).toEqual(new Set(['batch', 'analytics', 'streaming']));
    expect(full.dataProducts.some((p: { serving?: string }) => p.serving === 'aks')).toBe(true);
    expect(full.governance.policy.exemptions.length).toBeGreaterThan(0);
    const azurerm = new Set(needs.types.get('azurerm'));
    for (const type of [
      'azurerm_eventhub_namespace',
      'azurerm_data_factory_integration_runtime_self_hosted',
      'azurerm_subscription_policy_exemption',
      'azurerm_network_manager',
      'azurerm_kubernetes_cluster',
    ]) {
      expect(azurerm.has(`resource ${type}`)).toBe(true);
    }
  });

  it('keeps structural facts only: no description text, no functions, ephemeral resources or identity schemas', () => {
    // The walk throws on any property of a schema, block or attribute that is not structural (a description, say).
    const found = { attributes: 0, flags: new Set<string>(), attributeNamedDescription: 0 };
    const STRUCTURAL_ATTRIBUTE = new Set(['type', 'nested_type', 'required', 'optional', 'computed', 'sensitive', 'deprecated', 'write_only']);
    const attribute = (a: Record<string, unknown>, where: string) => {
      found.attributes++;
      for (const key of Object.keys(a)) {
        if (!STRUCTURAL_ATTRIBUTE.has(key)) throw new Error(`${where}: ${key}`);
        found.flags.add(key);
      }
      if (a.nested_type) nested(a.nested_type as Record<string, unknown>, `${where}.nested_type`);
    };
    const attributes = (attrs: Record<string, Record<string, unknown>> | undefined, where: string) => {
      for (const [name, a] of Object.entries(attrs ?? {})) {
        if (name === 'description') found.attributeNamedDescription++;
        attribute(a, `${where}.${name}`);
      }
    };
    const nested = (n: Record<string, unknown>, where: string) => {
      expect(Object.keys(n).filter((k) => !['attributes', 'nesting_mode', 'min_items', 'max_items'].includes(k))).toEqual([]);
      attributes(n.attributes as Record<string, Record<string, unknown>>, where);
    };
    const block = (b: Record<string, any>, where: string) => {
      const extra = Object.keys(b).filter((k) => !['attributes', 'block_types', 'deprecated'].includes(k));
      if (extra.length) throw new Error(`${where}: ${extra.join(', ')}`);
      attributes(b.attributes, where);
      for (const [name, nb] of Object.entries<Record<string, any>>(b.block_types ?? {})) {
        const extraNested = Object.keys(nb).filter((k) => !['nesting_mode', 'block', 'min_items', 'max_items'].includes(k));
        if (extraNested.length) throw new Error(`${where}.${name}: ${extraNested.join(', ')}`);
        block(nb.block, `${where}.${name}`);
      }
    };
    for (const name of schemaFileNames(COMMITTED_SCHEMAS_DIR)) {
      const text = readFileSync(path.join(COMMITTED_SCHEMAS_DIR, name), 'utf8');
      expect(text).not.toContain('"description_kind"');
      const doc = JSON.parse(text);
      expect(Object.keys(doc).sort()).toEqual(['format_version', 'provider_schemas']);
      for (const [address, provider] of Object.entries<Record<string, any>>(doc.provider_schemas)) {
        expect(Object.keys(provider).sort()).toEqual(['data_source_schemas', 'provider', 'resource_schemas']);
        for (const [kind, schemas] of [
          ['provider', { '': provider.provider }],
          ['resource', provider.resource_schemas],
          ['data', provider.data_source_schemas],
        ] as const) {
          for (const [type, schema] of Object.entries<Record<string, any>>(schemas)) {
            expect(Object.keys(schema).filter((k) => k !== 'version' && k !== 'block')).toEqual([]);
            block(schema.block, `${address} ${kind} ${type}`);
          }
        }
      }
    }
    expect(found.attributeNamedDescription).toBeGreaterThan(0); // attributes named description (azurerm_network_security_rule's) survive
    expect(found.attributes).toBeGreaterThan(1000);
    expect([...found.flags]).toEqual(expect.arrayContaining(['type', 'required', 'optional', 'computed', 'sensitive', 'deprecated']));
  });

  it('is stable: sorted keys at every level', () => {
    const unsorted: string[] = [];
    let objects = 0;
    const sorted = (v: unknown, where: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => sorted(x, `${where}[${i}]`));
      if (v && typeof v === 'object') {
        objects++;
        const keys = Object.keys(v);
        if (keys.join('\n') !== [...keys].sort().join('\n')) unsorted.push(where);
        for (const k of keys) sorted((v as Record<string, unknown>)[k], `${where}.${k}`);
      }
    };
    for (const name of schemaFileNames(COMMITTED_SCHEMAS_DIR)) sorted(JSON.parse(readFileSync(path.join(COMMITTED_SCHEMAS_DIR, name), 'utf8')), name);
    expect(unsorted).toEqual([]);
    expect(objects).toBeGreaterThan(1000);
  });

  const full = fullSchemasDir();
  (full ? it : it.skip)(
    `is what trimming the full documents gives, byte for byte (${full ?? 'skipped: no full documents in $TF_SCHEMAS_DIR or ../shared/tf-schemas'})`,
    () => {
      const files = trimmedSchemaFiles(full!, needs);
      expect(files.map((f) => f.name).sort()).toEqual(schemaFileNames(COMMITTED_SCHEMAS_DIR));
      for (const f of files) {
        expect(f.fromBytes).toBeGreaterThan(Buffer.byteLength(f.text)); // really trimmed from a bigger document
        expect(f.text === readFileSync(path.join(COMMITTED_SCHEMAS_DIR, f.name), 'utf8')).toBe(true);
      }
    },
  );
});

describe('trimming', () => {
  const address = 'registry.terraform.io/hashicorp/x';
  const doc = (extra: Record<string, unknown> = {}) => ({
    format_version: '1.0',
    provider_schemas: {
      [address]: {
        provider: {
          version: 0,
          block: { attributes: { region: { type: 'string', optional: true, description: 'Region', description_kind: 'plain' } }, description_kind: 'plain' },
        },
        resource_schemas: {
          x_thing: {
            version: 1,
            block: {
              attributes: {
                description: { type: 'string', optional: true, description: 'The description attribute', description_kind: 'markdown' },
                secret: { type: 'string', sensitive: true, write_only: true, optional: true },
                rules: { nested_type: { nesting_mode: 'list', attributes: { port: { type: 'number', required: true, description: 'p' } } }, optional: true },
                ...extra,
              },
              block_types: {
                timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string', optional: true } }, description: 'd' } },
                net: { nesting_mode: 'list', min_items: 1, max_items: 2, block: {} },
              },
              description: 'A thing',
              description_kind: 'plain',
              deprecated: true,
            },
          },
          x_other: { version: 0, block: {} },
        },
        data_source_schemas: { x_info: { version: 0, block: { attributes: { id: { type: 'string', computed: true } } } } },
        ephemeral_resource_schemas: { x_token: { version: 0, block: {} } },
        functions: { f: { return_type: 'string' } },
        resource_identity_schemas: {},
      },
    },
  });

  it('keeps the provider config and the named types with their structure, and drops descriptions and everything else', () => {
    expect(trimProviderSchemaDocument(doc(), address, ['resource x_thing'])).toEqual({
      format_version: '1.0',
      provider_schemas: {
        [address]: {
          provider: { version: 0, block: { attributes: { region: { type: 'string', optional: true } } } },
          resource_schemas: {
            x_thing: {
              version: 1,
              block: {
                attributes: {
                  description: { type: 'string', optional: true },
                  secret: { type: 'string', sensitive: true, write_only: true, optional: true },
                  rules: { nested_type: { nesting_mode: 'list', attributes: { port: { type: 'number', required: true } } }, optional: true },
                },
                block_types: {
                  timeouts: { nesting_mode: 'single', block: { attributes: { create: { type: 'string', optional: true } } } },
                  net: { nesting_mode: 'list', min_items: 1, max_items: 2, block: {} },
                },
                deprecated: true,
              },
            },
          },
          data_source_schemas: {},
        },
      },
    });
    expect(
      Object.keys((trimProviderSchemaDocument(doc(), address, ['data x_info', 'resource x_other']).provider_schemas as any)[address].data_source_schemas),
    ).toEqual(['x_info']);
  });

  it('refuses a type the document lacks and a property it does not know', () => {
    expect(() => trimProviderSchemaDocument(doc(), address, ['resource x_missing'])).toThrow(`${address} has no resource type x_missing`);
    expect(() => trimProviderSchemaDocument(doc({ odd: { type: 'string', optional: true, shiny: true } }), address, ['resource x_thing'])).toThrow(
      `${address}.resource_schemas.x_thing.block.attributes.odd: unknown schema property "shiny"`,
    );
  });

  it('reads types from resource, data, moved, removed and import blocks, leaving out Terraform built-ins', () => {
    const types = stackTypes({
      resource: { azurerm_a: {}, terraform_data: {} },
      data: { azurerm_b: {}, terraform_remote_state: {} },
      moved: [{ from: 'azurerm_c.x', to: 'azurerm_c.y' }],
      removed: [{ from: 'azurerm_d.z[0]', lifecycle: { destroy: false } }, { from: 'module.m.data.azurerm_e.q' }],
      import: [{ to: 'azurerm_f.w', id: '/x' }],
    });
    expect([...types].sort()).toEqual([
      'data azurerm_b',
      'data azurerm_e',
      'resource azurerm_a',
      'resource azurerm_c',
      'resource azurerm_d',
      'resource azurerm_f',
    ]);
  });
});
