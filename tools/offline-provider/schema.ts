// Provider schemas as produced by `terraform providers schema -json`, and their
// conversion to tfplugin6 `Schema` messages.
//
// We keep the JSON document itself as the in-memory schema model (it already has
// the right shape: attributes with flags and a cty type in JSON form, block_types
// with nesting_mode/min_items/max_items), so loading is one JSON.parse.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CtyType, hasDynamic, listOf, mapOf, objectOf, parseType, setOf, typeToJsonBytes } from './cty-types';

export type DescriptionKind = 'plain' | 'markdown';

export interface JsonAttribute {
  type?: CtyType;
  nested_type?: JsonNestedType;
  description?: string;
  description_kind?: DescriptionKind;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  write_only?: boolean;
}

export interface JsonNestedType {
  attributes: Record<string, JsonAttribute>;
  nesting_mode: 'single' | 'list' | 'set' | 'map';
}

export type BlockNesting = 'single' | 'group' | 'list' | 'set' | 'map';

export interface JsonNestedBlock {
  nesting_mode: BlockNesting;
  block: JsonBlock;
  min_items?: number;
  max_items?: number;
}

export interface JsonBlock {
  attributes?: Record<string, JsonAttribute>;
  block_types?: Record<string, JsonNestedBlock>;
  description?: string;
  description_kind?: DescriptionKind;
  deprecated?: boolean;
}

export interface JsonSchema {
  version?: number;
  block: JsonBlock;
}

export interface JsonFunctionParameter {
  name?: string;
  type: CtyType;
  description?: string;
  description_kind?: DescriptionKind;
  is_nullable?: boolean;
}

export interface JsonFunction {
  summary?: string;
  description?: string;
  description_kind?: DescriptionKind;
  deprecation_message?: string;
  return_type: CtyType;
  parameters?: JsonFunctionParameter[];
  variadic_parameter?: JsonFunctionParameter;
}

export interface ProviderSchemaJson {
  provider?: JsonSchema;
  resource_schemas?: Record<string, JsonSchema>;
  data_source_schemas?: Record<string, JsonSchema>;
  ephemeral_resource_schemas?: Record<string, JsonSchema>;
  functions?: Record<string, JsonFunction>;
}

export interface LoadedProviderSchema {
  /** e.g. registry.terraform.io/hashicorp/azurerm */
  address: string;
  schema: ProviderSchemaJson;
  /** sha256 of the schema file, the key of the encoded-response cache. */
  sha256: string;
}

/**
 * Reads a `providers schema -json` document and picks one provider from it:
 * `provider` may be a full address or just the type name ("azurerm"); it may be
 * omitted when the document holds a single provider.
 */
export function loadProviderSchemaFile(file: string, provider?: string): LoadedProviderSchema {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const doc = JSON.parse(bytes.toString('utf8')) as { provider_schemas?: Record<string, ProviderSchemaJson> };
  const all = doc.provider_schemas ?? {};
  const addresses = Object.keys(all);
  let address: string | undefined;
  if (!provider) {
    if (addresses.length !== 1) throw new Error(`${file} holds ${addresses.length} providers (${addresses.join(', ')}); say which one to serve`);
    address = addresses[0];
  } else {
    address = addresses.find((a) => a === provider) ?? addresses.find((a) => a.endsWith(`/${provider}`));
  }
  if (!address) throw new Error(`${file} has no schema for provider "${provider}" (it has: ${addresses.join(', ') || 'none'})`);
  return { address, schema: all[address]!, sha256 };
}

// ---------------------------------------------------------------------------
// Implied value types (Terraform's configschema ImpliedType).

const blockTypeCache = new WeakMap<JsonBlock, CtyType>();

export function attributeType(attr: JsonAttribute): CtyType {
  if (attr.nested_type) return nestedTypeImplied(attr.nested_type);
  if (attr.type === undefined) throw new Error('attribute has neither type nor nested_type');
  return attr.type;
}

function nestedTypeImplied(nt: JsonNestedType): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(nt.attributes)) attrs[name] = attributeType(a);
  const obj = objectOf(attrs);
  switch (nt.nesting_mode) {
    case 'single':
      return obj;
    case 'list':
      return listOf(obj);
    case 'set':
      return setOf(obj);
    case 'map':
      return mapOf(obj);
  }
}

/** The object type of values of `block` (memoized: schemas are immutable). */
export function blockType(block: JsonBlock): CtyType {
  const cached = blockTypeCache.get(block);
  if (cached) return cached;
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes ?? {})) attrs[name] = attributeType(a);
  for (const [name, nb] of Object.entries(block.block_types ?? {})) attrs[name] = nestedBlockType(nb);
  const t = objectOf(attrs);
  blockTypeCache.set(block, t);
  return t;
}

