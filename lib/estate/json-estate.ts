/**
 * An estate written as JSON (as generators and tools write it), read with JSON.parse: at 250
 * landing zones the YAML parser takes 270 ms of a cold synth for what JSON.parse reads in 4.
 * JSON is YAML 1.2, and for the texts taken here the value is the one the YAML parser gives.
 * Taken: text JSON.parse accepts whose objects have no duplicate key and whose collections nest
 * at most `maxDepth` deep. Anything else (YAML, broken JSON, a duplicate key JSON.parse would
 * silently drop, a document too deep) returns undefined, for the YAML parser to read or report
 * with its line and column.
 */
export function parseJsonEstate(text: string, maxDepth: number): { readonly value: unknown } | undefined {
  if (!/^[ \t\r\n]*\{/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return uniqueKeysWithin(text, maxDepth) ? { value } : undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether no object of `text` (valid JSON) repeats a key, compared as decoded strings as YAML
 * compares them, and no collection nests deeper than `maxDepth`. One pass over the text.
 */
function uniqueKeysWithin(text: string, maxDepth: number): boolean {
  // Per open collection: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(end); d !== QUOTE; d = text.charCodeAt(end)) {
        if (d === BACKSLASH) {
          escaped = true;
          end += 2;
        } else end++;
      }
      if (expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        const keys = open[open.length - 1]!;
        if (keys.has(key)) return false;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (open.length >= maxDepth) return false;
      open.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = open[open.length - 1] !== null;
    }
  }
  return true;
}
