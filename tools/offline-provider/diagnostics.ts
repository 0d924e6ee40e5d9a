// Terraform's machine-readable diagnostics (`validate -json`, `plan -json` /
// `apply -json` event streams), enriched with the resource address, attribute and
// cdktf construct path they concern.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonLocator, JsonPath } from './json-locator';

export type Phase = 'setup' | 'init' | 'validate' | 'plan' | 'show' | 'apply';

export interface Diagnostic {
  stack: string;
  phase: Phase;
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  /** Terraform address, e.g. azurerm_virtual_network.vnet or data.x.y or provider.azurerm */
  address?: string;
  /** Attribute path inside the block, e.g. address_space or subnet[0].name */
  attribute?: string;
  /** cdktf construct path from the resource's "//" metadata, e.g. dmlz/network/vnet */
  constructPath?: string;
  file?: string;
  line?: number;
}

interface TfPos {
  line: number;
  column: number;
  byte: number;
}

export interface TfJsonDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename: string; start: TfPos; end: TfPos };
  snippet?: { context?: string | null };
}

/** Per stack: lazily parsed config files, to locate diagnostics in them. */
export class ConfigFiles {
  private readonly cache = new Map<string, { locator: JsonLocator; doc: unknown } | null>();

  constructor(private readonly stackDir: string) {}

  get(filename: string): { locator: JsonLocator; doc: unknown } | null {
    if (!this.cache.has(filename)) {
      let entry: { locator: JsonLocator; doc: unknown } | null = null;
      if (filename.endsWith('.json')) {
        try {
          const bytes = readFileSync(join(this.stackDir, filename));
          entry = { locator: new JsonLocator(bytes), doc: JSON.parse(bytes.toString('utf8')) };
        } catch {
          entry = null;
        }
      }
      this.cache.set(filename, entry);
    }
    return this.cache.get(filename)!;
  }
}

export function fromTerraform(d: TfJsonDiagnostic, stack: string, phase: Phase, files: ConfigFiles): Diagnostic {
  const out: Diagnostic = {
    stack,
    phase,
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: d.summary,
    detail: d.detail ?? '',
  };
  if (d.range) {
    out.file = d.range.filename;
    out.line = d.range.start.line;
    const cfg = files.get(d.range.filename);
    if (cfg) {
      const where = describePath(cfg.locator.pathAt(d.range.start.byte));
      if (where.address) out.address = where.address;
      if (where.attribute) out.attribute = where.attribute;
      if (where.blockPath) out.constructPath = constructPathOf(cfg.doc, where.blockPath);
    }
  }
  // Terraform sets `address` on some plan/apply diagnostics; the snippet context
  // ("resource.azurerm_subnet.snet") is the fallback for non-JSON files.
  if (d.address) out.address = d.address;
  if (!out.address && d.snippet?.context) out.address = addressFromContext(d.snippet.context);
  if (!out.attribute) out.attribute = attributeFromDetail(out.detail);
  return out;
}

interface Where {
  address?: string;
  attribute?: string;
  /** JSON path of the block object (e.g. ["resource", type, name]) holding cdktf metadata. */
  blockPath?: JsonPath;
}

export function describePath(path: JsonPath): Where {
  const [kind, a, b] = path;
  const rest = (n: number) => formatAttributePath(path.slice(n));
  switch (kind) {
    case 'resource':
      if (typeof a === 'string' && typeof b === 'string') return { address: `${a}.${b}`, attribute: rest(3), blockPath: path.slice(0, 3) };
      break;
    case 'data':
      if (typeof a === 'string' && typeof b === 'string') return { address: `data.${a}.${b}`, attribute: rest(3), blockPath: path.slice(0, 3) };
      break;
    case 'provider':
      if (typeof a === 'string') {
        // cdktf writes provider blocks as arrays: "provider": {"azurerm": [{...}]}
        const skip = typeof b === 'number' ? 3 : 2;
        return { address: `provider.${a}`, attribute: rest(skip) };
      }
      break;
    case 'output':
    case 'variable':
    case 'module':
      if (typeof a === 'string') {
        const prefix = kind === 'variable' ? 'var' : kind;
        return { address: `${prefix}.${a}`, attribute: rest(2), blockPath: path.slice(0, 2) };
      }
      break;
    case 'locals':
      if (typeof a === 'string') return { address: `local.${a}`, attribute: rest(2) };
      break;
    case 'terraform':
      return { address: 'terraform', attribute: rest(1) };
  }
  return {};
}

