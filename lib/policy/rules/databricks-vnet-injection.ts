import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

export const databricksVnetInjection: ResourceRule = {
  id: 'CSA-DBW-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_databricks_workspace'],
  title: "Databricks workspaces are injected into the landing zone's virtual network",
  rationale:
    'Only an injected workspace runs its clusters in subnets whose routes send egress through the hub firewall and whose NSGs the estate controls; it cannot be added later.',
  fix: 'set custom_parameters.virtual_network_id and the public/private subnet names (forces a new workspace)',
  check: (r) => {
    const id = block(r.attributes, 'custom_parameters')?.virtual_network_id;
    return verdict(typeof id === 'string' && id.length > 0);
  },
};
