// gRPC transport for the stand-in provider: the tfplugin6 Provider service plus the
// go-plugin services Terraform's plugin client talks to, on a unix socket, with
// go-plugin AutoMTLS when Terraform asks for it.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { handshakeLine, LaunchEnvironment, newSocketPath } from './handshake';
import { LoadedProviderSchema, ProtoObject } from './schema';
import { Req, StandInOptions, StandInProvider } from './stand-in-provider';
import { generateServerCertificate } from './tls-cert';

const PROTO_DIR = join(__dirname, 'proto');
const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, oneofs: true };

export interface ServeOptions {
  launch: LaunchEnvironment;
  /** Called lazily after the socket is up, so the handshake does not wait for JSON parsing. */
  loadSchema: () => LoadedProviderSchema;
  cacheDir?: string;
  rpcLogFile?: string;
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

export function loadProtos(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(
    ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'].map((f) => join(PROTO_DIR, f)),
    LOADER_OPTIONS,
  );
}

function service(defs: protoLoader.PackageDefinition, name: string): grpc.ServiceDefinition {
  const def = defs[name];
  // Message and enum entries carry a `format` field; services are method maps.
  if (!def || 'format' in def) throw new Error(`service ${name} missing from the protos`);
  return def as unknown as grpc.ServiceDefinition;
}

export async function serveProvider(opts: ServeOptions): Promise<RunningProviderServer> {
  const debug = opts.debug ?? (() => {});
  const defs = loadProtos();
  const providerDef = { ...service(defs, 'tfplugin6.Provider') };
  const schemaMethod = providerDef.GetProviderSchema!;
  // Let the GetProviderSchema handler hand back already-encoded bytes (cached on disk).
  providerDef.GetProviderSchema = {
    ...schemaMethod,
    responseSerialize: (v: unknown) => (Buffer.isBuffer(v) ? v : schemaMethod.responseSerialize(v)),
  };

  let provider: StandInProvider | undefined;
  const getProvider = (): StandInProvider => {
    if (!provider) {
      const standInOpts: StandInOptions = {
        encodeSchemaResponse: (msg) => schemaMethod.responseSerialize(msg),
        cacheDir: opts.cacheDir,
        rpcLogFile: opts.rpcLogFile,
      };
      provider = new StandInProvider(opts.loadSchema(), standInOpts);
    }
    return provider;
  };

  const server = new grpc.Server({
    'grpc.max_receive_message_length': 256 * 1024 * 1024,
    'grpc.max_send_message_length': -1,
  });

  const handlers: grpc.UntypedServiceImplementation = {};
  for (const name of UNARY_METHODS) {
    handlers[name] = (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      try {
        const p = getProvider();
        callback(null, (p[name] as Method).call(p, call.request));
      } catch (e) {
        debug(`${name} failed: ${e instanceof Error ? e.stack : e}`);
        callback({ code: grpc.status.INTERNAL, details: `offline provider: ${e instanceof Error ? e.message : e}` });
      }
    };
  }
  server.addService(providerDef, handlers);

  // go-plugin plumbing. The streams stay open until shutdown; we never broker
  // extra connections and send no stdio (our logs go to stderr, which go-plugin
  // forwards to Terraform's log anyway).
  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>>();
  const track = (s: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>) => {
    openStreams.add(s);
    s.on('cancelled', () => openStreams.delete(s));
    s.on('error', () => openStreams.delete(s));
  };
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    shuttingDown ??= new Promise<void>((resolve) => {
      for (const s of openStreams) s.end();
      openStreams.clear();
      const done = () => {
        rmSync(socketPath, { force: true });
        resolve();
        opts.onShutdown?.();
      };
      // In-flight calls get a moment to finish; Terraform kills us after 2 s anyway.
      const timer = setTimeout(() => {
        server.forceShutdown();
        done();
      }, 500);
      server.tryShutdown(() => {
        clearTimeout(timer);
        done();
      });
    });
    return shuttingDown;
  };

  server.addService(service(defs, 'plugin.GRPCController'), {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      debug('GRPCController.Shutdown');
      callback(null, {});
      // Reply first, then stop: setImmediate lets the response frame go out.
      setImmediate(() => void shutdown());
    },
  });
  server.addService(service(defs, 'plugin.GRPCStdio'), {
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => track(call),
  });
  server.addService(service(defs, 'plugin.GRPCBroker'), {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      track(call);
      call.on('data', () => {}); // no sub-plugins to broker
      call.on('end', () => call.end());
    },
  });
  server.addService(service(defs, 'grpc.health.v1.Health'), {
    Check: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, { status: 'SERVING' }),
  });

  let credentials: grpc.ServerCredentials;
  let certDer: Buffer | undefined;
  if (opts.launch.clientCertPem) {
    const cert = generateServerCertificate();
    certDer = cert.certDer;
    // rootCerts = the client's self-signed cert, checkClientCertificate = require and
    // verify it: only the Terraform process that launched us can talk to us.
    credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(opts.launch.clientCertPem),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true,
    );
  } else {
    credentials = grpc.ServerCredentials.createInsecure();
  }

  const socketPath = newSocketPath(opts.launch.socketDir);
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socketPath}`, credentials, (err) => (err ? reject(err) : resolve())));

  // Parse the schema while Terraform connects.
  setImmediate(() => {
    try {
      getProvider();
    } catch (e) {
      debug(`loading schema failed: ${e instanceof Error ? e.message : e}`);
    }
  });

  return { socketPath, certDer, handshake: handshakeLine(opts.launch.protocolVersion, socketPath, certDer), close: shutdown };
}
