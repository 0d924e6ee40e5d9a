import { ResourceRule, verdict } from '../rule';

export const eventHubPublicNetworkAccess: ResourceRule = {
  id: 'CSA-EH-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_eventhub_namespace'],
  title: 'Event Hubs namespaces disable public network access',
  rationale: "Streaming ingestion should arrive through the namespace's private endpoint, not from the internet.",
  fix: 'set public_network_access_enabled = false',
  check: (r) => verdict(r.attributes.public_network_access_enabled === false),
};
