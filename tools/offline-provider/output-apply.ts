// The offline apply that gives downstream stacks a state to read, cut down to what they
// read: terraform_remote_state sees a stack's outputs only, so applying the resources
// the outputs refer to, and what those depend on, yields the same output values as
// applying the whole plan. It needs no saved plan either, so it starts as soon as the
// stack is initialized and the stacks it reads are applied, beside the stack's own full
// plan: a chain of stacks no longer waits for each upstream plan plus a full apply.
//
// It runs in a copy of the stack directory beside the original (same depth, so relative
// paths resolve the same; same backend override, so the state lands where the full apply
// would put it); the stack's own directory, and so its plan, stay untouched. First choice,
// the copy's configuration holds only the blocks the outputs need (the closure of their
// references): Terraform then loads, validates and walks a fraction of the stack (a third
// of the CPU of `-target` on the whole configuration, which still validates everything).
// Should that fail (a reference the text scan below missed, say), the apply is redone on
// the whole configuration with `-target` for what the outputs refer to, where an override
// file makes each output without a reference (a constant) depend on a targeted resource
// with its value unchanged, since `-target` drops outputs without one.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OutputApply {
  /** `-target` addresses: every resource and data source an output refers to. */
  targets: string[];
  /** Outputs referring to none, whose value is plain JSON (no template). */
  constants: Record<string, unknown>;
  /** The configuration cut down to what the outputs need; undefined when that cannot be told from the text. */
  cutDown?: Json;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Warnings every targeted apply gives, about targeting itself. */
export const TARGETING_WARNINGS = new Set(['Resource targeting is in effect', 'Applied changes may be incomplete']);

/**
 * Blocks whose references the scan does not follow, or that act on resources the cut would
 * drop. `removed` blocks stay: they name resources no longer in the configuration (and do
 * nothing without a prior state, which this apply never has).
 */
const UNCUTTABLE = ['locals', 'module', 'moved', 'import', 'check'];
const INDIRECT = /(^|[^\w.-])(local|module)\./;

/**
 * What an apply must cover so that it writes every output of `doc` (a cdk.tf.json);
 * undefined when that cannot be told from the outputs alone (the whole plan is applied
 * then): references through locals or modules, templates without a reference, no
 * reference at all.
 */
export function outputApply(doc: Json): OutputApply | undefined {
  const blocks = configBlocks(doc);
  const targets = new Set<string>();
  const constants: Record<string, unknown> = {};
  for (const [name, block] of Object.entries(isObj(doc.output) ? doc.output : {})) {
    if (!isObj(block) || block.value === undefined) return undefined;
    const text = blockText(block);
    if (INDIRECT.test(text)) return undefined; // their own references are not in the text
    const refs = references(text, blocks);
    if (refs.length > 0) refs.forEach((a) => targets.add(a));
    else if (/[$%]\{/.test(text) || block.depends_on !== undefined) return undefined;
    else constants[name] = block.value;
  }
  if (targets.size === 0) return undefined;
  return { targets: [...targets].sort(), constants, cutDown: cutDown(doc, blocks, targets) };
}

interface ConfigBlock {
  kind: 'resource' | 'data';
  type: string;
  name: string;
  body: unknown;
}

/** Resources and data sources by address. */
function configBlocks(doc: Json): Map<string, ConfigBlock> {
  const blocks = new Map<string, ConfigBlock>();
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(isObj(doc[kind]) ? doc[kind] : {})) {
      if (!isObj(byName)) continue;
      for (const [name, body] of Object.entries(byName)) blocks.set(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, { kind, type, name, body });
    }
  }
  return blocks;
}

/** A block's JSON without cdktf's "//" metadata. */
function blockText(block: unknown): string {
  return JSON.stringify(block, (key, value: unknown) => (key === '//' ? undefined : value));
}

/** The addresses of `blocks` that occur in `text` as whole references (`type.name`, `data.type.name`, not inside a longer name). */
function references(text: string, blocks: Map<string, ConfigBlock>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.-])(?:data\.)?[A-Za-z][\w-]*\.[\w-]+/g)) if (blocks.has(m[0])) found.add(m[0]);
  return [...found];
}

/** `doc` with only the resources and data sources `roots` (and the providers) need, transitively; undefined when unsure. */
function cutDown(doc: Json, blocks: Map<string, ConfigBlock>, roots: Set<string>): Json | undefined {
  if (UNCUTTABLE.some((k) => doc[k] !== undefined) || INDIRECT.test(blockText(doc.provider ?? {}))) return undefined;
  if (references(blockText(doc.removed ?? []), blocks).length > 0) return undefined;
  const keep = new Set([...roots, ...references(blockText(doc.provider ?? {}), blocks)]);
  const queue = [...keep];
  for (let address = queue.pop(); address !== undefined; address = queue.pop()) {
    const text = blockText(blocks.get(address)!.body);
    if (INDIRECT.test(text)) return undefined;
    for (const ref of references(text, blocks)) if (!keep.has(ref)) (queue.push(ref), keep.add(ref));
  }
  const out: Json = { ...doc, resource: undefined, data: undefined };
  for (const address of [...keep].sort()) {
    const b = blocks.get(address)!;
    const byType = ((out[b.kind] ??= {}) as Record<string, Json>)[b.type] ?? {};
    byType[b.name] = b.body;
    (out[b.kind] as Record<string, Json>)[b.type] = byType;
  }
  return out;
}

export const APPLY_OVERRIDE_FILE = 'offline_outputs_override.tf.json';

export const applyCopyDir = (stackDir: string): string => join(dirname(stackDir), `.${basename(stackDir)}.offline-apply`);

/**
 * The copy of an initialized stack directory an output apply runs in (saved plans left
 * out): `.<name>.offline-apply` beside it, with the cut-down configuration (`cut`) or the
 * whole one and the override for `-target`. Returns its path.
 */
export function prepareApplyCopy(stackDir: string, configFile: string, apply: OutputApply, cut: boolean): string {
  const dir = applyCopyDir(stackDir);
  rmSync(dir, { recursive: true, force: true });
  cpSync(stackDir, dir, { recursive: true, filter: (src) => !/^plan\.(bin|json)$/.test(basename(src)) });
  if (cut) {
    writeFileSync(join(dir, basename(configFile)), JSON.stringify(apply.cutDown, null, 2));
    return dir;
  }
  const anchor = apply.targets[0]!;
  const output: Record<string, { value: string }> = {};
  // [value, anchor][0] is the value itself, and depends on the anchor.
  for (const [name, value] of Object.entries(apply.constants)) output[name] = { value: `\${[jsondecode(${hclString(JSON.stringify(value))}), ${anchor}][0]}` };
  if (Object.keys(output).length > 0) writeFileSync(join(dir, APPLY_OVERRIDE_FILE), JSON.stringify({ output }));
  return dir;
}

/** A quoted HCL string holding JSON text (no raw control characters; no template sequence: outputApply checked). */
function hclString(json: string): string {
  return `"${json.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
