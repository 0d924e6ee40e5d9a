import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ForgottenResources } from '../shared/forgotten-resources';

/**
 * The NSG of VNet-injected Databricks subnets. Databricks owns the rules it adds there
 * (`Microsoft.Databricks-workspaces_UseOnly_*`): it creates them with the workspace, changes
 * them as the service evolves, and the subnet delegation blocks anyone else from updating
 * or deleting them. So Terraform declares none of them: no `azurerm_network_security_rule`
 * (it would fight every change the service makes, and fail to delete on teardown) and no
 * inline `security_rule` (Terraform would remove every rule it does not list). The
 * `security_rule` attribute is ignored, so a rule Databricks adds, changes or removes is
 * never a diff.
 */
export function databricksNetworkSecurityGroup(scope: Construct, id: string, props: { name: string; resourceGroupName: string; location: string }) {
  return new NetworkSecurityGroup(scope, id, { ...props, lifecycle: { ignoreChanges: ['security_rule'] } });
}

/** The delegation of a VNet-injected workspace's two subnets. */
export const DATABRICKS_DELEGATION = {
  name: 'databricks',
  service: 'Microsoft.Databricks/workspaces',
  actions: [
    'Microsoft.Network/virtualNetworks/subnets/join/action',
    'Microsoft.Network/virtualNetworks/subnets/prepareNetworkPolicies/action',
    'Microsoft.Network/virtualNetworks/subnets/unprepareNetworkPolicies/action',
  ],
};

/** The prefix of every NSG rule Databricks adds to the NSGs of its delegated subnets. */
export const DATABRICKS_OWNED_RULE_PREFIX = 'Microsoft.Databricks-workspaces_UseOnly_';

/**
 * The rules earlier versions of the stack declared as `azurerm_network_security_rule`
 * resources (under `<nsg>/rules/<name>`), with the names Databricks uses for them.
 */
export const LEGACY_DATABRICKS_RULE_NAMES: readonly string[] = [
  'to-worker-inbound',
  'to-databricks-webapp',
  'to-worker-outbound',
  'to-sql',
  'to-storage',
  'to-eventhub',
].map((rule) => `${DATABRICKS_OWNED_RULE_PREFIX}databricks-worker-${rule}`);

/**
 * Forgets the rule resources earlier versions declared under `nsg` (Terraform `removed`
 * blocks with `destroy = false`): a deployed stack drops them from its state and leaves the
 * rules, Databricks' own, in place; destroying them would fail on the delegation or cut
 * the clusters off. A stack that never had them plans nothing for these blocks.
 */
export function forgetLegacyDatabricksRules(nsg: NetworkSecurityGroup): void {
  const stack = TerraformStack.of(nsg);
  // Placeholders (plain constructs, never synthesized) at the old resources' paths, so
  // the addresses come from the same logical id scheme that named them.
  const rules = new Construct(nsg, 'rules');
  const forgotten = new ForgottenResources(nsg, 'forgotten-rules');
  forgotten.forget(LEGACY_DATABRICKS_RULE_NAMES.map((name) => `azurerm_network_security_rule.${stack.getLogicalId(new Construct(rules, name).node)}`));
}
