// The throw-away copy of the cdktf output the plan runs in.
//
// The whole output dir is copied to <tmp>/project/<outdir name> so relative paths in
// the stacks keep their meaning: a local backend at "../../../terraform-state/x.tfstate"
// (relative to stacks/<name>) lands in <tmp>/project/terraform-state/, and so do
// `terraform_remote_state` reads with the same relative paths. Nothing is ever
// written to the real output dir or the real state files.
//
// Rewrites, each reported as a note:
//  - any local state path that would resolve outside the temp dir (absolute, or
//    climbing too far) is redirected to <tmp>/project/terraform-state/<file>;
//  - offline only: a non-local backend (azurerm, ...) becomes a local one, and
//    `terraform_remote_state` reads of such a backend are pointed at the local state
//    of the stack whose backend had the same key; `terraform { cloud {} }` is dropped.
//
// States from an earlier run (`priorStatesDir`) are copied into <tmp>/project/terraform-state/
// with the same relative layout, which is where every backend that the default synth
// or the rewrites above produce keeps its state (`StackWorkspace.stateFile`).
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ManifestStack } from './manifest';

export interface StackWorkspace {
  stack: ManifestStack;
  dir: string;
  configFile: string;
  notes: string[];
  /** Problems that make the stack impossible to plan offline. */
  errors: string[];
  /** Absolute path of the state file the stack's backend uses in the copy; undefined for a remote backend (real mode). */
  stateFile?: string;
  /** The stacks whose state it reads (`terraform_remote_state`), as far as the copy tells. */
  reads: string[];
  /** Offline: the state server's address of its state, for TF_HTTP_ADDRESS (state-server.ts). */
  stateAddress?: string;
}

