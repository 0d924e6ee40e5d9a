import { databricksWorkspace, INTERNAL_RULE, networkSecurityGroup, networkSecurityRule } from '../fixtures';
import { CaseTable } from './case-table';

/** A rule name Databricks uses on the NSGs of its delegated subnets. */
const DATABRICKS_RULE = 'Microsoft.Databricks-workspaces_UseOnly_databricks-worker-to-worker-inbound';
const PRIVATE = { publicNetworkAccessEnabled: false, networkSecurityGroupRulesRequired: 'NoAzureDatabricksRules' };

/** The private Databricks front end (CSA-DBW-004) and service-owned NSG rules (CSA-NET-004). */
export const DATABRICKS_PRIVATE_CASES: CaseTable = {
  'CSA-DBW-004': {
    compliance: { 'public network access off, NoAzureDatabricksRules': (s) => databricksWorkspace(s, PRIVATE) },
    noncompliance: {
      'public network access on': (s) => databricksWorkspace(s, { ...PRIVATE, publicNetworkAccessEnabled: true }),
      "left to azurerm's default (on)": (s) => databricksWorkspace(s, { networkSecurityGroupRulesRequired: 'NoAzureDatabricksRules' }),
      'public network access off with AllRules': (s) => databricksWorkspace(s, { ...PRIVATE, networkSecurityGroupRulesRequired: 'AllRules' }),
      'public network access off, NSG rules requirement left out': (s) => databricksWorkspace(s, { publicNetworkAccessEnabled: false }),
    },
  },
  'CSA-NET-004': {
    compliance: {
      'NSG without inline rules': (s) => networkSecurityGroup(s, { securityRule: undefined }),
      'NSG with an own inline rule': (s) => networkSecurityGroup(s),
      'own rule resource': (s) => networkSecurityRule(s),
    },
    noncompliance: {
      "Databricks' rule as a rule resource": (s) => networkSecurityRule(s, { name: DATABRICKS_RULE }),
      "Databricks' rule inline": (s) => networkSecurityGroup(s, { securityRule: [INTERNAL_RULE, { ...INTERNAL_RULE, name: DATABRICKS_RULE, priority: 101 }] }),
    },
  },
};
