import { PlanRule, PlanViolation } from './plan-rule';

/** The public access switch of each data service, as azurerm 4.x names it. */
export const PUBLIC_ACCESS_ATTRIBUTE: Readonly<Record<string, string>> = {
  azurerm_storage_account: 'public_network_access_enabled',
  azurerm_key_vault: 'public_network_access_enabled',
  azurerm_mssql_server: 'public_network_access_enabled',
  azurerm_synapse_workspace: 'public_network_access_enabled',
  azurerm_eventhub_namespace: 'public_network_access_enabled',
  azurerm_container_registry: 'public_network_access_enabled',
  azurerm_machine_learning_workspace: 'public_network_access_enabled',
  azurerm_data_factory: 'public_network_enabled',
  azurerm_purview_account: 'public_network_enabled',
};

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;

/**
 * A storage account public "from selected networks" only (CSA-ST-001): planned firewall
 * default Deny with no IP and no virtual network rules, so only its resource-instance rules
 * (which need the public endpoint, CSA-ST-010) pass it.
 */
function storageFromSelectedNetworksOnly(after: unknown): boolean {
  const rules = field(after, 'network_rules');
  const rule = Array.isArray(rules) ? rules[0] : rules;
  const empty = (value: unknown) => Array.isArray(value) && value.length === 0;
  return field(rule, 'default_action') === 'Deny' && empty(field(rule, 'ip_rules')) && empty(field(rule, 'virtual_network_subnet_ids'));
}

export const plannedPrivateNetwork: PlanRule = {
  id: 'CSA-PLAN-001',
  severity: 'error',
  title: 'Data services are planned with public network access disabled (storage: or from selected networks only), after provider defaults',
  rationale:
    'The synthesized JSON can leave an argument out and let the provider default it (public access on for all of these); the plan shows the value Terraform will actually send. Unknown counts as on.',
  fix: "set the service's public access argument to false explicitly (public_network_access_enabled, or public_network_enabled on Data Factory and Purview)",
  check: (plan) => {
    const violations: PlanViolation[] = [];
    for (const rc of plan.resource_changes ?? []) {
      const attribute = PUBLIC_ACCESS_ATTRIBUTE[rc.type];
      if (!attribute || rc.mode === 'data' || rc.change.after === null || rc.change.after === undefined) continue; // deleted or not a data service
      if (field(rc.change.after_unknown, attribute) === true) violations.push({ address: rc.address, detail: `${attribute} is unknown until apply` });
      else if (rc.type === 'azurerm_storage_account' && field(rc.change.after, attribute) === true && storageFromSelectedNetworksOnly(rc.change.after))
        continue;
      else if (field(rc.change.after, attribute) !== false)
        violations.push({ address: rc.address, detail: `${attribute} is planned as ${JSON.stringify(field(rc.change.after, attribute) ?? null)}` });
    }
    return violations;
  },
};
