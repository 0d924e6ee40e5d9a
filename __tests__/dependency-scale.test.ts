import { App } from 'cdktf';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { validateEstate } from '../lib/estate/load';
import { ZoneStack } from '../stacks/zone-stack';
import { generatedEstate } from './helpers/synth';

class BareZoneStack extends ZoneStack {}

describe('stack dependency check', () => {
  it('stays linear for hundreds of zones with a chain plus skip edges (cdktf walks every path)', () => {
    const estate = validateEstate(generatedEstate(1));
    const outdir = mkdtempSync(path.join(tmpdir(), 'csa-deps-'));
    const app = new App({ outdir, skipValidation: true });
    const count = 300;
    const stacks = Array.from(
      { length: count },
      (_, i) =>
        new BareZoneStack(app, `zone-${i}`, {
          estate,
          subscriptionId: estate.managementZone.subscriptionId,
          zoneTag: `z${i}`,
          location: { outdir, projectDir: outdir },
        }),
    );
    for (let i = 1; i < count; i++) {
      stacks[i].addDependency(stacks[i - 1]);
      if (i >= 3 && i % 3 === 0) stacks[i].addDependency(stacks[i - 3]);
    }
    expect(stacks[count - 1].dependsOn(stacks[0])).toBe(true);
    expect(stacks[0].dependsOn(stacks[count - 1])).toBe(false);
    expect(() => stacks[0].addDependency(stacks[count - 1])).toThrow(/circular/i);
    rmSync(outdir, { recursive: true, force: true });
  });
});
