import { ResourceRule, verdict } from '../rule';

export const storageContainerPrivate: ResourceRule = {
  id: 'CSA-ST-009',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_container'],
  title: 'Storage containers are private',
  rationale: 'Access level "blob" or "container" serves the container\'s data to anyone with its URL, without authentication.',
  fix: 'set container_access_type = "private"',
  check: (r) => verdict(r.attributes.container_access_type === 'private'),
};
