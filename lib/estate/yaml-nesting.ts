import { CST } from 'yaml';

/**
 * The deepest an estate file legitimately nests collections is 6 (landingZones → zone →
 * dataProducts → product → inputs); 32 leaves room for anything a person writes.
 */
export const MAX_YAML_NESTING = 32;

/**
 * Where yaml's syntax tree of a text (lib/estate/yaml-document.ts parseYaml) first nests
 * collections deeper than `limit`, or undefined.
 *
 * Why before parsing: the yaml composer recurses once per level, so a few thousand `[`
 * overflow the stack. yaml turns the first overflow into a parse error, but in a
 * long-running process (a jest worker, a server validating estates) a second deep
 * document crashed Node with "FATAL ERROR: RegExpCompiler Allocation failed": V8
 * compiled a regular expression with the stack nearly exhausted, and that is not an
 * exception anyone can catch. yaml's CST parser keeps its own stack (no recursion), and
 * this walk uses an explicit one, so depth is measured without recursing.
 */
export function deepNesting(tokens: readonly CST.Token[], limit = MAX_YAML_NESTING): { depth: number; offset: number } | undefined {
  const pending: { token: CST.Token | null | undefined; depth: number }[] = [];
  for (const token of tokens) pending.push({ token, depth: 0 });
  while (pending.length) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    switch (token.type) {
      case 'document':
        pending.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > limit) return { depth: depth + 1, offset: token.offset };
        for (const item of token.items) {
          // Keys can be collections too (`? [a, b] : c`).
          if ('key' in item) pending.push({ token: item.key, depth: depth + 1 });
          pending.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break; // scalars, aliases, comments, directives: no nesting
    }
  }
  return undefined;
}

/** 1-based line and column of a character offset, for messages like yaml's own. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
