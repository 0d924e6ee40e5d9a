// Maps byte offsets in a JSON file back to JSON paths.
//
// Terraform reports diagnostics for `*.tf.json` configuration as byte ranges in the
// file, not as resource addresses. To tell users "azurerm_virtual_network.vnet,
// attribute address_space" we find the innermost JSON value (or object key) that
// contains the diagnostic's start offset. Works on raw bytes because Terraform's
// offsets are byte offsets, not UTF-16 indices.

export type JsonPath = (string | number)[];

interface Span {
  path: JsonPath;
  start: number;
  end: number; // exclusive
}

export class JsonLocator {
  private readonly spans: Span[] = [];

  constructor(private readonly bytes: Buffer) {
    this.value(skipWs(bytes, 0), []);
  }

  /** The deepest path whose value (or key) contains `offset`; [] for the document. */
  pathAt(offset: number): JsonPath {
    let best: Span | undefined;
    for (const s of this.spans) {
      if (
        offset >= s.start &&
        offset < s.end &&
        (!best || s.path.length > best.path.length || (s.path.length === best.path.length && s.end - s.start < best.end - best.start))
      ) {
        best = s;
      }
    }
    return best ? best.path : [];
  }

  private value(pos: number, path: JsonPath): number {
    const b = this.bytes;
    const start = pos;
    const c = b[pos];
    let end: number;
    if (c === 0x7b /* { */) {
      pos = skipWs(b, pos + 1);
      while (b[pos] !== 0x7d /* } */) {
        const keyStart = pos;
        const keyEnd = stringEnd(b, pos);
        const key = JSON.parse(b.subarray(keyStart, keyEnd).toString('utf8')) as string;
        // A diagnostic pointing at a key (e.g. "Unsupported argument") belongs to that key's path.
        this.spans.push({ path: [...path, key], start: keyStart, end: keyEnd });
        pos = skipWs(b, keyEnd);
        if (b[pos] !== 0x3a /* : */) throw new Error(`expected ':' at byte ${pos}`);
        pos = this.value(skipWs(b, pos + 1), [...path, key]);
        pos = skipWs(b, pos);
        if (b[pos] === 0x2c /* , */) pos = skipWs(b, pos + 1);
      }
      end = pos + 1;
    } else if (c === 0x5b /* [ */) {
      pos = skipWs(b, pos + 1);
      let i = 0;
      while (b[pos] !== 0x5d /* ] */) {
        pos = skipWs(b, this.value(pos, [...path, i++]));
        if (b[pos] === 0x2c) pos = skipWs(b, pos + 1);
      }
      end = pos + 1;
    } else if (c === 0x22 /* " */) {
      end = stringEnd(b, pos);
    } else {
      end = pos;
      while (end < b.length && !isDelimiter(b[end]!)) end++;
    }
    if (end <= start || end > b.length) throw new Error(`malformed JSON at byte ${start}`);
    this.spans.push({ path, start, end });
    return end;
  }
}

function skipWs(b: Buffer, pos: number): number {
  while (pos < b.length && (b[pos] === 0x20 || b[pos] === 0x0a || b[pos] === 0x0d || b[pos] === 0x09)) pos++;
  return pos;
}

/** Offset just past the closing quote of the string starting at `pos`. */
function stringEnd(b: Buffer, pos: number): number {
  if (b[pos] !== 0x22) throw new Error(`expected string at byte ${pos}`);
  pos++;
  while (pos < b.length && b[pos] !== 0x22) pos += b[pos] === 0x5c /* \ */ ? 2 : 1;
  return pos + 1;
}

function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
