import { ResourceRule, verdict } from '../rule';

export const synapseExfiltrationProtection: ResourceRule = {
  id: 'CSA-SYN-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_synapse_workspace'],
  title: 'Synapse workspaces have data exfiltration protection on',
  rationale:
    'With exfiltration protection, outbound traffic from the managed virtual network goes only through approved managed private endpoints to the own tenant; without it a notebook can copy the lake anywhere.',
  fix: 'set data_exfiltration_protection_enabled = true (forces a new workspace)',
  check: (r) => verdict(r.attributes.data_exfiltration_protection_enabled === true),
};
