import { execFileSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { APPROVAL_SCRIPT } from '../lib/pipeline/endpoint-approval';
import { deployWorkflow, renderWorkflow } from '../lib/pipeline/github-workflow';

/**
 * Finding 14: managed private endpoints are created pending. Every stack's apply in the
 * deploy workflow is followed by a step that approves, on each target, only the connections
 * of the stack's own managed private endpoints (scripts/approve-private-endpoints.sh, run
 * here against stub `az`, `terraform` and `curl`).
 */
type Step = { name?: string; run?: string; uses?: string; 'working-directory'?: string };
type Job = { steps: Step[]; permissions?: any; env?: any };
const stacks = [
  { name: 'dmlz', dependencies: [] },
  { name: 'dlz-a', dependencies: ['dmlz'] },
  { name: 'dlz-b', dependencies: ['dmlz', 'dlz-a'] },
];
const workflow = parse(renderWorkflow(deployWorkflow({ estatePath: 'estates/x.yaml', stacks }))) as { jobs: Record<string, Job> };

describe('the deploy workflow approves the managed private endpoints', () => {
  it.each(stacks.map((s) => s.name))('%s: its apply is followed by the approval, in the same directory, with the repository checked out', (stack) => {
    const job = Object.values(workflow.jobs).find((j) => j.steps.some((s) => s.name === `Apply ${stack}`))!;
    const at = job.steps.findIndex((s) => s.name === `Apply ${stack}`);
    const approval = job.steps[at + 1]!;
    expect(approval).toEqual({
      name: `Approve the managed private endpoints of ${stack}`,
      'working-directory': job.steps[at]!['working-directory'],
      run: `bash "$GITHUB_WORKSPACE/${APPROVAL_SCRIPT}"`,
    });
    expect(job.steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'))).toBeLessThan(at);
    // The deployer's OIDC token signs the CLI in: no secret.
    expect(job.permissions['id-token']).toBe('write');
    expect(job.env.ARM_CLIENT_ID).toBe('${{ vars.AZURE_CLIENT_ID }}');
  });
});

describe(APPROVAL_SCRIPT, () => {
  const script = path.join(__dirname, '..', APPROVAL_SCRIPT);
  const factory = '/subscriptions/s/resourceGroups/g/providers/Microsoft.DataFactory/factories/adf-x';
  const purview = '/subscriptions/m/resourceGroups/gov/providers/Microsoft.Purview/accounts/pview';
  const ingestionStorage = '/subscriptions/msft/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/ingestion';
  const pending = (id: string, endpoint: string) => ({
    id,
    properties: { privateEndpoint: { id: `/x/privateEndpoints/${endpoint}` }, privateLinkServiceConnectionState: { status: 'Pending' } },
  });

  function run(resources: unknown[]): string[] {
    const dir = mkdtempSync(path.join(tmpdir(), 'approve-'));
    const log = path.join(dir, 'calls.log');
    const stub = (name: string, body: string) => {
      writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(path.join(dir, name), 0o755);
    };
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ values: { root_module: { resources } } }));
    stub('terraform', `cat ${dir}/state.json`);
    stub('curl', `echo '{"value":"oidc"}'`);
    const lake = JSON.stringify([pending('/t/raw/conn-mine', 'adf-x.raw_dfs'), pending('/t/raw/conn-other', 'adf-other.raw_dfs')]);
    const ingestion = JSON.stringify({
      value: [pending('i1', 'adf-x.purview_blob').properties, pending('i2', 'someone-else').properties].map((properties) => ({ properties })),
    });
    stub(
      'az',
      [
        `echo "az $*" >> ${log}`,
        `if [ "$1 $2 $3" = "network private-endpoint-connection list" ]; then`,
        `  case "$5" in /t/raw) echo '${lake}' ;; *) exit 1 ;; esac`,
        `elif [ "$1" = rest ] && [ "$3" = get ]; then echo '${ingestion}'; fi`,
      ].join('\n'),
    );
    execFileSync('bash', [script], {
      cwd: dir,
      env: {
        ...process.env,
        PATH: `${dir}:${process.env.PATH}`,
        ARM_CLIENT_ID: 'c',
        ARM_TENANT_ID: 't',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://u?a=1',
      },
    });
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const mpe = (name: string, target: string) => ({
    type: 'azurerm_data_factory_managed_private_endpoint',
    values: { name, data_factory_id: factory, target_resource_id: target },
  });
  const remoteState = { type: 'terraform_remote_state', values: { outputs: { value: { purview_account_id: purview } } } };

  it('signs in with the federated token, then approves only the stack’s own pending connection on each target', () => {
    const calls = run([mpe('raw_dfs', '/t/raw'), remoteState]);
    expect(calls[0]).toBe('az login --service-principal -u c -t t --federated-token oidc --allow-no-subscriptions --output none');
    const approvals = calls.filter((c) => c.includes(' approve '));
    expect(approvals).toEqual([
      'az network private-endpoint-connection approve --id /t/raw/conn-mine --description Approved by the estate deploy workflow --output none',
    ]);
  });

  it('approves an endpoint to Purview’s ingestion storage through the Purview account, and only its own', () => {
    const calls = run([mpe('purview_blob', ingestionStorage), remoteState]);
    const posts = calls.filter((c) => c.startsWith('az rest --method post'));
    expect(posts).toEqual([
      `az rest --method post --url https://management.azure.com${purview}/ingestionPrivateEndpointConnectionStatus?api-version=2024-04-01-preview --body {"privateEndpointId": "/x/privateEndpoints/adf-x.purview_blob", "status": "Approved"} --output none`,
    ]);
  });

  it('does nothing in a stack without managed private endpoints or Purview', () => {
    expect(run([{ type: 'azurerm_storage_account', values: { name: 'st' } }])).toEqual([expect.stringMatching(/^az login /)]);
  });
});
