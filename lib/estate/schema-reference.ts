import { z } from 'zod';

/**
 * The estate format reference, generated from the zod schema itself: every field's path,
 * type or allowed values (from the schema's checks and their messages), default (the zod
 * default, or the "@default ..." note of its `.describe()` text) and description. The docs
 * are produced from this (scripts/estate-reference.ts) and a test compares them, so the
 * reference cannot drift from what validation accepts.
 */

export interface ReferenceRow {
  readonly path: string;
  readonly type: string;
  /** `**required**`, `optional`, or the default. */
  readonly default: string;
  readonly description: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  defaultValue?: unknown;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  error?: (issue: unknown) => unknown;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function descriptionOf(schema: z.ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

interface Unwrapped {
  readonly schema: z.ZodType;
  readonly def: Def;
  readonly description?: string;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue?: unknown;
}

/** Peels optional/default/pipe wrappers, keeping the outermost description and the default. */
function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let description: string | undefined;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    description ??= descriptionOf(current);
    const def = defOf(current);
    if (def.type === 'optional' && def.innerType) optional = true;
    else if ((def.type === 'default' || def.type === 'prefault') && def.innerType) {
      if (!hasDefault) defaultValue = def.defaultValue;
      hasDefault = true;
    } else if (!(def.type === 'nullable' || def.type === 'readonly' || def.type === 'catch' || def.type === 'pipe')) {
      return { schema: current, def, description, optional, hasDefault, defaultValue };
    }
    current = (def.innerType ?? def.in)!;
  }
}

/** The constraint a check's message states ("must be X", "is not X", "names are X" all say X), if it states one. */
function messageConstraint(check: CheckDef): string | undefined {
  const message = typeof check.error === 'function' ? check.error({}) : undefined;
  if (typeof message !== 'string') return undefined;
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^must be (.*)$/, (m) => m[1]],
    [/^is not (.*)$/, (m) => m[1]],
    [/^must not (.*?)(?: \(.*\))?$/, (m) => `must not ${m[1]}`],
    [/^[a-z ]+ are (.*)$/, (m) => m[1]],
  ];
  for (const [pattern, text] of patterns) {
    const m = pattern.exec(message);
    if (m) return text(m);
  }
  return undefined;
}

/** What a scalar's or list's checks require: formats first, then its length. */
function constraints(def: Def, unit: string): string[] {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const texts: string[] = [];
  const add = (text: string | undefined) => {
    if (!text || texts.some((t) => t.startsWith(text))) return;
    const shorter = texts.findIndex((t) => text.startsWith(t));
    if (shorter >= 0) texts[shorter] = text;
    else texts.push(text);
  };
  for (const check of checks) if (check.check !== 'min_length' && check.check !== 'max_length') add(messageConstraint(check));
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checks) {
    if (check.check !== 'min_length' && check.check !== 'max_length') continue;
    // A message about the length itself is said better with the numbers; others (e.g. "an IPv4 CIDR block") stay.
    const stated = messageConstraint(check);
    if (stated && !/characters|entries/.test(stated)) add(stated);
    else if (check.check === 'min_length') min = check.minimum;
    else max = check.maximum;
  }
  const units = (n: number) => (n === 1 ? unit.replace(/s$/, '') : unit);
  if (min !== undefined && max !== undefined) add(`${min}-${max} ${unit}`);
  else if (min !== undefined) add(`at least ${min} ${units(min)}`);
  else if (max !== undefined) add(`at most ${max} ${units(max)}`);
  return texts;
}

const code = (value: string) => `\`${value}\``;

/** A scalar's type: enums and literals as their values, strings with their constraints. */
function scalarType(u: Unwrapped): string {
  const def = u.def;
  switch (def.type) {
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).map((v) => code(String(v))).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => code(String(v))).join(', ');
    case 'boolean':
      return '`true` or `false`';
    case 'string': {
      const c = constraints(def, 'characters');
      return c.length ? `string: ${c.join('; ')}` : 'string';
    }
    case 'number':
      return 'number';
    default:
      return def.type;
  }
}

