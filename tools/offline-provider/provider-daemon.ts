// The reattach daemon (provider-main.ts --reattach): one provider process for a whole
// offline plan. Terraform starts a provider process per provider configuration (each
// alias) per command, which made process start-up the bulk of an offline plan;
// TF_REATTACH_PROVIDERS (Terraform's provider-debugging hook, go-plugin ReattachConfig
// with Test: true) makes every command connect to this process instead, and never
// start or stop a provider itself.
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { ProviderRuntime } from './provider-runtime';
import { SchemaEntry } from './schema-catalog';

export interface ProviderDaemon {
  /** The value for TF_REATTACH_PROVIDERS. */
  reattachProviders: string;
  /** Why the daemon stopped, when it stopped before close(). */
  died(): string | undefined;
  close(): Promise<void>;
}

export interface DaemonOptions {
  cacheDir: string;
  /** Where the provider sockets go. */
  socketDir: string;
  /** The daemon's stderr (debug lines, errors). */
  logFile: string;
  /** Give up when the daemon has not answered after this long. */
  startTimeoutMs?: number;
}

const tail = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(-20).join('\n');

export async function startProviderDaemon(runtime: ProviderRuntime, providers: SchemaEntry[], opts: DaemonOptions): Promise<ProviderDaemon> {
  const log = openSync(opts.logFile, 'a');
  const args = providers.flatMap((p) => ['--schema', p.file, '--provider', p.address]);
  const child = spawn(runtime.argv[0]!, [...runtime.argv.slice(1), '--reattach', ...args], {
    env: { ...process.env, ...runtime.env, OFFLINE_PROVIDER_CACHE_DIR: opts.cacheDir, PLUGIN_UNIX_SOCKET_DIR: opts.socketDir },
    stdio: ['pipe', 'pipe', log],
  });
  closeSync(log);
  let exit: string | undefined;
  let closing = false;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = `the offline provider daemon exited (${signal ?? `code ${code}`})${closing ? '' : `:\n${tail(opts.logFile)}`}`;
      resolve();
    }),
  );
  const reattachProviders = await firstLine(child, opts.startTimeoutMs ?? 60_000).catch((e: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${tail(opts.logFile)}`);
  });
  const close = async (): Promise<void> => {
    closing = true;
    child.stdin!.end(); // the daemon stops when its stdin closes
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { reattachProviders, died: () => (closing ? undefined : exit), close };
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the offline provider daemon did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const line = out.slice(0, nl);
      try {
        JSON.parse(line);
        resolve(line);
      } catch {
        reject(new Error(`the offline provider daemon said ${JSON.stringify(line)} instead of its reattach configuration`));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the offline provider daemon exited with code ${code} before it was ready`));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
