// Entry point of the stand-in provider plugin process (what the mirror's
// terraform-provider-<name>_v<version>_x6 wrapper execs).
//
//   provider-main.ts --schema <providers-schema.json> [--provider <address|name>]
//
// Environment (all optional): OFFLINE_PROVIDER_SCHEMA / OFFLINE_PROVIDER_ADDRESS as
// alternatives to the flags, OFFLINE_PROVIDER_CACHE_DIR for the encoded-schema cache
// (default <tmpdir>/offline-provider-cache), OFFLINE_PROVIDER_RPC_LOG=<file> to
// record every RPC Terraform makes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandshakeError, readLaunchEnvironment } from './handshake';
import { serveProvider } from './provider-server';
import { loadProviderSchemaFile } from './schema';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// go-plugin convention: plugin stderr lines prefixed with a level end up in
// Terraform's log (visible with TF_LOG=debug), never on the user's terminal.
const debug = (msg: string) => process.stderr.write(`[DEBUG] offline-provider: ${msg}\n`);

async function main(): Promise<void> {
  const schemaFile = arg('--schema') ?? process.env.OFFLINE_PROVIDER_SCHEMA;
  const provider = arg('--provider') ?? process.env.OFFLINE_PROVIDER_ADDRESS;
  if (!schemaFile) {
    process.stderr.write('offline-provider: --schema <file> (or OFFLINE_PROVIDER_SCHEMA) is required\n');
    process.exit(2);
  }
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
  const running = await serveProvider({
    launch,
    loadSchema: () => loadProviderSchemaFile(schemaFile, provider),
    cacheDir: process.env.OFFLINE_PROVIDER_CACHE_DIR || join(tmpdir(), 'offline-provider-cache'),
    rpcLogFile: process.env.OFFLINE_PROVIDER_RPC_LOG || undefined,
    onShutdown: exit,
    debug,
  });
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

main().catch((e: unknown) => {
  process.stderr.write(`[ERROR] offline-provider: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
