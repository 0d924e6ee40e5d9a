// Offline states over HTTP. With the local backend, `terraform apply` rewrites (and
// fsyncs) the whole state file after every resource it applies: quadratic in the
// stack's size, and the larger part of an offline apply of a big stack. Terraform's
// `http` backend keeps the state in memory during the apply and stores it once at
// the end (and every 20 s of a long one). So, offline, every stack's backend becomes
// an `http` backend served by this process, which keeps each state in exactly the
// file the local backend would have used: terraform_remote_state reads (local
// backend), prior states (--prior-states) and kept states (--keep-states) work on
// the same files as before.
//
// The server listens on 127.0.0.1 only, under a random path prefix, and serves files
// inside the work dir only.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFile, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { StackWorkspace, Workspace } from './workspace';

export interface StateServer {
  /** The http backend address for a state file inside the root. */
  address(stateFile: string): string;
  close(): Promise<void>;
}

export async function startStateServer(root: string): Promise<StateServer> {
  const prefix = `/${randomBytes(12).toString('hex')}/`;
  const fileFor = (url = ''): string | undefined => {
    if (!url.startsWith(prefix)) return undefined;
    const file = resolve(root, ...url.slice(prefix.length).split('/').map(decodeURIComponent));
    return file.startsWith(root + sep) ? file : undefined;
  };
  const server = createServer((req, res) => {
    const file = fileFor(req.url);
    if (!file) return answer(res, 404);
    if (req.method === 'GET') return readFile(file, (err, body) => (err ? answer(res, 404) : answer(res, 200, body))); // 404: no state yet
    if (req.method === 'POST') return receive(req, res, file);
    if (req.method === 'DELETE') {
      rmSync(file, { force: true });
      return answer(res, 200);
    }
    answer(res, 405);
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return {
    address: (stateFile) => base + relative(root, stateFile).split(sep).map(encodeURIComponent).join('/'),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function answer(res: ServerResponse, status: number, body?: Buffer): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

function receive(req: IncomingMessage, res: ServerResponse, file: string): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat(chunks));
      renameSync(tmp, file); // readers never see half a state
      answer(res, 200);
    } catch (e) {
      answer(res, 500, Buffer.from(String(e)));
    }
  });
}

/** Written next to a stack's cdk.tf.json; Terraform merges `*_override.tf.json` files last. */
export const BACKEND_OVERRIDE_FILE = 'offline_backend_override.tf.json';

/** The backend of every stack on the server: its address comes from the environment (stateAddressEnv). */
export const HTTP_BACKEND_OVERRIDE = { terraform: { backend: { http: {} } } };

/**
 * Points the backend of every stack whose state lives in the work dir at the server,
 * with an override file: a backend block in an override file replaces the stack's own,
 * and cdk.tf.json stays byte for byte as it was, so the lines and ranges of
 * diagnostics do not move. Stacks without a backend block keep Terraform's default
 * local state. The address is not in the file but in TF_HTTP_ADDRESS (stateAddressEnv),
 * so every stack has the same backend configuration and one `terraform init` serves
 * them all (shared-init.ts).
 */
export function useStateServer(ws: Workspace, server: StateServer): void {
  for (const sw of ws.stacks.values()) {
    if (!sw.stateFile || !sw.stateFile.startsWith(ws.root + sep)) continue;
    const doc = JSON.parse(readFileSync(sw.configFile, 'utf8')) as { terraform?: { backend?: Record<string, unknown> } };
    const override = join(sw.dir, BACKEND_OVERRIDE_FILE);
    if (!doc.terraform?.backend || existsSync(override)) continue;
    writeFileSync(override, JSON.stringify(HTTP_BACKEND_OVERRIDE, null, 2));
    sw.stateAddress = server.address(sw.stateFile);
  }
}

/** What a terraform command in the stack's directory needs in its environment to reach its state. */
export function stateAddressEnv(sw: Pick<StackWorkspace, 'stateAddress'>): NodeJS.ProcessEnv {
  return sw.stateAddress ? { TF_HTTP_ADDRESS: sw.stateAddress } : {};
}

/**
 * For a kept work dir (--keep-temp): the server is gone, so the stacks go back to their
 * own backends (the same state files); `terraform init -reconfigure` picks that up.
 */
export function restoreOwnBackends(ws: Workspace): void {
  for (const sw of ws.stacks.values()) rmSync(join(sw.dir, BACKEND_OVERRIDE_FILE), { force: true });
}

/** Environment settings of the http backend that would override or extend our configuration (the address is set per command). */
export function dropHttpBackendSettings(env: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(env)) if (k.startsWith('TF_HTTP_')) delete env[k];
}
