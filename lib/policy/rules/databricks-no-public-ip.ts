import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const databricksNoPublicIp: ResourceRule = {
  id: 'CSA-DBW-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_databricks_workspace'],
  title: 'Databricks workspaces use secure cluster connectivity (no public IPs on cluster nodes)',
  rationale: 'With public IPs every cluster node is addressable from the internet and egress bypasses the hub firewall.',
  fix: 'set custom_parameters.no_public_ip = true',
  check: (r) => verdict(block(r.attributes, 'custom_parameters')?.no_public_ip === true),
};
