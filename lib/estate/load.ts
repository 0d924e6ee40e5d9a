import { viewEstate } from './estate-view';
import { Estate } from './model';
import { EstateProblem, EstateValidationError } from '../util/problems';
import { readEstateFile } from './read-estate-file';
import { resolveEstate } from './resolve';
import { checkLockBelongsTo, EstateLock } from './lock/estate-lock';
import { terraformLiterals } from './terraform-literal';
import { estateSchema } from './schema';
import { issuesToProblems } from './schema-issues';
import { semanticChecks } from './semantic-checks';
import { controlCharacterProblems } from './text-checks';
import { avnmScopeProblems } from './avnm-checks';
import { servingIngressProblems } from './serving-ingress-checks';
import { connectivityProblems } from './connectivity-checks';
import { regionServiceProblems } from './region-checks';
import { parseJsonEstate } from './json-estate';
import { parseYaml } from './yaml-document';
import { deepNesting, lineAndColumn, MAX_YAML_NESTING } from './yaml-nesting';

/** Estate files are small; anything larger is a mistake or an attack. */
export const MAX_ESTATE_BYTES = 2 * 1024 * 1024;
/** YAML aliases may not expand into a "billion laughs" document. */
const MAX_ALIAS_COUNT = 100;

export interface EstateOptions {
  /**
   * The estate's lock (lib/lock): deployed zones keep their address spaces, subnets and
   * deployment order, and retired names stay taken. @default none: allocation in file order
   */
  readonly lock?: EstateLock;
  /** Where the lock was read from, for messages. @default none */
  readonly lockFile?: string;
}

/** Reads, validates and resolves an estate file (YAML or JSON). Throws EstateValidationError with every problem. */
export function loadEstateFile(path: string, options: EstateOptions = {}): Estate {
  let text: string;
  try {
    text = readEstateFile(path, MAX_ESTATE_BYTES);
  } catch (e) {
    if (e instanceof EstateValidationError) throw e;
    throw new EstateValidationError(path, [{ path: '', message: `cannot be read: ${(e as Error).message}` }]);
  }
  return parseEstate(text, path, options);
}

/** Validates and resolves estate text. `source` names it in messages. */
export function parseEstate(text: string, source = 'estate', options: EstateOptions = {}): Estate {
  const raw = parseText(text, source);
  return validateEstate(raw, source, options);
}

/** Validates an already-parsed estate object (from YAML, JSON or code). */
export function validateEstate(raw: unknown, source = 'estate', options: EstateOptions = {}): Estate {
  const problems: EstateProblem[] = [];
  const parsed = estateSchema.safeParse(raw);
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, raw, estateSchema));
  const view = viewEstate(raw);
  // A lock of another estate would misjudge everything below: refuse it first (never replace it).
  if (options.lock && options.lockFile && view.estate && view.environment)
    checkLockBelongsTo(options.lock, options.lockFile, { estate: view.estate, environment: view.environment });
  const semantic = semanticChecks(view, options.lock);
  problems.push(...semantic.problems, ...avnmScopeProblems(raw));
  problems.push(...controlCharacterProblems(raw));
  if (problems.length || !parsed.success) throw new EstateValidationError(source, dedupe(problems));
  // The one choke point where estate text becomes Terraform literals (terraform-literal.ts).
  // Resolution places the zones where validation's address plan put them (planned once).
  const estate = resolveEstate(terraformLiterals(parsed.data), semantic.addressPlan, options.lock);
  // What needs the placed subnets (a published product's address lies in its own subnet), and
  // the resolved regions (each zone's region has the services it deploys): reported together.
  const zoneOrder = parsed.data.landingZones.map((zone) => zone.name);
  const late = [...servingIngressProblems(estate, zoneOrder), ...regionServiceProblems(estate, zoneOrder), ...connectivityProblems(estate, zoneOrder)];
  if (late.length) throw new EstateValidationError(source, late);
  return estate;
}

function parseText(text: string, source: string): unknown {
  if (text.length > MAX_ESTATE_BYTES) {
    throw new EstateValidationError(source, [{ path: '', message: `is ${text.length} characters; estate files are limited to ${MAX_ESTATE_BYTES}` }]);
  }
  // JSON is YAML 1.2: plain JSON is read as JSON (the same value, faster); the YAML parser
  // reads everything else and reports what is wrong, duplicate keys in JSON included.
  const json = parseJsonEstate(text, MAX_YAML_NESTING);
  if (json) return json.value;
  const yaml = parseYaml(text, { uniqueKeys: true, merge: false, strict: true, stringKeys: true });
  const deep = deepNesting(yaml.tokens);
  if (deep) {
    const { line, column } = lineAndColumn(text, deep.offset);
    throw new EstateValidationError(source, [
      { path: '', message: `nests lists and mappings more than ${MAX_YAML_NESTING} levels deep at line ${line}, column ${column}; an estate needs at most 6` },
    ]);
  }
  const doc = yaml.compose();
  const problems: EstateProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    path: '',
    message: `${e.message.split('\n')[0].replace(/:$/, '')}${/Unresolved tag/.test(e.message) ? ' (custom YAML tags are not supported)' : ''}`,
  }));
  if (problems.length) throw new EstateValidationError(source, problems);
  if (doc.contents === null)
    throw new EstateValidationError(source, [{ path: '', message: 'is empty; an estate needs at least estate, environment, location and managementZone' }]);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new EstateValidationError(source, [{ path: '', message: `cannot be read as YAML: ${(e as Error).message}` }]);
  }
}

function dedupe(problems: EstateProblem[]): EstateProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
