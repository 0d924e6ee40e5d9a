// The tfplugin6 Provider service implementation, transport-free: methods take and
// return request/response objects in @grpc/proto-loader's shape (keepCase, enums
// as names, bytes as Buffers), so tests can drive it without a socket.
import { appendFileSync } from 'node:fs';
import { valueFromJson } from './cty-json';
import { decodeMsgpack, encodeMsgpack } from './cty-msgpack';
import { CtyType } from './cty-types';
import { CtyValue } from './cty-value';
import { applyResourceChange, importedObject, planResourceChange, readWithPlaceholders } from './plan-semantics';
import { placeholder } from './placeholders';
import { ProviderDiagnostic, validateConfig } from './validate-config';
import { blockType, JsonSchema, LoadedProviderSchema, protoFunction, protoGetProviderSchemaResponse, ProtoObject, SERVER_CAPABILITIES } from './schema';
import { encodedSchemaResponse } from './schema-response';

export interface DynamicValueMsg {
  msgpack?: Buffer;
  json?: Buffer;
}

// Loosely typed request objects: proto-loader fills absent fields with defaults.
export type Req = Record<string, any>;

export interface StandInOptions {
  /** Protobuf encoder for GetProviderSchema.Response, to cache the encoded bytes. */
  encodeSchemaResponse?: (msg: ProtoObject) => Buffer;
  /** Directory for encoded schema responses, keyed by schema file sha256. */
  cacheDir?: string;
  /** Appends one line per RPC (`<pid> <method> <type>`); for finding out what Terraform calls. */
  rpcLogFile?: string;
}

type SchemaKind = 'resource' | 'data source' | 'ephemeral resource';

export class StandInProvider {
  private subscriptionId: string | undefined;

  constructor(
    private readonly loaded: LoadedProviderSchema,
    private readonly opts: StandInOptions = {},
  ) {}

  get address(): string {
    return this.loaded.address;
  }

  private log(method: string, typeName = ''): void {
    if (this.opts.rpcLogFile) appendFileSync(this.opts.rpcLogFile, `${process.pid} ${method} ${typeName}\n`);
  }

  private lookup(kind: SchemaKind, typeName: string): JsonSchema {
    const s = this.loaded.schema;
    const table = kind === 'resource' ? s.resource_schemas : kind === 'data source' ? s.data_source_schemas : s.ephemeral_resource_schemas;
    const found = table?.[typeName];
    if (!found) throw new Error(`${this.loaded.address} has no ${kind} type "${typeName}" in the served schema`);
    return found;
  }

  // -- information ---------------------------------------------------------

  GetMetadata(): ProtoObject {
    this.log('GetMetadata');
    const s = this.loaded.schema;
    const names = (rec?: Record<string, unknown>) => Object.keys(rec ?? {}).sort();
    return {
      server_capabilities: SERVER_CAPABILITIES,
      diagnostics: [],
      data_sources: names(s.data_source_schemas).map((type_name) => ({ type_name })),
      resources: names(s.resource_schemas).map((type_name) => ({ type_name })),
      functions: names(s.functions).map((name) => ({ name })),
      ephemeral_resources: names(s.ephemeral_resource_schemas).map((type_name) => ({ type_name })),
    };
  }

  /**
   * Returns the encoded response bytes when an encoder is configured (cached on disk
   * and in memory, see schema-response.ts), else the message object.
   */
  GetProviderSchema(): ProtoObject | Buffer {
    this.log('GetProviderSchema');
    const encode = this.opts.encodeSchemaResponse;
    if (!encode) return protoGetProviderSchemaResponse(this.loaded.schema);
    return encodedSchemaResponse(this.loaded, encode, this.opts.cacheDir);
  }

