import { BUILT_IN_ROLES } from '../lib/catalog/roles';
import { all, one, pathOf, ref, ResourceBody, resources } from './helpers/stack-query';
import { loadShippedEstate, synth } from './helpers/synth';

/*
 * The machines of the self-hosted integration runtime (review finding 10): with
 * `sharedServices.selfHostedIntegrationRuntime` a landing zone gets a private, patched
 * Windows scale set that installs the runtime and registers it, and its zone admins sign in
 * with Entra ID. Neither shipped estate turns the runtime on (it adds lock entries), so
 * relecloud's billing zone does here.
 */

const estate = loadShippedEstate('relecloud');
estate.landingZones[1].sharedServices = { ...estate.landingZones[1].sharedServices, selfHostedIntegrationRuntime: true };
const { stacks } = synth(estate);
const billing = stacks['dlz-billing'];
const scaleSet = one(billing, 'azurerm_windows_virtual_machine_scale_set');
const extension = (name: string) => (scaleSet.extension as ResourceBody[]).find((e) => e.name === name)!;

it('puts the scale set in the runtimes group, on the services subnet, with no public IP', () => {
  expect(scaleSet.resource_group_name).toMatch(/azurerm_resource_group\.landing-zone_resource-groups_runtimes_/);
  expect(scaleSet.name).toBe('vmss-relecloud-prd-billing-shir');
  const [nic] = scaleSet.network_interface;
  expect(nic.ip_configuration).toHaveLength(1);
  expect(nic.ip_configuration[0].subnet_id).toMatch(/azurerm_subnet\.landing-zone_network_subnets_services_subnet_/);
  expect(nic.ip_configuration[0].public_ip_address).toBeUndefined();
  expect(all(billing, 'azurerm_public_ip')).toEqual([]);
});

it('patches itself: automatic OS image upgrades, rolling one node of two at a time behind a health probe', () => {
  expect(scaleSet).toMatchObject({
    instances: 2,
    upgrade_mode: 'Rolling',
    enable_automatic_updates: false,
    automatic_os_upgrade_policy: { enable_automatic_os_upgrade: true, disable_automatic_rollback: false },
    rolling_upgrade_policy: { max_batch_instance_percent: 50 },
    source_image_reference: { version: 'latest' },
    secure_boot_enabled: true,
    vtpm_enabled: true,
  });
  expect(extension('HealthExtension')).toMatchObject({ publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthWindows' });
  expect(JSON.parse(extension('HealthExtension').settings)).toEqual({ protocol: 'tcp', port: 8060 });
});

it('signs zone admins in with Entra ID, as administrators of the scale set only', () => {
  expect(scaleSet.identity.type).toBe('SystemAssigned, UserAssigned');
  expect(extension('AADLoginForWindows')).toMatchObject({ publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADLoginForWindows' });
  const logins = all(billing, 'azurerm_role_assignment').filter((a) => a.role_definition_id.endsWith(BUILT_IN_ROLES['Virtual Machine Administrator Login']));
  expect(logins.map((a) => [a.principal_id, a.principal_type, a.scope])).toEqual([
    ['22222222-2222-2222-2222-222222222221', 'Group', ref(billing, 'azurerm_windows_virtual_machine_scale_set', {})],
  ]);
  expect(all(stacks['dlz-operations'], 'azurerm_windows_virtual_machine_scale_set')).toEqual([]);
});

it('installs the runtime and registers it with a key the nodes read themselves, so no key is in the configuration', () => {
  const runtimes = Object.keys(resources(billing, 'azurerm_data_factory_integration_runtime_self_hosted')).filter((id) =>
    id.startsWith('landing-zone_runtimes_'),
  );
  expect(runtimes).toHaveLength(1);
  const runtimeId = `\${azurerm_data_factory_integration_runtime_self_hosted.${runtimes[0]}.id}`;
  const install = extension('IntegrationRuntime');
  expect(install).toMatchObject({ publisher: 'Microsoft.Compute', type: 'CustomScriptExtension' });
  expect(install.protected_settings).toBeUndefined();
  const command: string = JSON.parse(install.settings).commandToExecute;
  expect(command).toContain(`-RuntimeId '${runtimeId}'`);
  const script = Buffer.from(/FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(command)![1], 'base64').toString('utf8');
  expect(script).toContain('https://go.microsoft.com/fwlink/?linkid=839822');
  expect(script).toContain('/listAuthKeys?api-version=2018-06-01');
  expect(script).toContain('& $dmgcmd -Key $keys.authKey1');
  expect(JSON.stringify(billing)).not.toContain('authorization_key');
  // The nodes' identity may read the key of this runtime, and nothing else; granted before the nodes start.
  const reader = all(billing, 'azurerm_role_assignment').find((a) => pathOf(a).includes('/runtimes/hosts/runtime-key-reader/'))!;
  expect(reader.role_definition_id).toMatch(new RegExp(`${BUILT_IN_ROLES['Data Factory Contributor']}$`));
  expect(reader.scope).toBe(runtimeId);
  expect(reader.principal_id).toMatch(/azurerm_user_assigned_identity\.landing-zone_runtimes_hosts_identity_.*\.principal_id/);
  expect(scaleSet.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.landing-zone_runtimes_hosts_runtime-key-reader_/)]);
});

it('keeps the local administrator password out of outputs and sends metrics to the central workspace', () => {
  expect(scaleSet.admin_password).toMatch(/^\$\{random_password\.landing-zone_runtimes_hosts_admin-password_[0-9A-F]{8}\.result\}$/);
  expect(JSON.stringify(billing.output ?? {})).not.toContain('random_password');
  expect(billing.terraform?.required_providers).toMatchObject({ random: { source: 'hashicorp/random' } });
  const diagnostics = all(billing, 'azurerm_monitor_diagnostic_setting').find(
    (d) => d.target_resource_id === ref(billing, 'azurerm_windows_virtual_machine_scale_set', {}),
  )!;
  expect(diagnostics.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  expect(diagnostics.enabled_log).toBeUndefined();
  expect(diagnostics.log_analytics_workspace_id).toContain('data.terraform_remote_state');
});
