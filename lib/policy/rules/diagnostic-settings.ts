import { PolicyResource, StackRule } from '../rule';

/**
 * Types whose logs matter for security and operations and that Azure Monitor can export:
 * the data services, the network edge and governance. Left out on purpose: NSGs and
 * virtual networks (VNet flow logs are the tool there), SQL servers (a logical server has
 * no diagnostic settings of its own; its databases and `master` do), and resources
 * without a resource log (resource groups, identities, DNS zones, endpoints).
 */
export const DIAGNOSED_TYPES: readonly string[] = [
  'azurerm_container_registry',
  'azurerm_data_factory',
  'azurerm_databricks_workspace',
  'azurerm_eventhub_namespace',
  'azurerm_firewall',
  'azurerm_key_vault',
  'azurerm_kubernetes_cluster',
  'azurerm_machine_learning_workspace',
  'azurerm_mssql_database',
  'azurerm_public_ip',
  'azurerm_purview_account',
  'azurerm_storage_account',
  'azurerm_synapse_spark_pool',
  'azurerm_synapse_sql_pool',
  'azurerm_synapse_workspace',
];

/** `${azurerm_key_vault.kv.id}` → `azurerm_key_vault.kv`: the address a diagnostic setting targets. */
const TARGET = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/;

export const diagnosticSettings: StackRule = {
  id: 'CSA-MON-001',
  severity: 'error',
  scope: 'stack',
  resourceTypes: DIAGNOSED_TYPES,
  title: 'Resources that emit resource logs have a diagnostic setting in their stack',
  rationale:
    'Without a diagnostic setting Azure keeps no resource logs (data access, authentication, firewall decisions): an incident cannot be investigated after the fact.',
  fix: "add a DiagnosticSettings construct (lib/constructs/shared/diagnostic-settings.ts) with target_resource_id = the resource's id, sending to the management zone's Log Analytics workspace",
  prepare: (stack: readonly PolicyResource[]) => {
    const targets = new Set<string>();
    for (const resource of stack) {
      if (resource.type !== 'azurerm_monitor_diagnostic_setting') continue;
      const match = TARGET.exec(String(resource.attributes.target_resource_id ?? ''));
      if (match) targets.add(match[1]);
    }
    return (resource) => (targets.has(resource.address) ? 'compliant' : 'noncompliant');
  },
};
