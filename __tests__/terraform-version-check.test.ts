import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { checkTerraformVersionsAgainst, minimumOf } from '../stacks/terraform-version-check';
import { TERRAFORM_VERSION_CONSTRAINT } from '../stacks/zone-stack';
import { legacyPeeringsRelecloud } from './helpers/legacy-peerings';

/**
 * cdktf's check of the Terraform on PATH (stacks/terraform-version-check.ts): a minimum the
 * stacks' pinned required_version implies passes without running Terraform; any other still
 * runs cdktf's own check (`terraform version` through execSync, the only way it runs one).
 */

const { ValidateTerraformVersion } = require('cdktf/lib/validations/validate-terraform-version') as {
  ValidateTerraformVersion: new (constraint: string, hint?: string) => { validate(): string[] };
};

// The module object itself (an `import * as` namespace would be a copy a spy does not reach).
const childProcess = require('child_process') as typeof import('child_process');

let dir: string;
let execSync: jest.SpyInstance;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'csa-tf-version-'));
  checkTerraformVersionsAgainst(TERRAFORM_VERSION_CONSTRAINT);
});
beforeEach(() => {
  execSync = jest.spyOn(childProcess, 'execSync');
});
afterEach(() => execSync.mockRestore());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const terraformRuns = () => execSync.mock.calls.filter(([command]) => String(command).startsWith('terraform')).length;

describe('checkTerraformVersionsAgainst', () => {
  it('a peering move synthesizes its import and removed blocks without running Terraform', () => {
    synthesizeEstate({ estatePath: legacyPeeringsRelecloud(dir), outdir: path.join(dir, 'cdktf.out'), projectDir: dir, diagramOnWorkerThread: false });
    const stack = (name: string) => JSON.parse(readFileSync(path.join(dir, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
    // Blocks cdktf guards with a Terraform check (imports, removed), in stacks that pin the version Terraform enforces.
    expect(stack('peerings-operations').import).toHaveLength(1);
    expect(stack('dlz-billing').removed).toHaveLength(1);
    for (const name of ['peerings-operations', 'dlz-billing']) expect(stack(name).terraform.required_version).toBe(TERRAFORM_VERSION_CONSTRAINT);
    expect(terraformRuns()).toBe(0);
  });

  it('passes the minimums cdktf asks for (imports, moves, terraform_data, cloud) without running Terraform', () => {
    for (const constraint of ['>=1.5', '>=1.4', '>=1.1', '>= 1.7.0', '>=1']) expect(new ValidateTerraformVersion(constraint).validate()).toEqual([]);
    expect(terraformRuns()).toBe(0);
  });

  it('runs cdktf check for a minimum above the pinned one or another form of constraint, and reports what it finds', () => {
    // What cdktf says with Terraform on PATH, or without it.
    expect(new ValidateTerraformVersion('>=99.0', 'upgrade').validate()).toEqual([
      expect.stringMatching(
        /^(terraform version \d+\.\d+\.\d+ is lower than the required version >=99\.0 for this construct\. upgrade|Could not determine version of terraform, terraform version failed: [^]*)$/,
      ),
    ]);
    expect(terraformRuns()).toBe(1);
    for (const constraint of ['>=1.7.1', '^1.5', '>1.5']) new ValidateTerraformVersion(constraint).validate();
    expect(terraformRuns()).toBe(4);
  });

  it('is judged against one pin per process', () => {
    expect(() => checkTerraformVersionsAgainst(TERRAFORM_VERSION_CONSTRAINT)).not.toThrow();
    expect(() => checkTerraformVersionsAgainst('>= 1.9.0')).toThrow(/already judged against >= 1.7.0/);
  });
});

describe('minimumOf', () => {
  it('reads ">= X[.Y[.Z]]" and nothing else', () => {
    expect(minimumOf('>=1.5')).toEqual([1, 5, 0]);
    expect(minimumOf(' >= 1.7.0 ')).toEqual([1, 7, 0]);
    expect(minimumOf('>=2')).toEqual([2, 0, 0]);
    for (const other of ['~>1.5', '> 1.5', '>=1.5, <2', '1.5', '>=v1.5', '']) expect(minimumOf(other)).toBeUndefined();
  });
});
