import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { filesUnder, runSynthCommand } from './helpers/command';
import { REPO } from './helpers/synth';

const run = (estate: string, outdir: string) => runSynthCommand(estate, outdir);

describe('npm run synth (main.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails when the estate is invalid, naming every problem, and leaves cdktf.out exactly as it was', () => {
    const outdir = path.join(dir, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dmlz'), { recursive: true });
    writeFileSync(path.join(outdir, 'manifest.json'), '{"previous": true}');
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', 'cdk.tf.json'), '{"previous": "stack"}');
    const before = filesUnder(outdir);
    const estate = path.join(dir, 'broken.yaml');
    writeFileSync(
      estate,
      [
        'estate: relecloud',
        'environment: production',
        'location: westeurope',
        'managementZone:',
        '  subscriptionId: not-a-guid',
        '  addressSpace: 10.0.0.0/16',
        'landingZones:',
        '  - name: operations',
        '    subscriptionId: 00000000-0000-0000-0000-000000000002',
        '    addressSpace: 10.0.128.0/17',
        '    sharedServices: { databrics: true }',
      ].join('\n'),
    );
    const result = run(estate, outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environment: "production" is not allowed; use one of "dev", "test", "prod"');
    expect(result.stderr).toContain('managementZone.subscriptionId: "not-a-guid" must be a GUID');
    expect(result.stderr).toContain('landingZones[0].addressSpace: 10.0.128.0/17 overlaps managementZone.addressSpace 10.0.0.0/16');
    expect(result.stderr).toContain('landingZones[0].sharedServices.databrics: unknown key (did you mean "databricks"?)');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for user errors
    expect(filesUnder(outdir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('replaces cdktf.out with one stack per zone and drops stacks of removed zones', () => {
    const outdir = path.join(dir, 'cdktf.out');
    mkdirSync(path.join(outdir, 'stacks', 'dlz-removed'), { recursive: true });
    mkdirSync(path.join(outdir, 'stacks', 'dmlz', '.terraform'), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'provider cache');
    const result = run(path.join(REPO, 'estates', 'adatum.yaml'), outdir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('dlz-sales');
    expect(readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dlz-sales', 'dmlz']);
    expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    // terraform init results of surviving stacks are carried over
    expect(readFileSync(path.join(outdir, 'stacks', 'dmlz', '.terraform', 'kept'), 'utf8')).toBe('provider cache');
  });

  it('fails when the estate file does not exist', () => {
    const outdir = path.join(dir, 'cdktf.out');
    const result = run(path.join(dir, 'missing.yaml'), outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.yaml: 1 problem\n\s+\(file\): cannot be read: ENOENT/);
    expect(existsSync(outdir)).toBe(false);
  });
});
