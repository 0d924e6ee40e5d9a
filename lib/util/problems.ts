/** One thing wrong with an estate file: where (a path like `landingZones[1].addressSpace`) and why. */
export interface EstateProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown with every problem found, so users fix them all in one round. */
export class EstateValidationError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly EstateProblem[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'EstateValidationError';
  }
}

export function formatProblem(p: EstateProblem): string {
  return `  ${p.path || '(file)'}: ${p.message}`;
}

/**
 * Keys longer than this are cut in paths, so a hostile 1 MB key does not become a 1 MB
 * line on the terminal; tag names, the longest legitimate keys, have at most 512 characters.
 */
const MAX_KEY_IN_PATH = 512;

/** `['landingZones', 1, 'name']` → `landingZones[1].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
      continue;
    }
    const key = String(part);
    const shown = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}...(${key.length} characters)` : key;
    // A key that is empty, has surrounding or control whitespace, or could be read as path syntax is quoted.
    if (key === '' || /^\s|\s$|[\u0000-\u001f\u007f.[\]"]/.test(key.slice(0, MAX_KEY_IN_PATH))) out += `[${JSON.stringify(shown)}]`;
    else out += out ? `.${shown}` : shown;
  }
  return out;
}

/** Short rendering of an offending value for messages; long or nested values are summarised. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..." (${value.length} characters)` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
