import { z } from 'zod';
import { closest } from '../util/suggest';
import { AZURE_REGIONS } from '../catalog/regions';
import { describeValue, EstateProblem, formatPath } from '../util/problems';

/** Backend keys that would put a credential into synthesized JSON. */
const SECRET_KEY = /(access_?key|sas|secret|password|token|connection_?string|client_?certificate)/i;

/**
 * Turns zod issues into problems that name the field, the offending value and
 * the fix: unknown keys get a "did you mean", enums list their values.
 */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown, schema: z.ZodType): EstateProblem[] {
  const problems: EstateProblem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = objectKeysAt(schema, input, issue.path);
        for (const key of issue.keys) {
          problems.push({ path: formatPath([...issue.path, key]), message: unknownKeyMessage(key, allowed, issue.path) });
        }
        break;
      }
      case 'invalid_type':
        problems.push({
          path,
          message: value === undefined ? 'is required' : `must be ${article(issue.expected)}, got ${describeValue(value)}`,
        });
        break;
      case 'invalid_value': {
        const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
        const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
        problems.push({ path, message: `${value === undefined ? 'is required' : `${describeValue(value)} is not allowed`}; use one of ${options}${hint}` });
        break;
      }
      case 'invalid_union': {
        const options =
          'options' in issue && Array.isArray(issue.options) ? `use one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}` : issue.message;
        problems.push({ path, message: `${value === undefined ? 'is required' : `${describeValue(value)} is not allowed`}; ${options}` });
        break;
      }
      case 'invalid_key': {
        // zod reports a bad record key at the key's path; say what is wrong with the key, not its value.
        const key = String(issue.path[issue.path.length - 1] ?? '');
        const reason = issue.issues[0]?.message ?? issue.message;
        problems.push({ path, message: `key ${describeValue(key)}: ${reason}` });
        break;
      }
      default: {
        let message = value === undefined ? issue.message : withValue(issue.message, value);
        if (issue.path.length === 1 && issue.path[0] === 'location' && typeof value === 'string') {
          message += didYouMean(value, AZURE_REGIONS);
        }
        problems.push({ path, message });
      }
    }
  }
  return problems;
}

function unknownKeyMessage(key: string, allowed: readonly string[], parent: readonly PropertyKey[]): string {
  if (parent[0] === 'backend' && SECRET_KEY.test(key)) {
    return (
      'unknown key: credentials are not accepted, so that no secret is ever written into synthesized JSON; ' +
      'the azurerm backend authenticates with Entra ID (use_azuread_auth): remove this key and grant the deploying identity ' +
      '"Storage Blob Data Contributor" on the state container'
    );
  }
  const hint = didYouMean(key, allowed);
  return `unknown key${hint ? hint : ''}${allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''}`;
}

/** `"x" must be ...` reads well; other messages get the value after them. */
function withValue(message: string, value: unknown): string {
  return /^(is|must|has|lies) /.test(message) ? `${describeValue(value)} ${message}` : `${message} (got ${describeValue(value)})`;
}

function didYouMean(value: string, candidates: readonly string[]): string {
  const best = closest(value, candidates);
  return best && best !== value ? ` (did you mean "${best}"?)` : '';
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The schema a wrapper (optional, default, pipe...) holds, or undefined for any other schema. */
function innerOf(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodNonOptional) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodCatch || schema instanceof z.ZodReadonly) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodPipe) return schema.in as z.ZodType;
  return undefined;
}

/** The option of a discriminated union that the input's discriminator value selects. */
function selectedOption(union: z.ZodUnion, input: unknown, parent: readonly PropertyKey[]): z.ZodType | undefined {
  const discriminator = union instanceof z.ZodDiscriminatedUnion ? union.def.discriminator : undefined;
  if (!discriminator) return undefined;
  const value = valueAt(input, [...parent, discriminator]);
  return (union.options as z.ZodType[]).find((option) => {
    const literal = option instanceof z.ZodObject ? option.shape[discriminator] : undefined;
    return literal instanceof z.ZodLiteral && literal.def.values.includes(value as never);
  });
}

/** The schema of the field, entry or record value `part` inside `schema`, if it has one. */
function childOf(schema: z.ZodType, part: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  if (schema instanceof z.ZodObject && typeof part === 'string') return schema.shape[part] as z.ZodType | undefined;
  return undefined;
}

/** The keys the schema allows for the object at `path`, for "allowed here" hints. */
export function objectKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  let depth = 0;
  while (current) {
    const inner = innerOf(current);
    if (inner) {
      current = inner;
      continue;
    }
    if (current instanceof z.ZodUnion) {
      current = selectedOption(current, input, path.slice(0, depth));
      continue;
    }
    if (depth === path.length) return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
    current = childOf(current, path[depth]);
    depth++;
  }
  return [];
}
