// Protobuf messages <-> plain objects, driven by a ProtoDescriptor, in exactly the
// shape @grpc/proto-loader gives with { keepCase, longs: Number, enums: String,
// bytes: Buffer, defaults: true, oneofs: true } (which is what stand-in-provider.ts
// was written against):
//
//  - decoding fills absent fields with defaults ('' / 0 / false / empty Buffer / the
//    first enum name / [] / {} / null for messages), except oneof members, which are
//    only set when present, with `<oneof name>: '<member>'` next to them;
//  - encoding writes every field whose value is not null/undefined (repeated fields
//    and maps when not empty) in field-number order, as protobufjs does, so the bytes
//    are the same as proto-loader's serializer's.
import { EnumDesc, FieldDesc, MessageDesc, ProtoDescriptor } from './proto-descriptor';
import { ProtoReader, ProtoWriter, WIRE } from './proto-wire';

export type ProtoMessage = Record<string, unknown>;

const VARINT_TYPES = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);
const FIXED64_TYPES = new Set(['fixed64', 'sfixed64', 'double']);
const FIXED32_TYPES = new Set(['fixed32', 'sfixed32', 'float']);

function wireType(kind: FieldDesc['kind'], type: string): number {
  if (kind === 'enum' || VARINT_TYPES.has(type)) return WIRE.VARINT;
  if (FIXED64_TYPES.has(type)) return WIRE.FIXED64;
  if (FIXED32_TYPES.has(type)) return WIRE.FIXED32;
  return WIRE.LEN;
}

export class ProtoCodec {
  constructor(private readonly desc: ProtoDescriptor) {}

  private message(name: string): MessageDesc {
    const m = this.desc.messages[name];
    if (!m) throw new Error(`protobuf: unknown message type ${name}`);
    return m;
  }

  private enumDesc(name: string): EnumDesc {
    return this.desc.enums[name]!;
  }

  encode(type: string, value: ProtoMessage): Buffer {
    const w = new ProtoWriter();
    this.writeMessage(w, type, value);
    return w.finish();
  }

  decode(type: string, bytes: Buffer): ProtoMessage {
    return this.readMessage(new ProtoReader(bytes), type);
  }

  // -- encoding ------------------------------------------------------------

  private writeMessage(w: ProtoWriter, type: string, value: ProtoMessage): void {
    if (typeof value !== 'object') throw new TypeError(`${type}: object expected`);
    for (const f of this.message(type).fields) {
      const v = value[f.name];
      if (v === null || v === undefined) continue;
      if (f.keyType) this.writeMap(w, f, v as Record<string, unknown>);
      else if (f.repeated) this.writeRepeated(w, f, v as unknown[]);
      else this.writeField(w, f, f.kind, f.type, v);
    }
  }

  private writeField(w: ProtoWriter, f: { id: number }, kind: FieldDesc['kind'], type: string, v: unknown): void {
    if (kind === 'message') {
      w.tag(f.id, WIRE.LEN).fork();
      this.writeMessage(w, type, v as ProtoMessage);
      w.ldelim();
      return;
    }
    w.tag(f.id, wireType(kind, type));
    this.writeScalar(w, kind, type, v);
  }

  private writeRepeated(w: ProtoWriter, f: FieldDesc, values: unknown[]): void {
    if (!Array.isArray(values)) throw new TypeError(`.${f.name}: array expected`);
    if (values.length === 0) return;
    if (f.packed) {
      w.tag(f.id, WIRE.LEN).fork();
      for (const v of values) this.writeScalar(w, f.kind, f.type, v);
      w.ldelim();
      return;
    }
    for (const v of values) this.writeField(w, f, f.kind, f.type, v);
  }

  private writeMap(w: ProtoWriter, f: FieldDesc, map: Record<string, unknown>): void {
    if (typeof map !== 'object') throw new TypeError(`.${f.name}: object expected`);
    for (const key of Object.keys(map)) {
      w.tag(f.id, WIRE.LEN).fork();
      this.writeField(w, { id: 1 }, 'scalar', f.keyType!, f.keyType === 'string' ? key : Number(key));
      this.writeField(w, { id: 2 }, f.kind, f.type, map[key]);
      w.ldelim();
    }
  }

