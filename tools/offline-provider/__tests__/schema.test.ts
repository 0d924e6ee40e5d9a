import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadProtos } from './protos';
import {
  blockType,
  checkSchemaShape,
  loadProviderSchemaFile,
  nestedBlockType,
  protoGetProviderSchemaResponse,
  protoSchema,
  ProviderSchemaJson,
} from '../schema';
import { AZURERM_SCHEMA, describeWhen, haveSchemas, RANDOM_SCHEMA } from './prereqs';

const SAMPLE: ProviderSchemaJson = {
  provider: {
    version: 0,
    block: { attributes: { subscription_id: { type: 'string', optional: true } }, block_types: { features: { nesting_mode: 'list', block: {} } } },
  },
  resource_schemas: {
    thing: {
      version: 2,
      block: {
        attributes: {
          id: { type: 'string', computed: true, description: 'The id', description_kind: 'markdown' },
          secret: { type: 'string', optional: true, sensitive: true, write_only: true },
          old: { type: 'number', optional: true, deprecated: true },
          rules: {
            nested_type: { nesting_mode: 'set', attributes: { port: { type: 'number', required: true } } },
            optional: true,
          },
        },
        block_types: {
          single: { nesting_mode: 'single', block: { attributes: { a: { type: 'bool', optional: true } } } },
          grp: { nesting_mode: 'group', block: { attributes: { b: { type: 'bool', optional: true } } } },
          lst: { nesting_mode: 'list', min_items: 1, max_items: 3, block: { attributes: { c: { type: 'string', required: true } } } },
          st: { nesting_mode: 'set', block: {} },
          mp: { nesting_mode: 'map', block: { attributes: { d: { type: 'string', optional: true } } } },
          dyn: { nesting_mode: 'list', block: { attributes: { any: { type: 'dynamic', optional: true } } } },
        },
      },
    },
  },
  data_source_schemas: {},
  functions: { echo: { return_type: 'string', parameters: [{ name: 'x', type: 'string', is_nullable: true }] } },
};

describe('implied types', () => {
  it('follows Terraform configschema for every nesting mode', () => {
    expect(blockType(SAMPLE.resource_schemas!.thing!.block)).toEqual([
      'object',
      {
        id: 'string',
        secret: 'string',
        old: 'number',
        rules: ['set', ['object', { port: 'number' }]],
        single: ['object', { a: 'bool' }],
        grp: ['object', { b: 'bool' }],
        lst: ['list', ['object', { c: 'string' }]],
        st: ['set', ['object', {}]],
        mp: ['map', ['object', { d: 'string' }]],
        // list blocks containing dynamic attributes decode to tuples: static type dynamic
        dyn: 'dynamic',
      },
    ]);
    expect(nestedBlockType({ nesting_mode: 'map', block: { attributes: { any: { type: 'dynamic' } } } })).toBe('dynamic');
  });
});

describe('tfplugin6 conversion', () => {
  const defs = loadProtos();
  const method = (defs['tfplugin6.Provider'] as unknown as Record<string, { responseSerialize(v: unknown): Buffer; responseDeserialize(b: Buffer): any }>)
    .GetProviderSchema!;

  it('encodes and decodes through the real proto definitions with every flag intact', () => {
    const decoded = method.responseDeserialize(method.responseSerialize(protoGetProviderSchemaResponse(SAMPLE)));
    const thing = decoded.resource_schemas.thing;
    expect(thing.version).toBe(2);
    const attrs = Object.fromEntries(thing.block.attributes.map((a: any) => [a.name, a]));
    expect(Object.keys(attrs)).toEqual(['id', 'old', 'rules', 'secret']); // sorted
    expect(JSON.parse(attrs.id.type.toString())).toBe('string');
    expect(attrs.id).toMatchObject({ computed: true, optional: false, required: false, description: 'The id', description_kind: 'MARKDOWN' });
    expect(attrs.secret).toMatchObject({ sensitive: true, write_only: true, optional: true });
    expect(attrs.old.deprecated).toBe(true);
    expect(attrs.rules.type.length).toBe(0); // nested attributes carry nested_type, not type
    expect(attrs.rules.nested_type.nesting).toBe('SET');
    expect(attrs.rules.nested_type.attributes[0]).toMatchObject({ name: 'port', required: true });
    const blocks = Object.fromEntries(thing.block.block_types.map((b: any) => [b.type_name, b]));
    expect(blocks.lst).toMatchObject({ nesting: 'LIST', min_items: 1, max_items: 3 });
    expect(blocks.single.nesting).toBe('SINGLE');
    expect(blocks.grp.nesting).toBe('GROUP');
    expect(blocks.mp.nesting).toBe('MAP');
    expect(decoded.provider.block.block_types[0]).toMatchObject({ type_name: 'features', nesting: 'LIST', min_items: 0 });
    expect(decoded.functions.echo.parameters[0]).toMatchObject({ name: 'x', allow_null_value: true });
    expect(decoded.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
  });

  it('defaults a missing schema version to 0', () => {
    expect(protoSchema({ block: {} })).toMatchObject({ version: 0 });
  });
});

describeWhen(
  haveSchemas(),
  () => [`${AZURERM_SCHEMA} / ${RANDOM_SCHEMA}`],
  'the committed provider schema data',
  () => {
    it('load by name or address and convert completely', () => {
      const az = loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm');
      expect(az.address).toBe('registry.terraform.io/hashicorp/azurerm');
      expect(az.sha256).toBe(createHash('sha256').update(readFileSync(AZURERM_SCHEMA)).digest('hex'));
      // Trimmed to the types the project synthesizes (__tests__/provider-schemas.test.ts checks which).
      const types = Object.keys(az.schema.resource_schemas!).sort();
      expect(types.length).toBeGreaterThan(50);
      for (const [type, schema] of Object.entries({ ...az.schema.resource_schemas, ...az.schema.data_source_schemas })) checkSchemaShape(schema.block, type);
      const method = (
        loadProtos()['tfplugin6.Provider'] as unknown as Record<string, { responseSerialize(v: unknown): Buffer; responseDeserialize(b: Buffer): any }>
      ).GetProviderSchema!;
      const decoded = method.responseDeserialize(method.responseSerialize(protoGetProviderSchemaResponse(az.schema)));
      expect(Object.keys(decoded.resource_schemas).sort()).toEqual(types);
      expect(Object.keys(decoded.data_source_schemas)).toEqual(['azurerm_client_config']);
      expect(decoded.provider.block.attributes.map((a: { name: string }) => a.name)).toContain('subscription_id');
      const vnet = blockType(az.schema.resource_schemas!.azurerm_virtual_network!.block) as ['object', Record<string, unknown>];
      expect(vnet[1].address_space).toEqual(['set', 'string']);
      expect(vnet[1].ddos_protection_plan).toEqual(['list', ['object', { enable: 'bool', id: 'string' }]]);
      const rnd = loadProviderSchemaFile(RANDOM_SCHEMA);
      expect(rnd.address).toBe('registry.terraform.io/hashicorp/random');
      expect(() => loadProviderSchemaFile(RANDOM_SCHEMA, 'azurerm')).toThrow(/no schema for provider "azurerm"/);
    });
  },
);
