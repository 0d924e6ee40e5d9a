import { PlanRule } from './plan-rule';

/** Types whose destruction destroys data, history or keys that no re-apply brings back. */
export const DATA_BEARING_TYPES: readonly string[] = [
  'azurerm_container_registry',
  'azurerm_cosmosdb_account',
  'azurerm_data_factory',
  'azurerm_databricks_workspace',
  'azurerm_eventhub',
  'azurerm_eventhub_namespace',
  'azurerm_key_vault',
  'azurerm_key_vault_key',
  'azurerm_key_vault_secret',
  'azurerm_log_analytics_workspace',
  'azurerm_machine_learning_workspace',
  'azurerm_mssql_database',
  'azurerm_mssql_server',
  'azurerm_purview_account',
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_storage_data_lake_gen2_filesystem',
  'azurerm_synapse_sql_pool',
  'azurerm_synapse_workspace',
];

export const noDataDeletion: PlanRule = {
  id: 'CSA-PLAN-002',
  severity: 'error',
  title: 'The plan deletes or replaces no data-bearing resource (lakes, containers, vaults, databases, workspaces, registries, catalogs)',
  rationale: 'A renamed construct id, a changed ForceNew argument or a removed zone turns into a destroy: the lake, the vault or the metastore and their contents are gone. Such a plan must be a deliberate, reviewed decision, never a side effect.',
  fix: 'keep construct ids stable (declare a move with moved blocks / resource.moveTo), revert the ForceNew change, or remove the resource from state (terraform state rm) if it must survive outside the estate',
  check: (plan) =>
    (plan.resource_changes ?? [])
      .filter((rc) => rc.mode !== 'data' && DATA_BEARING_TYPES.includes(rc.type) && rc.change.actions.includes('delete'))
      .map((rc) => ({ address: rc.address, detail: rc.change.actions.includes('create') ? 'replaced (destroyed and created again)' : 'destroyed' })),
};