function typeOf(u: Unwrapped): string {
  const def = u.def;
  if (def.type === 'array' && def.element) {
    const element = unwrap(def.element);
    const count = constraints(def, 'entries');
    const what = element.def.type === 'object' ? 'mappings (fields below)' : scalarType(element).replace(/^string: /, 'strings: ');
    return `list${count.length ? ` (${count.join('; ')})` : ''} of ${what}`;
  }
  if (def.type === 'record' && def.keyType && def.valueType) {
    const paren = (t: string) => t.replace(/^(\w+): (.*)$/, '$1 ($2)');
    return `mapping of ${paren(scalarType(unwrap(def.keyType)))} to ${paren(scalarType(unwrap(def.valueType)))}`;
  }
  if (def.type === 'object') return 'mapping (fields below)';
  if (def.type === 'union' && def.discriminator) {
    const kinds = (def.options ?? []).flatMap((o) => defOf(defOf(o).shape![def.discriminator!]).values ?? []);
    return `mapping, by \`${def.discriminator}\`: ${kinds.map((k) => code(String(k))).join(' or ')}`;
  }
  // Alternatives such as "a name or a list of names".
  if (def.type === 'union' && def.options) return def.options.map((o) => typeOf(unwrap(o))).join('; or a ');
  return scalarType(u);
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? code(JSON.stringify(value)) : '`[]` (none)';
  if (value !== null && typeof value === 'object') return 'the defaults of its fields';
  return code(String(value));
}

/** "text @default X" → text and X. */
function splitDescription(description: string | undefined): { text: string; defaultNote?: string } {
  if (!description) return { text: '' };
  const at = description.indexOf('@default');
  if (at < 0) return { text: description.trim() };
  return { text: description.slice(0, at).trim(), defaultNote: description.slice(at + '@default'.length).trim() };
}

function row(path: string, u: Unwrapped, type: string, note?: string): ReferenceRow {
  const { text, defaultNote } = splitDescription(u.description);
  const dflt = defaultNote ?? (u.hasDefault ? formatDefault(u.defaultValue) : u.optional ? 'optional' : '**required**');
  return { path, type, default: dflt, description: note ? `${note} ${text}`.trim() : text };
}

/** Every field of `schema`, depth first, in declaration order. */
export function referenceRows(schema: z.ZodType): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const walk = (s: z.ZodType, path: string, note?: string) => {
    const u = unwrap(s);
    const def = u.def;
    if (path) rows.push(row(path, u, typeOf(u), note));
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) walk(child, path ? `${path}.${key}` : key, note);
    } else if (def.type === 'array' && def.element) {
      const element = unwrap(def.element);
      if (element.def.type === 'object' && element.def.shape) {
        for (const [key, child] of Object.entries(element.def.shape)) walk(child, `${path}[].${key}`);
      }
    } else if (def.type === 'union' && def.discriminator && def.options) {
      const discriminator = def.discriminator;
      for (const option of def.options) {
        const shape = defOf(option).shape ?? {};
        const kind = (defOf(shape[discriminator]).values ?? []).map(String).join(', ');
        walk(shape[discriminator], `${path}.${discriminator}`, `With \`${discriminator}: ${kind}\`:`);
        for (const [key, child] of Object.entries(shape)) {
          if (key !== discriminator) walk(child, `${path}.${key}`, `Only with \`${discriminator}: ${kind}\`.`);
        }
      }
    }
  };
  walk(schema, '');
  return rows;
}

/** A table cell: pipes escaped, and < > outside code spans, so `<stack>` is not taken for HTML. */
const cell = (text: string) =>
  text
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');

/** The reference as markdown: a heading, how it is made, and one table row per field. */
export function referenceMarkdown(schema: z.ZodType, options: { source: string; command: string }): string {
  const lines = [
    '# Estate format reference',
    '',
    `<!-- Generated from ${options.source} by \`${options.command}\`. Do not edit: a test fails when this file and the schema disagree. -->`,
    '',
    `Every field of an estate file (YAML or JSON), generated from the validation schema (\`${options.source}\`) with \`${options.command}\`.`,
    'Unknown keys are errors everywhere. Paths use `[]` for "every entry of the list".',
    '',
    '| path | type / allowed values | default | description |',
    '|---|---|---|---|',
    ...referenceRows(schema).map((r) => `| ${code(r.path)} | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`),
    '',
  ];
  return lines.join('\n');
}
