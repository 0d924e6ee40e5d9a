import { Composer, CST, Document, DocumentOptions, LineCounter, ParseOptions, Parser, SchemaOptions, YAMLParseError } from 'yaml';

/**
 * yaml's `parseDocument` in two steps, so that the estate's text is lexed and parsed once: the
 * syntax tree (CST) is checked for depth first (yaml-nesting.ts: the composer recurses once per
 * level), then composed. Same documents and errors as `parseDocument(text, options)`, except
 * that an error's message gets only the position yaml's `prettyErrors` adds (`at line L, column
 * C`), not the excerpt of the text after it, which estate problems never show.
 */
export interface ParsedYaml {
  readonly tokens: readonly CST.Token[];
  compose(): Document.Parsed;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

export function parseYaml(text: string, options: Options): ParsedYaml {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  return {
    tokens,
    compose() {
      let doc: Document.Parsed | undefined;
      for (const next of new Composer(options).compose(tokens, true, text.length)) {
        if (!doc) doc = next;
        else {
          doc.errors.push(
            new YAMLParseError(
              next.range.slice(0, 2) as [number, number],
              'MULTIPLE_DOCS',
              'Source contains multiple documents; please use YAML.parseAllDocuments()',
            ),
          );
          break;
        }
      }
      // compose(tokens, true) always ends with a document.
      for (const problem of [...doc!.errors, ...doc!.warnings]) {
        if (problem.pos[0] === -1) continue;
        const { line, col } = lines.linePos(problem.pos[0]);
        problem.message += ` at line ${line}, column ${col}`;
      }
      return doc!;
    },
  };
}
