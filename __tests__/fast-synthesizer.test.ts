import { App, Aspects, IAspect, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { installFastSynthesizer } from '../lib/synth/fast-synthesizer';

/**
 * lib/synth/fast-synthesizer.ts: cdktf's stack synthesis with its aspect walk keyed by construct
 * must visit, warn and write exactly as cdktf's own does.
 */
const { StackSynthesizer } = require('cdktf/lib/synthesize/synthesizer') as { StackSynthesizer: { prototype: { synthesize: unknown } } };
// jest gives this file its own cdktf: the method before and after the install.
const cdktfOwn = StackSynthesizer.prototype.synthesize;
installFastSynthesizer();
const fast = StackSynthesizer.prototype.synthesize;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An app whose aspects are inherited, repeated on a child, and add another aspect while visiting; what they visit, in order. */
function synthesizeWith(synthesize: unknown): { visits: string[]; stack: string; manifest: unknown } {
  StackSynthesizer.prototype.synthesize = synthesize;
  try {
    const outdir = mkdtempSync(path.join(tmpdir(), 'csa-fast-synthesizer-'));
    dirs.push(outdir);
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, 'stack');
    const visits: string[] = [];
    const logging = (name: string): IAspect => ({ visit: (node: IConstruct) => void visits.push(`${name} ${node.node.path}`) });
    const shared = logging('shared');
    const adding: IAspect = {
      visit: (node: IConstruct) => {
        visits.push(`adding ${node.node.path}`);
        if (node.node.id === 'inner') Aspects.of(node).add(logging('late'));
      },
    };
    Aspects.of(stack).add(shared);
    Aspects.of(stack).add(adding);
    const outer = new Construct(stack, 'outer');
    const inner = new Construct(outer, 'inner');
    Aspects.of(inner).add(shared);
    Aspects.of(inner).add(logging('own'));
    new TerraformOutput(inner, 'out', { value: 'v' });
    new TerraformOutput(stack, 'top', { value: 'w' });
    app.synth();
    return {
      visits,
      stack: readFileSync(path.join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'),
      manifest: JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')),
    };
  } finally {
    StackSynthesizer.prototype.synthesize = fast;
  }
}

describe('the faster stack synthesis', () => {
  it('is installed over cdktf 0.21 (a later cdktf of another shape fails the install, naming CSA_FAST_SYNTH=0)', () => {
    expect(fast).not.toBe(cdktfOwn);
  });

  it('visits, warns and writes exactly as cdktf: pre-order, inherited aspects first, each once per construct', () => {
    const own = synthesizeWith(cdktfOwn);
    const faster = synthesizeWith(fast);
    expect(faster).toEqual(own);
    // Not vacuous: the shared aspect visits inner once, and the aspect added while visiting is warned about.
    expect(own.visits.filter((v) => v === 'shared stack/outer/inner')).toHaveLength(1);
    expect(JSON.stringify(own.manifest)).toContain('We detected an Aspect was added via another Aspect');
  });
});
