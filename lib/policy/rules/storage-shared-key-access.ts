import { ResourceRule, verdict } from '../rule';

export const storageSharedKeyAccess: ResourceRule = {
  id: 'CSA-ST-002',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts disable shared key (account key and SAS) authorization',
  rationale:
    'An account key grants full control of all data, never expires on its own and leaves no identity in the logs; SAS tokens signed with it leak the same way. Entra ID authorization is auditable and revocable.',
  fix: 'set shared_access_key_enabled = false and grant Entra ID roles (Storage Blob Data Reader/Contributor)',
  check: (r) => verdict(r.attributes.shared_access_key_enabled === false),
};