  GetFunctions(): ProtoObject {
    this.log('GetFunctions');
    const fns = this.loaded.schema.functions ?? {};
    return { functions: Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, protoFunction(f)])), diagnostics: [] };
  }

  // -- validation ----------------------------------------------------------

  ValidateProviderConfig(req: Req): ProtoObject {
    this.log('ValidateProviderConfig');
    return this.guard(() => {
      const schema = this.loaded.schema.provider ?? { block: {} };
      return { diagnostics: validateConfig(schema, decodeDynamic(req.config, blockType(schema.block))).map(toProtoDiagnostic) };
    });
  }

  ValidateResourceConfig(req: Req): ProtoObject {
    return this.validate('resource', 'ValidateResourceConfig', req);
  }

  ValidateDataResourceConfig(req: Req): ProtoObject {
    return this.validate('data source', 'ValidateDataResourceConfig', req);
  }

  ValidateEphemeralResourceConfig(req: Req): ProtoObject {
    return this.validate('ephemeral resource', 'ValidateEphemeralResourceConfig', req);
  }

  private validate(kind: SchemaKind, method: string, req: Req): ProtoObject {
    this.log(method, req.type_name);
    return this.guard(() => {
      const schema = this.lookup(kind, req.type_name);
      const config = decodeDynamic(req.config, blockType(schema.block));
      return { diagnostics: validateConfig(schema, config, { what: `${kind} type ${req.type_name}` }).map(toProtoDiagnostic) };
    });
  }

  // -- provider ------------------------------------------------------------

  ConfigureProvider(req: Req): ProtoObject {
    this.log('ConfigureProvider');
    return this.guard(() => {
      const schema = this.loaded.schema.provider ?? { block: {} };
      const config = decodeDynamic(req.config, blockType(schema.block));
      const sub = config && typeof config === 'object' ? (config as Record<string, CtyValue>).subscription_id : undefined;
      this.subscriptionId = typeof sub === 'string' && sub !== '' ? sub : undefined;
      return { diagnostics: [] };
    });
  }

  StopProvider(): ProtoObject {
    this.log('StopProvider');
    return { Error: '' };
  }

  // -- managed resources ---------------------------------------------------

  UpgradeResourceState(req: Req): ProtoObject {
    this.log('UpgradeResourceState', req.type_name);
    return this.guard(() => {
      const type = blockType(this.lookup('resource', req.type_name).block);
      const raw = req.raw_state ?? {};
      if (!raw.json?.length) {
        if (raw.flatmap && Object.keys(raw.flatmap).length > 0) throw new Error('legacy flatmap state (Terraform < 0.12) cannot be upgraded offline');
        return { upgraded_state: { msgpack: encodeMsgpack(null, type) }, diagnostics: [] };
      }
      const value = valueFromJson(JSON.parse(Buffer.from(raw.json).toString('utf8')), type);
      return { upgraded_state: { msgpack: encodeMsgpack(value, type) }, diagnostics: [] };
    });
  }

  ReadResource(req: Req): ProtoObject {
    this.log('ReadResource', req.type_name);
    // Nothing to refresh against offline: the state is the truth.
    return { new_state: req.current_state, diagnostics: [], private: req.private };
  }

  PlanResourceChange(req: Req): ProtoObject {
    this.log('PlanResourceChange', req.type_name);
    return this.guard(() => {
      const schema = this.lookup('resource', req.type_name);
      const type = blockType(schema.block);
      const prior = decodeDynamic(req.prior_state, type);
      const proposed = decodeDynamic(req.proposed_new_state, type);
      const config = decodeDynamic(req.config, type);
      const planned = planResourceChange(schema, prior, proposed, config);
      // No attribute is ForceNew offline: we do not know which ones are.
      return { planned_state: { msgpack: encodeMsgpack(planned, type) }, requires_replace: [], planned_private: req.prior_private, diagnostics: [] };
    });
  }

  ApplyResourceChange(req: Req): ProtoObject {
    this.log('ApplyResourceChange', req.type_name);
    return this.guard(() => {
      const schema = this.lookup('resource', req.type_name);
      const type = blockType(schema.block);
      const planned = decodeDynamic(req.planned_state, type);
      const newState = applyResourceChange(schema, planned, { typeName: req.type_name, subscriptionId: this.subscriptionId });
      return { new_state: { msgpack: encodeMsgpack(newState, type) }, private: req.planned_private, diagnostics: [] };
    });
  }

  /** `import` blocks (a peering moving into a peering stack): the object as far as the id tells (plan-semantics.ts). */
  ImportResourceState(req: Req): ProtoObject {
    this.log('ImportResourceState', req.type_name);
    return this.guard(() => {
      const schema = this.lookup('resource', req.type_name);
      const type = blockType(schema.block);
      const state = importedObject(schema.block, String(req.id));
      return { imported_resources: [{ type_name: req.type_name, state: { msgpack: encodeMsgpack(state, type) }, private: Buffer.alloc(0) }], diagnostics: [] };
    });
  }

  MoveResourceState(req: Req): ProtoObject {
    this.log('MoveResourceState', req.target_type_name);
    return { diagnostics: [notSupported('Moving resource state across types', req.target_type_name)] };
  }

  // -- data sources, ephemeral resources, functions ------------------------

  ReadDataSource(req: Req): ProtoObject {
    this.log('ReadDataSource', req.type_name);
    return this.guard(() => {
      const schema = this.lookup('data source', req.type_name);
      const type = blockType(schema.block);
      const state = readWithPlaceholders(schema, decodeDynamic(req.config, type), { typeName: req.type_name, subscriptionId: this.subscriptionId });
      return { state: { msgpack: encodeMsgpack(state, type) }, diagnostics: [] };
    });
  }

  OpenEphemeralResource(req: Req): ProtoObject {
    this.log('OpenEphemeralResource', req.type_name);
    return this.guard(() => {
      const schema = this.lookup('ephemeral resource', req.type_name);
      const type = blockType(schema.block);
      const result = readWithPlaceholders(schema, decodeDynamic(req.config, type), { typeName: req.type_name, subscriptionId: this.subscriptionId });
      return { result: { msgpack: encodeMsgpack(result, type) }, diagnostics: [] };
    });
  }

  RenewEphemeralResource(req: Req): ProtoObject {
    this.log('RenewEphemeralResource', req.type_name);
    return { diagnostics: [] };
  }

  CloseEphemeralResource(req: Req): ProtoObject {
    this.log('CloseEphemeralResource', req.type_name);
    return { diagnostics: [] };
  }

  CallFunction(req: Req): ProtoObject {
    this.log('CallFunction', req.name);
    const fn = this.loaded.schema.functions?.[req.name];
    if (!fn) return { error: { text: `${this.loaded.address} has no function "${req.name}"` } };
    // Offline we cannot compute the real result; a typed placeholder lets the
    // expression around the call be type-checked.
    const result = placeholder(fn.return_type, req.name, { typeName: req.name }, null, false);
    return { result: { msgpack: encodeMsgpack(result, fn.return_type) } };
  }

  /** Turns an exception into an error diagnostic, which Terraform shows with context. */
  private guard(fn: () => ProtoObject): ProtoObject {
    try {
      return fn();
    } catch (e) {
      return {
        diagnostics: [
          toProtoDiagnostic({ severity: 'ERROR', summary: 'Offline stand-in provider failed', detail: e instanceof Error ? e.message : String(e) }),
        ],
      };
    }
  }
}

export function decodeDynamic(dv: DynamicValueMsg | undefined | null, type: CtyType): CtyValue {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv?.json && dv.json.length > 0) return valueFromJson(JSON.parse(Buffer.from(dv.json).toString('utf8')), type);
  return null;
}

export function toProtoDiagnostic(d: ProviderDiagnostic): ProtoObject {
  const out: ProtoObject = { severity: d.severity, summary: d.summary, detail: d.detail };
  if (d.attribute && d.attribute.length > 0) out.attribute = { steps: d.attribute };
  return out;
}

function notSupported(what: string, typeName: string): ProtoObject {
  return toProtoDiagnostic({
    severity: 'ERROR',
    summary: `${what} is not supported offline`,
    detail: `The offline stand-in provider cannot look up real infrastructure (${typeName}). Use --real with network access and credentials.`,
  });
}