export function formatAttributePath(path: JsonPath): string | undefined {
  let s = '';
  for (const step of path) {
    if (typeof step === 'number') s += `[${step}]`;
    else if (step === '//')
      break; // cdktf metadata, not an argument
    else s += s ? `.${step}` : step;
  }
  return s || undefined;
}

function constructPathOf(doc: unknown, blockPath: JsonPath): string | undefined {
  let node: unknown = doc;
  for (const step of blockPath) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  const meta = (node as { '//'?: { metadata?: { path?: unknown } } } | undefined)?.['//']?.metadata?.path;
  return typeof meta === 'string' ? meta : undefined;
}

function addressFromContext(context: string): string | undefined {
  const m = /^(resource|data)\.([^.]+)\.([^.]+)/.exec(context);
  if (!m) return undefined;
  return m[1] === 'data' ? `data.${m[2]}.${m[3]}` : `${m[2]}.${m[3]}`;
}

/** `The argument "location" is required` / `Inappropriate value for attribute "x"` / `named "colour"` */
export function attributeFromDetail(detail: string): string | undefined {
  const m = /(?:argument|attribute|block type is named|named) "([^"]+)"/.exec(detail) ?? /At least \d+ "([^"]+)" blocks/.exec(detail);
  return m?.[1];
}

/** The parsed `terraform validate -json` document. */
export function parseValidateOutput(stdout: string, stack: string, files: ConfigFiles): Diagnostic[] {
  const doc = JSON.parse(stdout) as { diagnostics?: TfJsonDiagnostic[] };
  return (doc.diagnostics ?? []).map((d) => fromTerraform(d, stack, 'validate', files));
}

export interface ChangeSummary {
  add: number;
  change: number;
  remove: number;
}

/** The `-json` event stream of plan/apply: one JSON object per line. */
export function parseEventStream(stdout: string, stack: string, phase: Phase, files: ConfigFiles): { diagnostics: Diagnostic[]; changes?: ChangeSummary } {
  const diagnostics: Diagnostic[] = [];
  let changes: ChangeSummary | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let ev: { type?: string; diagnostic?: TfJsonDiagnostic; changes?: ChangeSummary };
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (ev.type === 'diagnostic' && ev.diagnostic) diagnostics.push(fromTerraform(ev.diagnostic, stack, phase, files));
    if (ev.type === 'change_summary' && ev.changes) changes = ev.changes;
  }
  return { diagnostics, changes };
}

/** Diagnostics repeated by later phases (validate, then plan) are reported once. */
export function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = [d.severity, d.summary, d.detail, d.address, d.attribute, d.file, d.line].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Terraform reports the diagnostics of one command in the order its graph walk met
 * them, which varies from run to run: sort them by place (file, line, address,
 * attribute), then text, so the output is the same every time.
 */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file ?? '', String(d.line ?? 0).padStart(9, '0'), d.address ?? '', d.attribute ?? '', d.summary, d.detail];
  const cmp = (a: Diagnostic, b: Diagnostic) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  };
  return [...diags].sort(cmp);
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.address ?? '(stack)', d.attribute ? `attribute "${d.attribute}"` : undefined].filter(Boolean).join(' ');
  const construct = d.constructPath ? ` [${d.constructPath}]` : '';
  const file = d.file ? ` (${d.file}${d.line ? `:${d.line}` : ''})` : '';
  const detail = d.detail ? `\n      ${d.detail.replace(/\n/g, '\n      ')}` : '';
  return `  ${d.severity.toUpperCase()} [${d.stack}] ${where}${construct}: ${d.summary}${file}${detail}`;
}
