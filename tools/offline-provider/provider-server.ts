// gRPC transport for the stand-in provider: the tfplugin6 Provider service plus the
// go-plugin services Terraform's plugin client talks to, on a unix socket, with
// go-plugin AutoMTLS when Terraform asks for it. Served by grpc-server.ts (node:http2
// and a descriptor-driven protobuf codec) rather than @grpc/grpc-js, whose loading and
// .proto parsing cost every provider process ~150 ms of start-up.
import { rmSync } from 'node:fs';
import { GrpcError, GrpcStatus, MiniGrpcServer } from './grpc-server';
import { handshakeLine, LaunchEnvironment, newSocketPath } from './handshake';
import { ProtoCodec } from './proto-codec';
import { protoDescriptor } from './proto-descriptor';
import { LoadedProviderSchema, ProtoObject } from './schema';
import { Req, StandInOptions, StandInProvider } from './stand-in-provider';
import { generateServerCertificate } from './tls-cert';

export interface ServeOptions {
  launch: LaunchEnvironment;
  /** Called lazily after the socket is up, so the handshake does not wait for JSON parsing. */
  loadSchema: () => LoadedProviderSchema;
  cacheDir?: string;
  rpcLogFile?: string;
  /**
   * One provider instance per client connection, for the reattach daemon that serves
   * every instance of every Terraform command of a run (each instance connects
   * anew); GRPCController.Shutdown then only answers, it does not stop the server.
   * Default: one instance per process, as Terraform starts it.
   */
  instancePerConnection?: boolean;
  /** Called after GRPCController.Shutdown (or close()) finished; the CLI exits here. */
  onShutdown?: () => void;
  debug?: (msg: string) => void;
}

export interface RunningProviderServer {
  socketPath: string;
  certDer?: Buffer;
  handshake: string;
  close(): Promise<void>;
}

type Method = (req: Req) => ProtoObject | Buffer;
const UNARY_METHODS = [
  'GetMetadata',
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ConfigureProvider',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'MoveResourceState',
  'ReadDataSource',
  'ValidateEphemeralResourceConfig',
  'OpenEphemeralResource',
  'RenewEphemeralResource',
  'CloseEphemeralResource',
  'GetFunctions',
  'CallFunction',
  'StopProvider',
] as const;

/** The provider instance serving a connection: one per process, or one per connection. */
function instances(opts: ServeOptions, codec: ProtoCodec): (connection: object) => StandInProvider {
  let loaded: LoadedProviderSchema | undefined;
  let single: StandInProvider | undefined;
  const perConnection = new WeakMap<object, StandInProvider>();
  const standInOpts: StandInOptions = {
    encodeSchemaResponse: (msg) => codec.encode('tfplugin6.GetProviderSchema.Response', msg),
    cacheDir: opts.cacheDir,
    rpcLogFile: opts.rpcLogFile,
  };
  return (connection) => {
    loaded ??= opts.loadSchema();
    if (!opts.instancePerConnection) return (single ??= new StandInProvider(loaded, standInOpts));
    let p = perConnection.get(connection);
    if (!p) perConnection.set(connection, (p = new StandInProvider(loaded, standInOpts)));
    return p;
  };
}

function addProviderService(server: MiniGrpcServer, instanceFor: (connection: object) => StandInProvider, debug: (msg: string) => void): void {
  for (const name of UNARY_METHODS) {
    server.addUnary(`/tfplugin6.Provider/${name}`, (req, connection) => {
      try {
        const p = instanceFor(connection);
        return (p[name] as Method).call(p, req);
      } catch (e) {
        debug(`${name} failed: ${e instanceof Error ? e.stack : e}`);
        throw new GrpcError(GrpcStatus.INTERNAL, `offline provider: ${e instanceof Error ? e.message : e}`);
      }
    });
  }
}

/**
 * go-plugin plumbing. The streams stay open until shutdown; we never broker extra
 * connections and send no stdio (our logs go to stderr, which go-plugin forwards to
 * Terraform's log anyway).
 */
function addGoPluginServices(server: MiniGrpcServer, onShutdownCall: (() => void) | undefined, debug: (msg: string) => void): void {
  server.addUnary(
    '/plugin.GRPCController/Shutdown',
    () => {
      debug('GRPCController.Shutdown');
      return {};
    },
    { onSent: onShutdownCall }, // reply first, then stop
  );
  server.addIdleStream('/plugin.GRPCStdio/StreamStdio');
  server.addIdleStream('/plugin.GRPCBroker/StartStream');
  server.addUnary('/grpc.health.v1.Health/Check', () => ({ status: 'SERVING' }));
}

export async function serveProvider(opts: ServeOptions): Promise<RunningProviderServer> {
  const debug = opts.debug ?? (() => {});
  const desc = protoDescriptor();
  const codec = new ProtoCodec(desc);
  const server = new MiniGrpcServer(desc, codec);
  const instanceFor = instances(opts, codec);
  const socketPath = newSocketPath(opts.launch.socketDir);
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    // In-flight calls get a moment to finish; Terraform kills us after 2 s anyway.
    shuttingDown ??= server.close(500).then(() => {
      rmSync(socketPath, { force: true });
      opts.onShutdown?.();
    });
    return shuttingDown;
  };
  addProviderService(server, instanceFor, debug);
  addGoPluginServices(server, opts.instancePerConnection ? undefined : () => void shutdown(), debug);

  let certDer: Buffer | undefined;
  if (opts.launch.clientCertPem) {
    const cert = generateServerCertificate();
    certDer = cert.certDer;
    // The client's self-signed cert is the only CA, and a client certificate is
    // required: only the Terraform process that launched us can talk to us.
    await server.listen(socketPath, { keyPem: cert.keyPem, certPem: cert.certPem, clientCaPem: opts.launch.clientCertPem });
  } else {
    await server.listen(socketPath);
  }

  // Parse the schema while Terraform connects.
  setImmediate(() => {
    try {
      instanceFor(server);
    } catch (e) {
      debug(`loading schema failed: ${e instanceof Error ? e.message : e}`);
    }
  });

  return { socketPath, certDer, handshake: handshakeLine(opts.launch.protocolVersion, socketPath, certDer), close: shutdown };
}
