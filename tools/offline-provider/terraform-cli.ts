// Running the terraform binary.
import { spawn, spawnSync } from 'node:child_process';

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Kill terraform (which then stops its providers) after this long. */
  timeoutMs?: number;
}

export function runTerraform(bin: string, args: string[], opts: RunOptions): Promise<TerraformResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8') + (timedOut ? `\nterraform ${args[0]} timed out after ${opts.timeoutMs} ms` : '');
      resolvePromise({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
  });
}

const versions = new Map<string, string | undefined>();

/**
 * `terraform version` of `bin`, or undefined when it cannot be run. Asked once per process for a
 * binary and PATH: every plan run checks its prerequisites, and a test file plans many times.
 */
export function terraformVersion(bin: string, env: NodeJS.ProcessEnv): string | undefined {
  const key = `${bin}\u0000${env.PATH ?? ''}`;
  if (!versions.has(key)) versions.set(key, askTerraformVersion(bin, env));
  return versions.get(key);
}

function askTerraformVersion(bin: string, env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(bin, ['version', '-json'], { env, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0 || !r.stdout) return undefined;
  try {
    return (JSON.parse(r.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}
