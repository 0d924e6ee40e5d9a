import { ResourceRule, verdict } from '../rule';

export const eventHubLocalAuth: ResourceRule = {
  id: 'CSA-EH-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_eventhub_namespace'],
  title: 'Event Hubs namespaces disable local (SAS key) authentication',
  rationale:
    'Shared access keys are long-lived secrets that identify no one; Entra ID roles (Azure Event Hubs Data Sender/Receiver) are auditable and revocable.',
  fix: 'set local_authentication_enabled = false',
  check: (r) => verdict(r.attributes.local_authentication_enabled === false),
};
