// The apply that gives downstream stacks their upstream's outputs: what it covers, and when
// it gives up (the saved plan is applied whole then). The fixture plans run it for real.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLY_OVERRIDE_FILE, outputApply, prepareApplyCopy } from '../output-apply';

const doc = () => ({
  terraform: { backend: { local: { path: 'x.tfstate' } } },
  provider: { azurerm: [{ features: [{}], subscription_id: '0000' }] },
  data: { azurerm_client_config: { cfg: { '//': { metadata: { path: 'a/cfg' } } } } },
  resource: {
    azurerm_resource_group: { rg: { name: 'rg', location: 'x' }, 'rg-2': { name: 'rg2', location: 'x' } },
    azurerm_virtual_network: { vnet: { name: 'v', resource_group_name: '${azurerm_resource_group.rg.name}', location: 'x' } },
    azurerm_subnet: { snet: { name: 's', virtual_network_name: '${azurerm_virtual_network.vnet.name}', depends_on: ['azurerm_resource_group.rg-2'] } },
    azurerm_key_vault: { kv: { name: 'kv', tenant_id: '${data.azurerm_client_config.cfg.tenant_id}' } },
    azurerm_storage_account: { unused: { name: 'sa' } },
  },
  output: {
    subnet_id: { value: '${azurerm_subnet.snet.id}' },
    tenant: { value: '${data.azurerm_client_config.cfg.tenant_id}' },
    subscription: { value: '0000-1111', description: 'a constant' },
  } as Record<string, unknown>,
});

describe('outputApply', () => {
  it('targets what the outputs refer to, keeps constants, and cuts the configuration down to their closure', () => {
    const apply = outputApply(doc())!;
    expect(apply.targets).toEqual(['azurerm_subnet.snet', 'data.azurerm_client_config.cfg']);
    expect(apply.constants).toEqual({ subscription: '0000-1111' });
    const cut = apply.cutDown as ReturnType<typeof doc>;
    // The subnet needs the vnet, which needs rg; depends_on counts; `rg` is not `rg-2`'s prefix match.
    expect(Object.keys(cut.resource).sort()).toEqual(['azurerm_resource_group', 'azurerm_subnet', 'azurerm_virtual_network']);
    expect(Object.keys(cut.resource.azurerm_resource_group).sort()).toEqual(['rg', 'rg-2']);
    expect(cut.data).toEqual(doc().data);
    expect(cut.output).toEqual(doc().output);
    expect(cut.provider).toEqual(doc().provider);
  });

  it('gives up where the references cannot be told from the text', () => {
    const via = (extra: object, output?: unknown) => outputApply({ ...doc(), ...extra, ...(output ? { output: { o: output } } : {}) });
    expect(via({}, { value: '${local.x}' })).toBeUndefined();
    expect(via({}, { value: '${module.m.x}' })).toBeUndefined();
    expect(via({}, { value: '${upper(var.x)}' })).toBeUndefined(); // a template without a reference: no constant either
    expect(via({}, { value: 'x' })).toBeUndefined(); // nothing to target at all
    expect(outputApply({ ...doc(), output: undefined })).toBeUndefined();
    // Only the cut is refused: -target still serves.
    expect(via({ moved: [{ from: 'azurerm_subnet.a', to: 'azurerm_subnet.snet' }] })!.cutDown).toBeUndefined();
    expect(via({ locals: { l: 1 } })!.cutDown).toBeUndefined();
    expect(via({ removed: [{ from: 'azurerm_subnet.gone', lifecycle: { destroy: false } }] })!.cutDown).toBeDefined();
  });
});

describe('prepareApplyCopy', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'output-apply-test-'));
    mkdirSync(join(dir, 'stacks', 'up', '.terraform'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'up', 'cdk.tf.json'), JSON.stringify(doc()));
    writeFileSync(join(dir, 'stacks', 'up', '.terraform', 'terraform.tfstate'), '{}');
    writeFileSync(join(dir, 'stacks', 'up', 'plan.bin'), 'plan');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the stack beside itself, without saved plans, cut down or with the override -target needs', () => {
    const stack = join(dir, 'stacks', 'up');
    const apply = outputApply(doc())!;
    const cutCopy = prepareApplyCopy(stack, join(stack, 'cdk.tf.json'), apply, true);
    expect(cutCopy).toBe(join(dir, 'stacks', '.up.offline-apply'));
    expect(existsSync(join(cutCopy, '.terraform', 'terraform.tfstate'))).toBe(true);
    expect(existsSync(join(cutCopy, 'plan.bin'))).toBe(false);
    expect(JSON.parse(readFileSync(join(cutCopy, 'cdk.tf.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(apply.cutDown)));

    const whole = prepareApplyCopy(stack, join(stack, 'cdk.tf.json'), apply, false);
    expect(JSON.parse(readFileSync(join(whole, 'cdk.tf.json'), 'utf8'))).toEqual(doc());
    // The constant's value, made to depend on a targeted resource.
    expect(JSON.parse(readFileSync(join(whole, APPLY_OVERRIDE_FILE), 'utf8'))).toEqual({
      output: { subscription: { value: '${[jsondecode("\\"0000-1111\\""), azurerm_subnet.snet][0]}' } },
    });
  });
});
