import { EstateProblem, formatPath } from '../util/problems';

/**
 * Characters no string of an estate file may hold, in values or keys, at any depth. Estate
 * text ends up in Azure tags and descriptions, in the diagram (where a NUL or ESC made
 * estate.svg malformed XML), in terminal output (where ESC sequences rewrite what people
 * read) and in review diffs (where bidirectional overrides make text read differently from
 * what it is, "Trojan Source"):
 *
 * - C0 controls U+0000-U+001F, except tab, line feed and carriage return in values (a
 *   multi-line reason is legitimate); in keys all of them;
 * - DEL U+007F and the C1 controls U+0080-U+009F;
 * - the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069.
 *
 * A generic walk over the parsed document, not a rule per field, so a field added later
 * cannot miss it.
 */

const C0_NAMES = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'BEL',
  'BS',
  'TAB',
  'LF',
  'VT',
  'FF',
  'CR',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];
const C1_NAMES = [
  'PAD',
  'HOP',
  'BPH',
  'NBH',
  'IND',
  'NEL',
  'SSA',
  'ESA',
  'HTS',
  'HTJ',
  'VTS',
  'PLD',
  'PLU',
  'RI',
  'SS2',
  'SS3',
  'DCS',
  'PU1',
  'PU2',
  'STS',
  'CCH',
  'MW',
  'SPA',
  'EPA',
  'SOS',
  'SGC',
  'SCI',
  'CSI',
  'ST',
  'OSC',
  'PM',
  'APC',
];
const BIDI_NAMES: Record<number, string> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** Forbidden in values: tab, line feed and carriage return are allowed. */
const IN_VALUES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** Forbidden in keys: every C0 control. */
const IN_KEYS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Beyond this many, one more problem says how many strings were left unreported. */
const MAX_REPORTED = 50;

/** Every string of `raw` (values and keys) holding a forbidden character, with its path and the first such character. */
export function controlCharacterProblems(raw: unknown): EstateProblem[] {
  const problems: EstateProblem[] = [];
  let unreported = 0;
  const report = (path: readonly PropertyKey[], text: string, pattern: RegExp, what: string) => {
    const found = pattern.exec(text);
    if (!found) return;
    if (problems.length >= MAX_REPORTED) {
      unreported++;
      return;
    }
    const position = [...text.slice(0, found.index)].length + 1;
    problems.push({ path: formatPath(path), message: `${what} ${describeCharacter(found[0].codePointAt(0)!)} at position ${position}; remove it` });
  };
  // An explicit stack: estates from code are not depth-limited like parsed files. `seen` stops shared or cyclic objects.
  const seen = new Set<object>();
  const stack: { value: unknown; path: readonly PropertyKey[] }[] = [{ value: raw, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      report(path, value, IN_VALUES, 'contains');
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const children: { value: unknown; path: readonly PropertyKey[] }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, i) => children.push({ value: item, path: [...path, i] }));
    } else {
      for (const [key, inner] of Object.entries(value)) {
        report([...path, key], key, IN_KEYS, 'the key contains');
        children.push({ value: inner, path: [...path, key] });
      }
    }
    // Reversed onto the stack, so problems come in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  if (unreported)
    problems.push({ path: '', message: `and ${unreported} more string${unreported === 1 ? '' : 's'} with control or bidirectional formatting characters` });
  return problems;
}

/** "a control character (U+001B ESC)", "a bidirectional formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)" */
export function describeCharacter(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20) return `a control character (${hex} ${C0_NAMES[code]})`;
  if (code === 0x7f) return `a control character (${hex} DEL)`;
  if (code >= 0x80 && code <= 0x9f) return `a control character (${hex} ${C1_NAMES[code - 0x80]})`;
  return `a bidirectional formatting character (${hex} ${BIDI_NAMES[code] ?? 'BIDI'})`;
}
