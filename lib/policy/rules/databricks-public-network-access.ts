import { ResourceRule, verdict } from '../rule';

export const databricksPublicNetworkAccess: ResourceRule = {
  id: 'CSA-DBW-004',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_databricks_workspace'],
  title: 'Databricks workspaces deny public network access, with back-end Private Link (network_security_group_rules_required = NoAzureDatabricksRules)',
  rationale:
    "With public network access on (azurerm's default) the workspace UI and REST API answer from the whole internet, guarded by sign-in alone. A private workspace needs the `databricks_ui_api` endpoint for users and clusters, the region's `browser_authentication` endpoint for sign-in, and NoAzureDatabricksRules, which Azure requires once public access is off.",
  fix: 'set public_network_access_enabled = false and network_security_group_rules_required = "NoAzureDatabricksRules", with a databricks_ui_api private endpoint and a web-auth workspace for the region',
  check: (r) =>
    verdict(r.attributes.public_network_access_enabled === false && r.attributes.network_security_group_rules_required === 'NoAzureDatabricksRules'),
};
