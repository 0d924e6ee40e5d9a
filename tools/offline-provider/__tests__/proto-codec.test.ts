// proto-codec.ts against @grpc/proto-loader (protobufjs), which is what the stand-in
// spoke before and what every gRPC client in these tests uses: for random messages
// of every request and response type, the same bytes and the same decoded objects.
import { ProtoCodec, ProtoMessage } from '../proto-codec';
import { buildProtoDescriptor, FieldDesc, ProtoDescriptor } from '../proto-descriptor';
import { loadProviderSchemaFile, protoGetProviderSchemaResponse } from '../schema';
import { AZURERM_SCHEMA } from './prereqs';
import { loadProtos } from './protos';
import { join } from 'node:path';

interface MethodDef {
  requestSerialize(v: unknown): Buffer;
  requestDeserialize(b: Buffer): unknown;
  responseSerialize(v: unknown): Buffer;
  responseDeserialize(b: Buffer): unknown;
}

const desc: ProtoDescriptor = buildProtoDescriptor(join(__dirname, '..', 'proto'));
const codec = new ProtoCodec(desc);
const defs = loadProtos() as unknown as Record<string, Record<string, MethodDef>>;

/** mulberry32: a small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scalar(f: FieldDesc, r: () => number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  if (f.kind === 'enum') return pick(Object.keys(desc.enums[f.type]!.values));
  switch (f.type) {
    case 'string':
      return pick(['', 'a', 'azurerm_resource_group', 'ünïcødé ✓', 'x'.repeat(200)]);
    case 'bytes':
      return Buffer.from(Array.from({ length: pick([0, 1, 5, 130]) }, () => Math.floor(r() * 256)));
    case 'bool':
      return r() < 0.5;
    case 'int64':
    case 'int32':
      return pick([0, 1, -1, 127, 128, 300, -300, 2 ** 31 - 1, -(2 ** 31)].concat(f.type === 'int64' ? [2 ** 40 + 3, -(2 ** 45), 2 ** 53 - 1] : []));
    case 'uint32':
      return pick([0, 1, 128, 2 ** 32 - 1]);
  }
  throw new Error(`no generator for ${f.type}`);
}

function randomMessage(type: string, r: () => number, depth = 0): ProtoMessage {
  const out: ProtoMessage = {};
  const oneofsDone = new Set<string>();
  for (const f of desc.messages[type]!.fields) {
    if (r() < 0.4 || (f.kind === 'message' && depth > 3)) continue;
    if (f.oneof) {
      if (oneofsDone.has(f.oneof)) continue;
      oneofsDone.add(f.oneof);
    }
    const value = () => (f.kind === 'message' ? randomMessage(f.type, r, depth + 1) : scalar(f, r));
    if (f.keyType) out[f.name] = Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, (_, i) => [`k${i}`, value()]));
    else if (f.repeated) out[f.name] = Array.from({ length: Math.floor(r() * 4) }, value);
    else out[f.name] = value();
  }
  return out;
}

const methods = Object.entries(desc.methods).map(([path, m]) => {
  const [service, name] = path.slice(1).split('/') as [string, string];
  return { path, service, name, ...m };
});

describe('protobuf codec', () => {
  it.each(methods.map((m) => [m.path, m] as const))('%s: same bytes and objects as @grpc/proto-loader', (_path, m) => {
    const def = defs[m.service]![m.name]!;
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed * 7919 + m.path.length);
      for (const [type, serialize, deserialize] of [
        [m.request, def.requestSerialize, def.requestDeserialize],
        [m.response, def.responseSerialize, def.responseDeserialize],
      ] as const) {
        const msg = randomMessage(type, r);
        const reference = serialize(msg);
        expect(codec.encode(type, msg)).toEqual(reference);
        expect(codec.decode(type, reference)).toEqual(deserialize(reference));
      }
    }
  });

  it('fills defaults like proto-loader (enums by name, empty bytes, null messages, no unset oneof members)', () => {
    const diag = codec.decode('tfplugin6.Diagnostic', Buffer.alloc(0));
    expect(diag).toEqual({ severity: 'INVALID', summary: '', detail: '', attribute: null });
    const step = codec.decode('tfplugin6.AttributePath.Step', codec.encode('tfplugin6.AttributePath.Step', { element_key_int: -5 }));
    expect(step).toEqual({ element_key_int: -5, selector: 'element_key_int' });
    expect(codec.decode('tfplugin6.RawState', Buffer.alloc(0))).toEqual({ json: Buffer.alloc(0), flatmap: {} });
  });

  it('skips fields it does not know (a newer Terraform)', () => {
    // field 15 (varint), 16 (bytes), 17 (fixed64), 18 (fixed32) are not in DynamicValue
    const unknown = Buffer.from([0x78, 0x96, 0x01, 0x82, 0x01, 0x02, 0x61, 0x62, 0x89, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0x95, 0x01, 1, 2, 3, 4]);
    const known = codec.encode('tfplugin6.DynamicValue', { msgpack: Buffer.from([0xc0]) });
    expect(codec.decode('tfplugin6.DynamicValue', Buffer.concat([unknown, known]))).toEqual({ msgpack: Buffer.from([0xc0]), json: Buffer.alloc(0) });
  });

  it('handles the wire types the protos do not use yet (packed and unpacked numbers, zigzag, fixed, floating point)', () => {
    const f = (id: number, name: string, type: string, extra: Partial<FieldDesc> = {}): FieldDesc => ({ id, name, type, kind: 'scalar', ...extra });
    const synthetic = new ProtoCodec({
      messages: {
        T: {
          fields: [
            f(1, 'ns', 'int32', { repeated: true, packed: true }),
            f(2, 's', 'sint64'),
            f(3, 'x', 'fixed32'),
            f(4, 'd', 'double'),
            f(5, 'q', 'sfixed64'),
          ],
        },
      },
      enums: {},
      methods: {},
    });
    const bytes = synthetic.encode('T', { ns: [1, 150], s: -1, x: 1, d: 1.5, q: -2 });
    expect(bytes.toString('hex')).toBe('0a03019601' + '1001' + '1d01000000' + '21000000000000f83f' + '29feffffffffffffff');
    expect(synthetic.decode('T', bytes)).toEqual({ ns: [1, 150], s: -1, x: 1, d: 1.5, q: -2 });
    // The same list sent unpacked (one tag per element), as older encoders do.
    expect(synthetic.decode('T', Buffer.from('08010896 01'.replace(/ /g, ''), 'hex')).ns).toEqual([1, 150]);
  });

  it('rejects truncated messages and unknown enum names', () => {
    expect(() => codec.decode('tfplugin6.DynamicValue', Buffer.from([0x0a, 0x05, 1]))).toThrow(/truncated/);
    expect(() => codec.encode('tfplugin6.Diagnostic', { severity: 'FATAL' })).toThrow(/unknown enum value FATAL/);
  });

  it('encodes the committed azurerm schema byte for byte like proto-loader', () => {
    const response = protoGetProviderSchemaResponse(loadProviderSchemaFile(AZURERM_SCHEMA, 'azurerm').schema);
    const reference = defs['tfplugin6.Provider']!.GetProviderSchema!.responseSerialize(response);
    expect(codec.encode('tfplugin6.GetProviderSchema.Response', response)).toEqual(reference);
  });
});
