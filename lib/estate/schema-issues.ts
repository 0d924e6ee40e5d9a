import type { z } from 'zod';
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
        const options = 'options' in issue && Array.isArray(issue.options) ? `use one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}` : issue.message;
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
    return 'unknown key: credentials are not accepted, so that no secret is ever written into synthesized JSON; ' +
      'the azurerm backend authenticates with Entra ID (use_azuread_auth): remove this key and grant the deploying identity ' +
      '"Storage Blob Data Contributor" on the state container';
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

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  valueType?: z.ZodType;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The keys the schema allows for the object at `path`, for "allowed here" hints. */
export function objectKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  let depth = 0;
  while (current) {
    const def = defOf(current);
    if (def.innerType) {
      current = def.innerType;
      continue;
    }
    if (def.type === 'pipe' && def.in) {
      current = def.in;
      continue;
    }
    if (def.type === 'union' && def.options) {
      const discriminatorValue = def.discriminator ? valueAt(input, [...path.slice(0, depth), def.discriminator]) : undefined;
      current = def.options.find((o) => {
        const shape = defOf(o).shape;
        const literal = shape && def.discriminator ? defOf(shape[def.discriminator]) as unknown as { values?: unknown[] } : undefined;
        return literal?.values?.includes(discriminatorValue);
      });
      continue;
    }
    if (depth === path.length) return def.shape ? Object.keys(def.shape) : [];
    const part = path[depth];
    if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'object' && def.shape && typeof part === 'string') current = def.shape[part];
    else return [];
    depth++;
  }
  return [];
}
