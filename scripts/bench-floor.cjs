// `npm run bench`'s floor: what any synth of an estate must at least do in a fresh process.
// Loads cdktf (as the app does), reads every stack of a synthesized output and writes it back
// (parse, stringify, write). `npm run synth` of the same estate is reported as a ratio of it.
'use strict';
const { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } = require('fs');
const { tmpdir } = require('os');
const path = require('path');
require('cdktf');

const outdir = process.argv[2];
const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const target = mkdtempSync(path.join(tmpdir(), 'csa-floor-'));
try {
  for (const [name, stack] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
    mkdirSync(path.join(target, name), { recursive: true });
    writeFileSync(path.join(target, name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
} finally {
  rmSync(target, { recursive: true, force: true });
}
