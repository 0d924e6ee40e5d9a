import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { terminalProgress } from '../lib/synth/progress';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { generatedEstate } from './helpers/synth';

/** Progress of long runs on a terminal; nothing under CI, the cdktf CLI or a pipe (spec section 6). */
describe('synth progress', () => {
  const fakeStream = (isTTY: boolean) => {
    const written: string[] = [];
    return { stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
  };

  it('on a terminal: quiet for the first moment, then one rewritten line per step, cleared at the end', () => {
    const { stream, written } = fakeStream(true);
    let clock = 0;
    const progress = terminalProgress(stream, {}, () => clock)!;
    progress.listener('Building stacks: 1 of 100 landing zones');
    expect(written).toEqual([]);
    clock = 2000;
    progress.listener('Building stacks: 2 of 100 landing zones');
    progress.done();
    expect(written).toEqual(['\r\x1b[2KBuilding stacks: 2 of 100 landing zones (2.0 s)', '\r\x1b[2K']);
  });

  it('prints nothing under CI, under the cdktf CLI, or into a pipe', () => {
    expect(terminalProgress(fakeStream(true).stream, { CI: 'true' })).toBeUndefined();
    expect(terminalProgress(fakeStream(true).stream, { CDKTF_CONTEXT_JSON: '{}' })).toBeUndefined();
    expect(terminalProgress(fakeStream(false).stream, {})).toBeUndefined();
  });

  it('synthesis reports each zone it builds and each later step', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-progress-'));
    try {
      writeFileSync(path.join(dir, 'estate.json'), JSON.stringify(generatedEstate(2)));
      const steps: string[] = [];
      synthesizeEstate({
        estatePath: path.join(dir, 'estate.json'),
        outdir: path.join(dir, 'out'),
        projectDir: dir,
        diagramOnWorkerThread: false,
        onProgress: (s) => steps.push(s),
      });
      expect(steps).toEqual([
        'Building stacks: 1 of 2 landing zones',
        'Building stacks: 2 of 2 landing zones',
        'Writing Terraform JSON (cdktf synth)',
        'Checking the stacks (policy rules, data-loss guard)',
        'Drawing the estate diagram',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