export interface Workspace {
  root: string;
  projectDir: string;
  outDir: string;
  stateDir: string;
  stacks: Map<string, StackWorkspace>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function createWorkspace(srcOutDir: string, root: string, stacks: ManifestStack[], mode: 'offline' | 'real'): Workspace {
  const projectDir = join(root, 'project');
  const outDir = join(projectDir, basename(resolve(srcOutDir)));
  const stateDir = join(projectDir, 'terraform-state');
  mkdirSync(stateDir, { recursive: true });
  cpSync(srcOutDir, outDir, {
    recursive: true,
    filter: (src) => {
      const name = basename(src);
      if (name === '.terraform' || /\.tfstate(\.backup)?$/.test(name) || name === 'plan.bin') return false;
      // A lock file recorded against the real providers would not match the stand-in's hashes.
      return !(mode === 'offline' && name === '.terraform.lock.hcl');
    },
  });
  if (mode === 'real') {
    // Real providers plan against what exists: give them the project's real states (copies).
    const realStates = join(dirname(resolve(srcOutDir)), 'terraform-state');
    if (existsSync(realStates)) cpSync(realStates, stateDir, { recursive: true });
  }

  const ws: Workspace = { root, projectDir, outDir, stateDir, stacks: new Map() };
  const docs = new Map<string, Json>();
  const originalBackends = new Map<string, { type: string; config: Json }>();
  for (const s of stacks) {
    const dir = join(outDir, s.workingDirectory);
    const configFile = join(outDir, s.synthesizedStackPath);
    if (!existsSync(configFile)) throw new Error(`stack ${s.name}: ${s.synthesizedStackPath} not found in ${srcOutDir}`);
    const doc = JSON.parse(readFileSync(configFile, 'utf8')) as Json;
    docs.set(s.name, doc);
    ws.stacks.set(s.name, { stack: s, dir, configFile, notes: [], errors: [], reads: [] });
    const backend = (doc.terraform as Json | undefined)?.backend;
    if (isObj(backend)) {
      const [type, config] = Object.entries(backend)[0] ?? [];
      if (type) originalBackends.set(s.name, { type, config: isObj(config) ? config : {} });
    }
  }

  for (const s of stacks) {
    const sw = ws.stacks.get(s.name)!;
    const doc = docs.get(s.name)!;
    const before = JSON.stringify(doc);
    rewriteBackend(doc, sw, ws, mode);
    rewriteRemoteStates(doc, sw, ws, mode, originalBackends);
    if (JSON.stringify(doc) !== before) writeFileSync(sw.configFile, JSON.stringify(doc, null, 2));
  }
  return ws;
}

function stateFileFor(ws: Workspace, sw: StackWorkspace, file: string): string {
  return relative(sw.dir, join(ws.stateDir, file));
}

function insideRoot(ws: Workspace, from: string, p: string): boolean {
  const abs = isAbsolute(p) ? p : resolve(from, p);
  return abs === ws.root || abs.startsWith(ws.root + sep);
}

function rewriteBackend(doc: Json, sw: StackWorkspace, ws: Workspace, mode: 'offline' | 'real'): void {
  const tf = isObj(doc.terraform) ? doc.terraform : undefined;
  // No backend: Terraform's default local state in the working directory.
  sw.stateFile = join(sw.dir, 'terraform.tfstate');
  if (!tf) return;
  if (mode === 'offline' && tf.cloud !== undefined) {
    delete tf.cloud;
    sw.notes.push('terraform { cloud {} } removed: offline there is no HCP Terraform; using local state');
  }
  const backend = isObj(tf.backend) ? tf.backend : undefined;
  if (!backend) {
    if (tf.cloud !== undefined) sw.stateFile = undefined; // real mode: HCP Terraform
    return;
  }
  const [type, config] = Object.entries(backend)[0] ?? [];
  if (type === 'local') {
    const cfg = isObj(config) ? config : {};
    const path = typeof cfg.path === 'string' ? cfg.path : 'terraform.tfstate';
    if (!insideRoot(ws, sw.dir, path)) {
      cfg.path = stateFileFor(ws, sw, basename(path));
      tf.backend = { local: cfg };
      sw.notes.push(`local backend path ${path} points outside the temporary copy; redirected to ${cfg.path}`);
    }
    sw.stateFile = resolve(sw.dir, cfg.path as string);
    return;
  }
  if (mode === 'offline' && type) {
    const path = stateFileFor(ws, sw, `${sw.stack.name}.tfstate`);
    tf.backend = { local: { path } };
    sw.stateFile = join(ws.stateDir, `${sw.stack.name}.tfstate`);
    sw.notes.push(`${type} backend replaced by a local state file (${path}): offline there is no remote state storage`);
  } else if (type) {
    sw.stateFile = undefined; // real mode, remote backend
  }
}

function rewriteRemoteStates(
  doc: Json,
  sw: StackWorkspace,
  ws: Workspace,
  mode: 'offline' | 'real',
  originals: Map<string, { type: string; config: Json }>,
): void {
  const data = isObj(doc.data) ? doc.data : undefined;
  const remotes = data && isObj(data.terraform_remote_state) ? data.terraform_remote_state : undefined;
  if (!remotes) return;
  for (const [name, value] of Object.entries(remotes)) {
    for (const block of Array.isArray(value) ? value : [value]) {
      if (!isObj(block)) continue;
      const backend = typeof block.backend === 'string' ? block.backend : undefined;
      const config = isObj(block.config) ? block.config : {};
      if (backend === 'local') {
        const path = typeof config.path === 'string' ? config.path : 'terraform.tfstate';
        const read = basename(path).replace(/\.tfstate$/, '');
        if (ws.stacks.has(read) && !sw.reads.includes(read)) sw.reads.push(read);
        if (!insideRoot(ws, sw.dir, path)) {
          config.path = stateFileFor(ws, sw, basename(path));
          block.config = config;
          sw.notes.push(`remote state ${name}: path ${path} points outside the temporary copy; redirected to ${config.path}`);
        }
        continue;
      }
      if (mode !== 'offline' || !backend) continue;
      const source = [...originals.entries()].find(([, b]) => b.type === backend && sameStateLocation(b.config, config));
      if (source) {
        if (!sw.reads.includes(source[0])) sw.reads.push(source[0]);
        block.backend = 'local';
        block.config = { path: stateFileFor(ws, sw, `${source[0]}.tfstate`) };
        sw.notes.push(`remote state ${name}: ${backend} backend of stack ${source[0]} read from its local copy`);
      } else {
        sw.errors.push(
          `data.terraform_remote_state.${name} reads a ${backend} backend (key ${JSON.stringify(config.key)}) that matches no stack's backend in this output; it cannot be read offline`,
        );
      }
    }
  }
}

/** Same key (and, when both name them, same container / storage account / bucket). */
function sameStateLocation(a: Json, b: Json): boolean {
  if (a.key === undefined || a.key !== b.key) return false;
  for (const k of ['container_name', 'storage_account_name', 'bucket', 'prefix']) {
    if (a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]) return false;
  }
  return true;
}

/** The stack's state file relative to the workspace's state dir, or undefined when it is kept elsewhere (or remotely). */
export function stateFileInStateDir(ws: Workspace, sw: StackWorkspace): string | undefined {
  if (!sw.stateFile) return undefined;
  const rel = relative(ws.stateDir, sw.stateFile);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
}

/**
 * Copies every `.tfstate` file under `priorDir` into the workspace's state dir, keeping
 * the relative layout (call it before any terraform command runs), and notes per stack
 * whether it is planned against a prior state. A stack whose backend keeps its state
 * outside the state dir cannot be given one: that is an error, not a silent plan from
 * empty state.
 */
export function copyPriorStates(ws: Workspace, priorDir: string): void {
  if (!existsSync(priorDir) || !statSync(priorDir).isDirectory()) throw new Error(`prior states: ${priorDir} is not a directory`);
  cpSync(priorDir, ws.stateDir, { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.tfstate') });
  for (const sw of ws.stacks.values()) {
    const rel = stateFileInStateDir(ws, sw);
    if (rel === undefined) {
      const where = sw.stateFile ? relative(ws.projectDir, sw.stateFile) : 'a remote backend';
      sw.errors.push(
        `prior states were given, but this stack's backend keeps its state at ${where}, outside ${relative(ws.projectDir, ws.stateDir)}/, where they are copied`,
      );
    } else if (existsSync(sw.stateFile!)) {
      sw.notes.push(`planned against the prior state ${rel} from ${priorDir}`);
    } else {
      sw.notes.push(`no prior state ${rel} in ${priorDir}: planned from empty state`);
    }
  }
}
