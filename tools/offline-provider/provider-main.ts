// Entry point of the stand-in provider plugin process.
//
//   provider-main.ts --schema <providers-schema.json> [--provider <address|name>]
//     What the mirror's terraform-provider-<name>_v<version>_x6 wrapper execs: one
//     provider instance, launched by Terraform with go-plugin's handshake (AutoMTLS).
//
//   provider-main.ts --reattach --schema <file> --provider <address> [--schema … --provider …]
//     The reattach daemon: serves every listed provider on a unix socket of its own
//     (PLUGIN_UNIX_SOCKET_DIR, else the temp dir), one provider instance per
//     connection, and prints one line, the TF_REATTACH_PROVIDERS value that makes
//     Terraform connect to it instead of starting provider processes. Runs until its
//     stdin closes (the planner exited) or SIGTERM.
//
// Environment (all optional): OFFLINE_PROVIDER_SCHEMA / OFFLINE_PROVIDER_ADDRESS as
// alternatives to the flags, OFFLINE_PROVIDER_CACHE_DIR for the encoded-schema cache
// (default <tmpdir>/offline-provider-cache), OFFLINE_PROVIDER_RPC_LOG=<file> to
// record every RPC Terraform makes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_PROTOCOL_VERSION, HandshakeError, readLaunchEnvironment } from './handshake';
import { RunningProviderServer, serveProvider, ServeOptions } from './provider-server';
import { loadProviderSchemaFile } from './schema';

// go-plugin convention: plugin stderr lines prefixed with a level end up in
// Terraform's log (visible with TF_LOG=debug), never on the user's terminal.
const debug = (msg: string) => process.stderr.write(`[DEBUG] offline-provider: ${msg}\n`);

/** Every value of a repeated flag, in order. */
function args(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === name && i + 1 < process.argv.length ? [process.argv[i + 1]!] : []));
}

const common = (): Pick<ServeOptions, 'cacheDir' | 'rpcLogFile' | 'debug'> => ({
  cacheDir: process.env.OFFLINE_PROVIDER_CACHE_DIR || join(tmpdir(), 'offline-provider-cache'),
  rpcLogFile: process.env.OFFLINE_PROVIDER_RPC_LOG || undefined,
  debug,
});

async function serveLaunched(schemaFile: string, provider: string | undefined): Promise<void> {
  let launch;
  try {
    launch = readLaunchEnvironment();
  } catch (e) {
    if (e instanceof HandshakeError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const exit = () => process.exit(0);
  const running = await serveProvider({ ...common(), launch, loadSchema: () => loadProviderSchemaFile(schemaFile, provider), onShutdown: exit });
  process.stdout.write(`${running.handshake}\n`);
  debug(`serving ${provider ?? schemaFile} on ${running.socketPath} (tls: ${running.certDer ? 'AutoMTLS' : 'off'})`);

  // Like go-plugin servers: Ctrl-C reaches the whole process group, and Terraform
  // itself decides when to stop us (StopProvider / Shutdown), so ignore SIGINT.
  process.on('SIGINT', () => debug('ignoring SIGINT'));
  process.on('SIGTERM', () => void running.close());
  // If Terraform dies without calling Shutdown we would be re-parented; do not linger.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void running.close();
  }, 1000).unref();
}

async function serveReattach(schemaFiles: string[], providers: string[]): Promise<void> {
  if (providers.length !== schemaFiles.length) throw new Error('--reattach needs one --provider <address> per --schema <file>');
  const socketDir = process.env.PLUGIN_UNIX_SOCKET_DIR || tmpdir();
  const launch = { protocolVersion: APP_PROTOCOL_VERSION, socketDir };
  const running: RunningProviderServer[] = [];
  const config: Record<string, unknown> = {};
  for (const [i, file] of schemaFiles.entries()) {
    // Loaded up front: every instance of every command shares it.
    const loaded = loadProviderSchemaFile(file, providers[i]);
    const server = await serveProvider({ ...common(), launch, loadSchema: () => loaded, instancePerConnection: true });
    running.push(server);
    // Test: Terraform neither monitors nor stops this process (go-plugin ReattachConfig).
    config[loaded.address] = {
      Protocol: 'grpc',
      ProtocolVersion: APP_PROTOCOL_VERSION,
      Pid: process.pid,
      Test: true,
      Addr: { Network: 'unix', String: server.socketPath },
    };
  }
  const stop = () => {
    const { user, system } = process.cpuUsage();
    debug(`stopping after ${process.uptime().toFixed(1)} s, ${((user + system) / 1e6).toFixed(1)} s of CPU`);
    void Promise.all(running.map((r) => r.close())).then(() => process.exit(0));
  };
  process.stdin.on('end', stop).on('error', stop).resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => debug('ignoring SIGINT')); // the planner stops us
  process.stdout.write(`${JSON.stringify(config)}\n`);
}

async function main(): Promise<void> {
  const schemaFiles = args('--schema');
  if (schemaFiles.length === 0 && process.env.OFFLINE_PROVIDER_SCHEMA) schemaFiles.push(process.env.OFFLINE_PROVIDER_SCHEMA);
  if (schemaFiles.length === 0) {
    process.stderr.write('offline-provider: --schema <file> (or OFFLINE_PROVIDER_SCHEMA) is required\n');
    process.exit(2);
  }
  const providers = args('--provider');
  if (process.argv.includes('--reattach')) return serveReattach(schemaFiles, providers);
  return serveLaunched(schemaFiles[0]!, providers[0] ?? process.env.OFFLINE_PROVIDER_ADDRESS);
}

main().catch((e: unknown) => {
  process.stderr.write(`[ERROR] offline-provider: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