  private writeScalar(w: ProtoWriter, kind: FieldDesc['kind'], type: string, v: unknown): void {
    if (kind === 'enum') {
      const n = typeof v === 'number' ? v : this.enumDesc(type).values[String(v)];
      if (n === undefined) throw new TypeError(`${type}: unknown enum value ${String(v)}`);
      w.int(n);
      return;
    }
    switch (type) {
      case 'string':
        return void w.string(String(v));
      case 'bytes':
        return void w.bytes(typeof v === 'string' ? Buffer.from(v, 'base64') : (v as Uint8Array));
      case 'bool':
        return void w.uint(v ? 1 : 0);
      case 'int32':
      case 'int64':
      case 'uint64':
        return void w.int(Number(v));
      case 'uint32':
        return void w.uint(Number(v) >>> 0);
      case 'sint32':
      case 'sint64':
        return void w.zigzag(Number(v));
      case 'fixed32':
      case 'sfixed32':
        return void w.fixed32(Number(v), type === 'sfixed32');
      case 'fixed64':
      case 'sfixed64':
        return void w.fixed64(Number(v));
      case 'float':
        return void w.float(Number(v));
      case 'double':
        return void w.double(Number(v));
    }
    throw new TypeError(`protobuf: unsupported scalar type ${type}`);
  }

  // -- decoding ------------------------------------------------------------

  private readMessage(r: ProtoReader, type: string): ProtoMessage {
    const m = this.message(type);
    const out = this.defaults(m);
    while (r.pos < r.end) {
      const tag = r.uint();
      const id = Math.floor(tag / 8);
      const wt = tag % 8;
      const f = m.fields.find((x) => x.id === id);
      if (!f) r.skip(wt);
      else if (f.keyType) this.readMapEntry(r.sub(), f, out[f.name] as Record<string, unknown>);
      else if (f.repeated) this.readRepeated(r, f, wt, out[f.name] as unknown[]);
      else {
        out[f.name] = this.readValue(r, f.kind, f.type);
        if (f.oneof) out[f.oneof] = f.name;
      }
    }
    return out;
  }

  private defaults(m: MessageDesc): ProtoMessage {
    const out: ProtoMessage = {};
    for (const f of m.fields) {
      if (f.oneof) continue;
      if (f.keyType) out[f.name] = {};
      else if (f.repeated) out[f.name] = [];
      else out[f.name] = this.defaultValue(f);
    }
    return out;
  }

  private defaultValue(f: FieldDesc): unknown {
    if (f.kind === 'message') return null;
    if (f.kind === 'enum') return this.enumDesc(f.type).defaultName;
    if (f.type === 'string') return '';
    if (f.type === 'bytes') return Buffer.alloc(0);
    if (f.type === 'bool') return false;
    return 0;
  }

  private readRepeated(r: ProtoReader, f: FieldDesc, wt: number, into: unknown[]): void {
    // Packed (proto3's default for numbers) or one element per occurrence: accept both.
    if (wt === WIRE.LEN && f.kind !== 'message' && f.type !== 'string' && f.type !== 'bytes') {
      const sub = r.sub();
      while (sub.pos < sub.end) into.push(this.readValue(sub, f.kind, f.type));
      return;
    }
    into.push(this.readValue(r, f.kind, f.type));
  }

  private readMapEntry(r: ProtoReader, f: FieldDesc, into: Record<string, unknown>): void {
    let key: unknown = f.keyType === 'string' ? '' : 0;
    let value: unknown;
    while (r.pos < r.end) {
      const tag = r.uint();
      if (tag >>> 3 === 1) key = this.readValue(r, 'scalar', f.keyType!);
      else if (tag >>> 3 === 2) value = this.readValue(r, f.kind, f.type);
      else r.skip(tag & 7);
    }
    into[String(key)] = value ?? (f.kind === 'message' ? this.defaults(this.message(f.type)) : this.defaultValue(f));
  }

  private readValue(r: ProtoReader, kind: FieldDesc['kind'], type: string): unknown {
    if (kind === 'message') return this.readMessage(r.sub(), type);
    if (kind === 'enum') {
      const n = r.int(32);
      return this.enumDesc(type).names[n] ?? n;
    }
    switch (type) {
      case 'string':
        return r.bytes().toString('utf8');
      case 'bytes':
        return r.bytes();
      case 'bool':
        return r.uint() !== 0;
      case 'int32':
        return r.int(32);
      case 'int64':
        return r.int(64);
      case 'uint32':
        return r.uint32();
      case 'uint64':
        return r.uint();
      case 'sint32':
      case 'sint64':
        return r.zigzag();
      case 'fixed32':
      case 'sfixed32':
        return r.fixed32(type === 'sfixed32');
      case 'fixed64':
      case 'sfixed64':
        return r.fixed64(type === 'sfixed64');
      case 'float':
        return r.float();
      case 'double':
        return r.double();
    }
    throw new TypeError(`protobuf: unsupported scalar type ${type}`);
  }
}
