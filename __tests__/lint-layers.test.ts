import { execFileSync } from 'child_process';
import * as path from 'path';
import { REPO } from './helpers/synth';

/**
 * The layer rule of `npm run lint` (tools/lint/layer-rule.mjs) on snippets placed in the tree:
 * imports run down the layers, and the estate model and the rule pack never import constructs.
 */
const SNIPPETS: Record<string, { file: string; code: string }> = {
  constructImportsEstate: { file: 'lib/constructs/shared/probe.ts', code: "import { Estate } from '../../estate/model';\nexport type T = Estate;\n" },
  constructImportsCatalog: {
    file: 'lib/constructs/shared/probe.ts',
    code: "import { BUILT_IN_ROLES } from '../../catalog/roles';\nexport const r = BUILT_IN_ROLES;\n",
  },
  estateImportsConstruct: {
    file: 'lib/estate/probe.ts',
    code: "import type { ZoneDiagnostics } from '../constructs/shared/vocabulary';\nexport type T = ZoneDiagnostics;\n",
  },
  sharedImportsLandingZone: {
    file: 'lib/constructs/shared/probe.ts',
    code: "import { DataLandingZone } from '../landing-zone/landing-zone';\nexport const c = DataLandingZone;\n",
  },
  stackImportsConstruct: {
    file: 'stacks/probe.ts',
    code: "import { DataLandingZone } from '../lib/constructs/landing-zone/landing-zone';\nexport const c = DataLandingZone;\n",
  },
  zodInternals: { file: 'lib/estate/probe.ts', code: "import { z } from 'zod';\nexport const d = (z.string() as any)._zod.def;\n" },
};

const LINT = `
const { ESLint } = require('eslint');
(async () => {
  const eslint = new ESLint({ cwd: process.argv[1] });
  const snippets = JSON.parse(process.argv[2]);
  const out = {};
  for (const [key, { file, code }] of Object.entries(snippets)) {
    const [result] = await eslint.lintText(code, { filePath: require('path').join(process.argv[1], file) });
    out[key] = result.messages.map((m) => m.ruleId + ': ' + m.message);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('npm run lint: the layer rule', () => {
  const messages: Record<string, string[]> = JSON.parse(
    execFileSync(process.execPath, ['-e', LINT, REPO, JSON.stringify(SNIPPETS)], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') },
    }),
  );

  it('refuses a construct importing the estate model, naming both units', () => {
    expect(messages.constructImportsEstate).toEqual([
      expect.stringMatching(/^csa\/layers: lib\/constructs\/shared \(library\) must not import lib\/estate \(estate\)/),
    ]);
  });

  it('lets a construct import the catalog, and a stack import a construct', () => {
    expect(messages.constructImportsCatalog).toEqual([]);
    expect(messages.stackImportsConstruct).toEqual([]);
  });

  it('refuses the estate model importing a construct, though constructs sit lower', () => {
    expect(messages.estateImportsConstruct).toEqual([expect.stringMatching(/^csa\/layers: lib\/estate must not import lib\/constructs/)]);
  });

  it('orders the construct folders: shared/ does not import landing-zone/', () => {
    expect(messages.sharedImportsLandingZone).toEqual([
      expect.stringMatching(/^csa\/layers: lib\/constructs\/shared \(library\) must not import lib\/constructs\/landing-zone/),
    ]);
  });

  it("refuses reaching into zod's internals", () => {
    expect(messages.zodInternals).toEqual([expect.stringMatching(/^no-restricted-syntax: zod's internals/)]);
  });
});
