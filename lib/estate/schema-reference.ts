import { z } from 'zod';
import { statedChecks } from './schema-checks';

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

function descriptionOf(schema: z.ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

interface Unwrapped {
  readonly schema: z.ZodType;
  readonly description?: string;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue?: unknown;
}

/** The schema inside a wrapper that only changes presence or defaults, or undefined for any other schema. */
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodReadonly || schema instanceof z.ZodCatch) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
  return undefined;
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
    if (current instanceof z.ZodOptional) optional = true;
    else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      if (!hasDefault) defaultValue = current.def.defaultValue;
      hasDefault = true;
    }
    const inner = innerOf(current);
    if (!inner) return { schema: current, description, optional, hasDefault, defaultValue };
    current = inner;
  }
}

/** The constraint a check's message states ("must be X", "is not X", "names are X" all say X), if it states one. */
function messageConstraint(message: string | undefined): string | undefined {
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
function constraints(schema: z.ZodType, unit: string): string[] {
  const checks = statedChecks(schema);
  const texts: string[] = [];
  const add = (text: string | undefined) => {
    if (!text || texts.some((t) => t.startsWith(text))) return;
    const shorter = texts.findIndex((t) => text.startsWith(t));
    if (shorter >= 0) texts[shorter] = text;
    else texts.push(text);
  };
  for (const check of checks) if (check.kind === 'other') add(messageConstraint(check.message));
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checks) {
    if (check.kind === 'other') continue;
    // A message about the length itself is said better with the numbers; others (e.g. "an IPv4 CIDR block") stay.
    const stated = messageConstraint(check.message);
    if (stated && !/characters|entries/.test(stated)) add(stated);
    else if (check.kind === 'min_length') min = check.limit;
    else max = check.limit;
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
  const s = u.schema;
  if (s instanceof z.ZodEnum)
    return `one of ${Object.values(s.def.entries)
      .map((v) => code(String(v)))
      .join(', ')}`;
  if (s instanceof z.ZodLiteral)
    return literalValues(s)
      .map((v) => code(String(v)))
      .join(', ');
  if (s instanceof z.ZodBoolean) return '`true` or `false`';
  if (s instanceof z.ZodString) {
    const c = constraints(s, 'characters');
    return c.length ? `string: ${c.join('; ')}` : 'string';
  }
  return s.type;
}

/** The values a literal schema accepts (none for any other schema). */
const literalValues = (schema: z.ZodType | undefined): unknown[] => (schema instanceof z.ZodLiteral ? [...schema.def.values] : []);

const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> => (schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {});

/** The options of a union, and its discriminator when it is a discriminated union. */
function unionOf(schema: z.ZodType): { options: z.ZodType[]; discriminator?: string } | undefined {
  if (!(schema instanceof z.ZodUnion)) return undefined;
  const discriminator = schema instanceof z.ZodDiscriminatedUnion ? schema.def.discriminator : undefined;
  return { options: schema.options as z.ZodType[], discriminator };
}

function typeOf(u: Unwrapped): string {
  const s = u.schema;
  if (s instanceof z.ZodArray) {
    const element = unwrap(s.element as z.ZodType);
    const count = constraints(s, 'entries');
    const what = element.schema instanceof z.ZodObject ? 'mappings (fields below)' : scalarType(element).replace(/^string: /, 'strings: ');
    return `list${count.length ? ` (${count.join('; ')})` : ''} of ${what}`;
  }
  if (s instanceof z.ZodRecord) {
    const paren = (t: string) => t.replace(/^(\w+): (.*)$/, '$1 ($2)');
    return `mapping of ${paren(scalarType(unwrap(s.keyType as z.ZodType)))} to ${paren(scalarType(unwrap(s.valueType as z.ZodType)))}`;
  }
  if (s instanceof z.ZodObject) return 'mapping (fields below)';
  const union = unionOf(s);
  if (union?.discriminator) {
    const discriminator = union.discriminator;
    const kinds = union.options.flatMap((o) => literalValues(shapeOf(o)[discriminator]));
    return `mapping, by \`${discriminator}\`: ${kinds.map((k) => code(String(k))).join(' or ')}`;
  }
  // Alternatives such as "a name or a list of names".
  if (union) return union.options.map((o) => typeOf(unwrap(o))).join('; or a ');
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
    if (path) rows.push(row(path, u, typeOf(u), note));
    const union = unionOf(u.schema);
    if (u.schema instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(shapeOf(u.schema))) walk(child, path ? `${path}.${key}` : key, note);
    } else if (u.schema instanceof z.ZodArray) {
      for (const [key, child] of Object.entries(shapeOf(unwrap(u.schema.element as z.ZodType).schema))) walk(child, `${path}[].${key}`);
    } else if (union?.discriminator) {
      const discriminator = union.discriminator;
      for (const option of union.options) {
        const shape = shapeOf(option);
        const kind = literalValues(shape[discriminator]).map(String).join(', ');
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
