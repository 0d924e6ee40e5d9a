import path from 'node:path';
import { LAYERS } from './layers.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function isIn(file, unit) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return rel === unit || rel.startsWith(`${unit}/`);
}

/** The index in LAYERS of the unit holding `file` (repo-relative), or -1 outside every unit. */
export function unitIndex(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  let best = -1;
  LAYERS.forEach(({ unit }, i) => {
    if ((rel === unit || rel.startsWith(`${unit}/`)) && (best < 0 || unit.length > LAYERS[best].unit.length)) best = i;
  });
  return best;
}

/** ESLint rule `csa/layers`: relative imports may only go to the same or an earlier unit. */
export const layerRule = {
  meta: { type: 'problem', docs: { description: 'imports run down the layers of README "Architecture"' }, schema: [] },
  create(context) {
    const from = unitIndex(context.filename);
    if (from < 0) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), spec);
      const to = unitIndex(target);
      const banned = (LAYERS[from].mayNotImport ?? []).find((unit) => isIn(target, unit));
      if (banned) {
        context.report({
          node,
          message: `${LAYERS[from].unit} must not import ${banned} (tools/lint/layers.mjs says why). Define the shape it needs in ${LAYERS[from].unit}, or move the shared part below both.`,
        });
      } else if (to > from) {
        const a = LAYERS[from];
        const b = LAYERS[to];
        context.report({
          node,
          message: `${a.unit} (${a.layer}) must not import ${b.unit} (${b.layer}): imports run down the layers listed in tools/lint/layers.mjs. Move the shared part down, or pass it in as a prop.`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal')
          check(node.arguments[0], node.arguments[0].value);
      },
    };
  },
};
