import { ResourceRule, verdict } from '../rule';

export const eventHubMinimumTls: ResourceRule = {
  id: 'CSA-EH-003',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_eventhub_namespace'],
  title: 'Event Hubs namespaces require TLS 1.2',
  rationale: 'TLS 1.0 and 1.1 have known weaknesses and are being retired across Azure.',
  fix: 'set minimum_tls_version = "1.2"',
  check: (r) => verdict(r.attributes.minimum_tls_version === '1.2'),
};
