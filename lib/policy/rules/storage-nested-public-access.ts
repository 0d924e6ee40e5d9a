import { ResourceRule, verdict } from '../rule';

export const storageNestedPublicAccess: ResourceRule = {
  id: 'CSA-ST-005',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: 'Storage accounts forbid anonymous (public) access to containers and blobs',
  rationale:
    'With nested public access allowed, one container created with access level "blob" or "container" publishes its data anonymously, whatever the account\'s other settings.',
  fix: 'set allow_nested_items_to_be_public = false',
  check: (r) => verdict(r.attributes.allow_nested_items_to_be_public === false),
};
