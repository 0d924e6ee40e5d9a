import { ResourceRule, verdict } from '../rule';

export const storageCrossTenantReplication: ResourceRule = {
  id: 'CSA-ST-007',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts disable object replication to other Entra tenants',
  rationale: "Cross-tenant object replication copies data to accounts outside the organisation's control; a data landing zone has no reason to allow it.",
  fix: 'set cross_tenant_replication_enabled = false',
  check: (r) => verdict(r.attributes.cross_tenant_replication_enabled === false),
};
