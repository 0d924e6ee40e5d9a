// grpc-server.ts seen from @grpc/grpc-js: replies, status codes and messages, streams
// that stay open until close(), one connection per client channel.
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGrpcMessage, GrpcError, GrpcStatus, MiniGrpcServer } from '../grpc-server';
import { ProtoCodec } from '../proto-codec';
import { protoDescriptor } from '../proto-descriptor';
import { loadProtos } from './protos';

type Client = grpc.Client & Record<string, (...args: any[]) => any>;

describe('minimal gRPC server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-server-'));
  const socket = join(dir, 'sock');
  const server = new MiniGrpcServer(protoDescriptor());
  const connections = new Set<object>();
  const pkg = grpc.loadPackageDefinition(loadProtos()) as any;
  const clients: Client[] = [];
  const client = (ctor: string): Client => {
    const Ctor = ctor.split('.').reduce((o, k) => o[k], pkg);
    // A channel of its own (no shared subchannel), so each client is one connection.
    const c = new Ctor(`unix:${socket}`, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }) as Client;
    clients.push(c);
    return c;
  };
  const call = (c: Client, method: string, req: object) =>
    new Promise<any>((resolve, reject) => c[method]!(req, (err: grpc.ServiceError | null, res: any) => (err ? reject(err) : resolve(res))));

  beforeAll(async () => {
    server.addUnary('/tfplugin6.Provider/GetMetadata', (_req, connection) => {
      connections.add(connection);
      return { diagnostics: [{ severity: 'WARNING', summary: `connection ${[...connections].indexOf(connection)}` }] };
    });
    server.addUnary('/tfplugin6.Provider/StopProvider', () =>
      new ProtoCodec(protoDescriptor()).encode('tfplugin6.StopProvider.Response', { Error: 'pre-encoded' }),
    );
    server.addUnary('/tfplugin6.Provider/ValidateResourceConfig', (req) => {
      throw new GrpcError(GrpcStatus.INVALID_ARGUMENT, `bad type ${String(req.type_name)}: 100% ünïcødé\nsecond line`);
    });
    server.addUnary('/tfplugin6.Provider/ConfigureProvider', () => {
      throw new Error('boom');
    });
    server.addIdleStream('/plugin.GRPCBroker/StartStream');
    await server.listen(socket);
  });
  afterAll(() => {
    for (const c of clients) c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers unary calls, with objects or pre-encoded bytes, and tells connections apart', async () => {
    const a = client('tfplugin6.Provider');
    const b = client('tfplugin6.Provider');
    expect((await call(a, 'GetMetadata', {})).diagnostics[0]).toMatchObject({ severity: 'WARNING', summary: 'connection 0' });
    expect((await call(b, 'GetMetadata', {})).diagnostics[0].summary).toBe('connection 1');
    expect((await call(a, 'GetMetadata', {})).diagnostics[0].summary).toBe('connection 0');
    expect(await call(a, 'StopProvider', {})).toEqual({ Error: 'pre-encoded' });
  });

  it('reports errors as gRPC statuses with the message intact', async () => {
    const c = client('tfplugin6.Provider');
    await expect(call(c, 'ValidateResourceConfig', { type_name: 'x' })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: 'bad type x: 100% ünïcødé\nsecond line',
    });
    await expect(call(c, 'ConfigureProvider', {})).rejects.toMatchObject({ code: grpc.status.INTERNAL, details: 'boom' });
    await expect(call(c, 'GetFunctions', {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    expect(encodeGrpcMessage('a%b\n')).toBe('a%25b%0A');
  });

  it('keeps idle streams open until close(), then ends them with OK', async () => {
    const broker = client('plugin.GRPCBroker').StartStream() as grpc.ClientDuplexStream<unknown, unknown>;
    const ended = new Promise<grpc.StatusObject>((resolve) => broker.on('status', resolve));
    broker.on('data', () => {});
    broker.write({ service_id: 1 });
    await new Promise((r) => setTimeout(r, 100));
    let settled = false;
    void ended.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await server.close(500);
    expect((await ended).code).toBe(grpc.status.OK);
  });
});
