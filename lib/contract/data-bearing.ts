/**
 * Resource types whose destruction loses data: storage and its containers, vaults (keys
 * and secrets), databases, catalogs (Purview), workspaces holding code and models, image
 * registries, event namespaces holding retained events. Every one gets Terraform's
 * `prevent_destroy`, and synth refuses to drop one from a stack unless told to; the plan
 * rule CSA-PLAN-002 (lib/policy/plan-rules/no-data-deletion.ts) fails a plan that deletes
 * or replaces one.
 */
export const DATA_BEARING_TYPES: ReadonlySet<string> = new Set([
  'azurerm_storage_account',
  'azurerm_storage_container',
  'azurerm_storage_data_lake_gen2_filesystem',
  'azurerm_key_vault',
  // Keys and secrets live in a vault but are resources of their own: deleting one loses it
  // (no stack synthesizes either today, so adding them changed no output).
  'azurerm_key_vault_key',
  'azurerm_key_vault_secret',
  'azurerm_mssql_server',
  'azurerm_mssql_database',
  'azurerm_mysql_flexible_server',
  'azurerm_postgresql_flexible_server',
  'azurerm_cosmosdb_account',
  'azurerm_purview_account',
  'azurerm_synapse_workspace',
  'azurerm_synapse_sql_pool',
  'azurerm_container_registry',
  'azurerm_machine_learning_workspace',
  'azurerm_eventhub_namespace',
  'azurerm_eventhub',
  'azurerm_log_analytics_workspace',
  'azurerm_data_factory',
  'azurerm_databricks_workspace',
]);
