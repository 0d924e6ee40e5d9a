import { ResourceRule, verdict } from '../rule';

export const storageMinimumTls: ResourceRule = {
  id: 'CSA-ST-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts require TLS 1.2 or later',
  rationale: 'TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure; clients that still use them should fail, not silently downgrade.',
  fix: 'set min_tls_version = "TLS1_2"',
  check: (r) => verdict(r.attributes.min_tls_version === 'TLS1_2' || r.attributes.min_tls_version === 'TLS1_3'),
};
