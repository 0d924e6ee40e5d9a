/**
 * Links and heading anchors of a Markdown file, as GitHub renders them: enough to check that
 * every relative link of the docs points at a file (and heading) that exists.
 */

export interface MarkdownLink {
  readonly target: string;
  /** 1-based line of the link. */
  readonly line: number;
}

/** The text with fenced code blocks and inline code blanked out (same length, same lines). */
function withoutCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1?\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank).replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** Inline links and images `[text](target "title")`, `<a href>`/`<img src>` and reference definitions. */
export function markdownLinks(text: string): MarkdownLink[] {
  const prose = withoutCode(text);
  const lineOf = (index: number) => prose.slice(0, index).split('\n').length;
  const links: MarkdownLink[] = [];
  const add = (raw: string, index: number) => {
    const target = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
    links.push({ target, line: lineOf(index) });
  };
  for (const m of prose.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) add(m[1], m.index!);
  for (const m of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) add(m[1], m.index!);
  for (const m of prose.matchAll(/<(?:a|img)\b[^>]*\s(?:href|src)="([^"]+)"/gi)) add(m[1], m.index!);
  return links;
}

/** GitHub's anchor for a heading text: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  // Code spans are literal (`<name>` stays text); outside them links keep their text and inline HTML goes.
  const plain = heading
    .split(/(`+[^`]*`+)/)
    .map((part, i) =>
      i % 2
        ? part.replace(/`/g, '')
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]+>/g, '')
            .replace(/[*~]/g, ''),
    )
    .join('');
  return plain
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a file offers: its headings' slugs (repeats numbered -1, -2, ... as on GitHub) and explicit ids. */
export function headingAnchors(text: string): Set<string> {
  const prose = withoutCode(text);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/gm)) {
    if (prose.slice(m.index!, m.index! + m[1].length) !== m[1]) continue; // inside a code block
    const base = slug(m[2]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of prose.matchAll(/<[a-z]+\b[^>]*\s(?:id|name)="([^"]+)"/gi)) anchors.add(m[1]);
  return anchors;
}