export function nestedBlockType(nb: JsonNestedBlock): CtyType {
  const inner = blockType(nb.block);
  switch (nb.nesting_mode) {
    case 'single':
    case 'group':
      return inner;
    case 'list':
      // Terraform decodes list/map blocks containing `dynamic` attributes as tuples /
      // objects, whose static type is then dynamic.
      return hasDynamic(inner) ? 'dynamic' : listOf(inner);
    case 'set':
      return setOf(inner);
    case 'map':
      return hasDynamic(inner) ? 'dynamic' : mapOf(inner);
  }
}

/** Validates the parts of a schema file we rely on, so a bad file fails at load, not mid-plan. */
export function checkSchemaShape(block: JsonBlock, where: string): void {
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (a.nested_type) {
      checkSchemaShape({ attributes: a.nested_type.attributes }, `${where}.${name}`);
    } else {
      parseType(a.type); // throws on garbage
    }
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    if (!['single', 'group', 'list', 'set', 'map'].includes(nb.nesting_mode)) throw new Error(`${where}.${name}: bad nesting_mode ${nb.nesting_mode}`);
    checkSchemaShape(nb.block, `${where}.${name}`);
  }
}

// ---------------------------------------------------------------------------
// Conversion to tfplugin6 messages (plain objects in @grpc/proto-loader's
// keepCase form; enums as their names, bytes as Buffers).

export type ProtoObject = Record<string, unknown>;

const kind = (k?: DescriptionKind) => (k === 'markdown' ? 'MARKDOWN' : 'PLAIN');
const byName = <T>(rec: Record<string, T> | undefined): [string, T][] => Object.entries(rec ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function protoAttribute(name: string, a: JsonAttribute): ProtoObject {
  const out: ProtoObject = {
    name,
    description: a.description ?? '',
    description_kind: kind(a.description_kind),
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
    write_only: !!a.write_only,
  };
  if (a.nested_type) {
    out.nested_type = {
      attributes: byName(a.nested_type.attributes).map(([n, na]) => protoAttribute(n, na)),
      nesting: a.nested_type.nesting_mode.toUpperCase(),
    };
  } else {
    out.type = typeToJsonBytes(attributeType(a));
  }
  return out;
}

function protoBlock(b: JsonBlock, version: number): ProtoObject {
  return {
    version,
    attributes: byName(b.attributes).map(([n, a]) => protoAttribute(n, a)),
    block_types: byName(b.block_types).map(([n, nb]) => ({
      type_name: n,
      block: protoBlock(nb.block, 0),
      nesting: nb.nesting_mode.toUpperCase(),
      min_items: nb.min_items ?? 0,
      max_items: nb.max_items ?? 0,
    })),
    description: b.description ?? '',
    description_kind: kind(b.description_kind),
    deprecated: !!b.deprecated,
  };
}

export function protoSchema(s: JsonSchema | undefined): ProtoObject {
  const version = s?.version ?? 0;
  return { version, block: protoBlock(s?.block ?? {}, version) };
}

function protoParameter(p: JsonFunctionParameter): ProtoObject {
  return {
    name: p.name ?? '',
    type: typeToJsonBytes(p.type),
    allow_null_value: !!p.is_nullable,
    // The JSON schema does not record this; false makes Terraform skip calls with
    // unknown arguments and assume an unknown result, the safe choice.
    allow_unknown_values: false,
    description: p.description ?? '',
    description_kind: kind(p.description_kind),
  };
}

export function protoFunction(f: JsonFunction): ProtoObject {
  const out: ProtoObject = {
    parameters: (f.parameters ?? []).map(protoParameter),
    return: { type: typeToJsonBytes(f.return_type) },
    summary: f.summary ?? '',
    description: f.description ?? '',
    description_kind: kind(f.description_kind),
    deprecation_message: f.deprecation_message ?? '',
  };
  if (f.variadic_parameter) out.variadic_parameter = protoParameter(f.variadic_parameter);
  return out;
}

export const SERVER_CAPABILITIES = {
  // We answer PlanResourceChange for destroys too (planned state null).
  plan_destroy: true,
  // Lets Terraform reuse the schema it fetched from an earlier instance of this
  // provider in the same command instead of asking every instance again.
  get_provider_schema_optional: true,
  move_resource_state: false,
};

const mapValues = <T>(rec: Record<string, T> | undefined, f: (v: T) => ProtoObject): Record<string, ProtoObject> =>
  Object.fromEntries(byName(rec).map(([k, v]) => [k, f(v)]));

export function protoGetProviderSchemaResponse(ps: ProviderSchemaJson): ProtoObject {
  return {
    provider: protoSchema(ps.provider),
    resource_schemas: mapValues(ps.resource_schemas, protoSchema),
    data_source_schemas: mapValues(ps.data_source_schemas, protoSchema),
    ephemeral_resource_schemas: mapValues(ps.ephemeral_resource_schemas, protoSchema),
    functions: mapValues(ps.functions, protoFunction),
    diagnostics: [],
    server_capabilities: SERVER_CAPABILITIES,
  };
}
