import { block } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/** A week: long enough to notice a deletion made on a Friday evening. */
export const MIN_STORAGE_SOFT_DELETE_DAYS = 7;

const days = (policy: ReturnType<typeof block>): boolean => typeof policy?.days === 'number' && policy.days >= MIN_STORAGE_SOFT_DELETE_DAYS;

export const storageSoftDelete: ResourceRule = {
  id: 'CSA-ST-008',
  severity: 'warning',
  scope: 'resource',
  resourceTypes: ['azurerm_storage_account'],
  title: `Storage accounts keep deleted blobs and containers for at least ${MIN_STORAGE_SOFT_DELETE_DAYS} days`,
  rationale: 'Without soft delete a mistaken delete, a faulty pipeline or ransomware removes data for good; the lakes have no other backup.',
  fix: `set blob_properties.delete_retention_policy.days and blob_properties.container_delete_retention_policy.days to ${MIN_STORAGE_SOFT_DELETE_DAYS} or more`,
  check: (r) => {
    const blob = block(r.attributes, 'blob_properties');
    return verdict(days(block(blob, 'delete_retention_policy')) && days(block(blob, 'container_delete_retention_policy')));
  },
};
