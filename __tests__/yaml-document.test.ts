import fc from 'fast-check';
import { Document, parseDocument, Parser } from 'yaml';
import { parseYaml } from '../lib/estate/yaml-document';
import { deepNesting } from '../lib/estate/yaml-nesting';

/**
 * lib/estate/yaml-document.ts parses an estate's text once for the depth check and the document:
 * it must give what yaml's parseDocument gives, documents and problems (as estate problems show
 * them: the first line of each message, which names the position), over well-formed and broken text.
 */
const OPTIONS = { uniqueKeys: true, merge: false, strict: true, stringKeys: true } as const;

/** What the estate loader takes from a document (lib/estate/load.ts parseText). */
function seen(doc: Document.Parsed) {
  const firstLines = (problems: readonly Error[]) => problems.map((e) => e.message.split('\n')[0]!.replace(/:$/, ''));
  const errors = firstLines(doc.errors);
  let value: unknown;
  try {
    value = errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    value = `toJS: ${(e as Error).message}`;
  }
  return { errors, warnings: firstLines(doc.warnings), value };
}

const fragments = fc.constantFrom(
  'estate: adatum\n',
  'a: 1\na: 2\n',
  'list:\n  - x\n  - y\n',
  '  bad indent: [\n',
  '- a\n- b\n',
  '---\n',
  '--- !custom\n',
  '{"json": [1, 2, {"k": null}]}\n',
  '{"dup": 1, "dup": 2}\n',
  'anchor: &a {x: 1}\nalias: *a\n',
  'missing: *nowhere\n',
  'tab:\t1\n',
  '? [complex, key]\n: value\n',
  '"unterminated\n',
  'k: v # comment\n',
  '%YAML 1.2\n',
  'x: |\n  block\n  text\n',
  '<<: {merge: 1}\n',
  '\n',
  ': \n',
  '[a, b\n',
  'zones:\n  - name: ops\n    inputs: [a, {b: c}]\n',
);
const texts = fc.oneof(
  fc.array(fragments, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60 }),
  fc
    .array(fc.constantFrom('a: ', '- ', '[', ']', '{', '}', ', ', '\n', '  ', 'x', '"', "'", '&a ', '*a', '!t ', '? ', '#', '---\n'), { maxLength: 30 })
    .map((p) => p.join('')),
);

describe('parseYaml', () => {
  it('composes what parseDocument composes, with the same problems at the same positions', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const ours = parseYaml(text, OPTIONS);
        expect(seen(ours.compose())).toEqual(seen(parseDocument(text, { ...OPTIONS, prettyErrors: true })));
      }),
      { numRuns: 400 },
    );
  });

  it('hands the depth check the same syntax tree it composes from', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
    expect(deepNesting(parseYaml(deep, OPTIONS).tokens)).toEqual(deepNesting([...new Parser().parse(deep)]));
    expect(deepNesting(parseYaml(deep, OPTIONS).tokens)?.depth).toBe(33);
    expect(deepNesting(parseYaml('a: [1, {b: 2}]\n', OPTIONS).tokens)).toBeUndefined();
  });
});
