// A compact description of the provider's .proto files (messages, enums, gRPC
// methods), which is all proto-codec.ts and grpc-server.ts need at run time.
//
// Parsing .proto text (protobufjs) costs a provider process ~100 ms, so the bundled
// runtime (provider-runtime.ts) builds this once, with protobufjs, and ships it as
// JSON next to the bundle; run from the sources (tests, OFFLINE_PROVIDER_RUNTIME=tsx)
// it is built on first use.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as protobuf from 'protobufjs';

export const PROTO_FILES = ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'];
/** Written by provider-runtime.ts next to the bundle. */
export const DESCRIPTOR_FILE = 'proto-descriptor.json';

export interface FieldDesc {
  id: number;
  name: string;
  /** A scalar type name (int64, string, bytes, ...) or the full name of a message or enum. */
  type: string;
  kind: 'scalar' | 'enum' | 'message';
  repeated?: boolean;
  /** Map fields: the key's scalar type (the value is `type`/`kind`). */
  keyType?: string;
  /** Member of this oneof (proto3 `optional` fields: the synthetic `_<name>`). */
  oneof?: string;
  packed?: boolean;
}

export interface MessageDesc {
  /** Sorted by field number. */
  fields: FieldDesc[];
}

export interface EnumDesc {
  values: Record<string, number>;
  names: Record<number, string>;
  /** The first declared name: what proto-loader's `defaults` fill in. */
  defaultName: string;
}

export interface MethodDesc {
  request: string;
  response: string;
  requestStream: boolean;
  responseStream: boolean;
}

export interface ProtoDescriptor {
  messages: Record<string, MessageDesc>;
  enums: Record<string, EnumDesc>;
  /** Keyed by the HTTP/2 path, e.g. /tfplugin6.Provider/GetProviderSchema. */
  methods: Record<string, MethodDesc>;
}

let loaded: ProtoDescriptor | undefined;

/** The descriptor shipped next to the bundle, else one built from `protoDir`. */
export function protoDescriptor(protoDir = join(__dirname, 'proto')): ProtoDescriptor {
  if (loaded) return loaded;
  const shipped = join(__dirname, DESCRIPTOR_FILE);
  loaded = existsSync(shipped) ? (JSON.parse(readFileSync(shipped, 'utf8')) as ProtoDescriptor) : buildProtoDescriptor(protoDir);
  return loaded;
}

/** Parses the .proto files with protobufjs (what @grpc/proto-loader uses, with keepCase). */
export function buildProtoDescriptor(protoDir: string): ProtoDescriptor {
  // Required here, never at the top: the bundled provider must not load protobufjs.
  // protobufjs is @grpc/proto-loader's parser; resolve it from there (it need not be hoisted).
  const pb = require(require.resolve('protobufjs', { paths: [dirname(require.resolve('@grpc/proto-loader'))] })) as typeof protobuf;
  const root = new pb.Root();
  root.loadSync(
    PROTO_FILES.map((f) => join(protoDir, f)),
    { keepCase: true },
  );
  root.resolveAll();
  const out: ProtoDescriptor = { messages: {}, enums: {}, methods: {} };
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const obj of ns.nestedArray) {
      if (obj instanceof pb.Type) out.messages[fullName(obj)] = describeType(pb, obj);
      else if (obj instanceof pb.Enum) out.enums[fullName(obj)] = describeEnum(obj);
      else if (obj instanceof pb.Service) describeService(obj, out.methods);
      if (obj instanceof pb.Namespace) visit(obj);
    }
  };
  visit(root);
  return out;
}

const fullName = (o: protobuf.ReflectionObject) => o.fullName.replace(/^\./, '');

function describeType(pb: typeof protobuf, t: protobuf.Type): MessageDesc {
  const fields = t.fieldsArray
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((f): FieldDesc => {
      const r = f.resolvedType;
      const d: FieldDesc = {
        id: f.id,
        name: f.name,
        type: r ? fullName(r) : f.type,
        kind: r instanceof pb.Enum ? 'enum' : r ? 'message' : 'scalar',
      };
      if (f.repeated) d.repeated = true;
      if (f instanceof pb.MapField) d.keyType = f.keyType;
      if (f.partOf) d.oneof = f.partOf.name;
      if (f.repeated && f.packed && d.kind !== 'message' && f.type !== 'string' && f.type !== 'bytes') d.packed = true;
      return d;
    });
  return { fields };
}

function describeEnum(e: protobuf.Enum): EnumDesc {
  const names: Record<number, string> = {};
  for (const [name, value] of Object.entries(e.values)) names[value] = name; // protobufjs: the last alias wins
  const first = Object.keys(e.values)[0]!;
  return { values: { ...e.values }, names, defaultName: names[e.values[first]!]! };
}

function describeService(s: protobuf.Service, methods: Record<string, MethodDesc>): void {
  for (const m of s.methodsArray) {
    methods[`/${fullName(s)}/${m.name}`] = {
      request: fullName(m.resolvedRequestType!),
      response: fullName(m.resolvedResponseType!),
      requestStream: !!m.requestStream,
      responseStream: !!m.responseStream,
    };
  }
}
