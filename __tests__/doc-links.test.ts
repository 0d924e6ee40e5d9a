import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { headingAnchors, markdownLinks, slug } from './helpers/markdown-links';
import { REPO } from './helpers/synth';

/**
 * Every relative link in README.md and docs/*.md resolves: to a file or directory inside the
 * repository (users clone it alone, so nothing outside it), and, for a `#anchor`, to a heading
 * of the Markdown file it names.
 */

const DOCS = [
  'README.md',
  ...readdirSync(path.join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** What is wrong with one link of `file`, or undefined. */
function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:, ...
  const hash = target.indexOf('#');
  const filePart = decodeURI(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const resolved =
    filePart === ''
      ? path.join(REPO, file)
      : filePart.startsWith('/')
        ? path.join(REPO, filePart)
        : path.resolve(path.dirname(path.join(REPO, file)), filePart);
  const inRepo = path.relative(REPO, resolved);
  if (inRepo.startsWith('..') || path.isAbsolute(inRepo)) return `${target}: outside the repository`;
  if (!existsSync(resolved)) return `${target}: no such file (${inRepo})`;
  if (anchor !== undefined && anchor !== '' && statSync(resolved).isFile() && resolved.endsWith('.md')) {
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) return `${target}: ${inRepo} has no heading with the anchor #${anchor}`;
  }
  return undefined;
}

describe('links in the documentation', () => {
  it.each(DOCS)('%s: every relative link resolves to a file (and heading) in the repository', (file) => {
    const broken = markdownLinks(readFileSync(path.join(REPO, file), 'utf8'))
      .map((link) => ({ ...link, problem: brokenLink(file, link.target) }))
      .filter((link) => link.problem)
      .map((link) => `${file}:${link.line}: ${link.problem}`);
    expect(broken).toEqual([]);
  });

  it('docs/diagram.md is folded into the README ("Seeing the estate"), and nothing links to it', () => {
    expect(existsSync(path.join(REPO, 'docs', 'diagram.md'))).toBe(false);
    expect(headingAnchors(readFileSync(path.join(REPO, 'README.md'), 'utf8')).has('seeing-the-estate')).toBe(true);
    for (const file of DOCS)
      expect({ file, links: markdownLinks(readFileSync(path.join(REPO, file), 'utf8')).filter((l) => l.target.includes('diagram.md')) }).toEqual({
        file,
        links: [],
      });
  });
});

describe('the link checker', () => {
  const page = [
    '# Seeing the estate',
    'A [file](docs/x.md), an ![image](docs/a.png "title"), [an anchor](#the-synth-summary), <a href="https://example.com">web</a>.',
    '`[not a link](nowhere.md)`',
    '```',
    '[also not](nowhere.md)',
    '# not a heading',
    '```',
    '## The synth summary',
    '## The synth summary',
    '### `npm run plan`: offline, per stack!',
    '[ref]: docs/ref.md',
  ].join('\n');

  it('finds inline, image, HTML and reference links, not those in code', () => {
    expect(markdownLinks(page)).toEqual([
      { target: 'docs/x.md', line: 2 },
      { target: 'docs/a.png', line: 2 },
      { target: '#the-synth-summary', line: 2 },
      { target: 'docs/ref.md', line: 11 },
      { target: 'https://example.com', line: 2 },
    ]);
  });

  it('makes anchors as GitHub does: lower case, punctuation dropped, repeats numbered', () => {
    expect([...headingAnchors(page)]).toEqual(['seeing-the-estate', 'the-synth-summary', 'the-synth-summary-1', 'npm-run-plan-offline-per-stack']);
    expect(slug('Data landing zone (`dlz-<name>`)')).toBe('data-landing-zone-dlz-name');
    expect(slug('Default settings (the security contract)')).toBe('default-settings-the-security-contract');
  });
});
