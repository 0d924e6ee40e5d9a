import { ResourceRule, verdict } from '../rule';
import { TAGGABLE_TYPES } from '../taggable-types';

/** The tags the zone stacks put on every taggable resource (the estate schema reserves the same keys). */
export const REQUIRED_TAGS = ['estate', 'environment', 'zone', 'managed-by'] as const;

export const requiredTags: ResourceRule = {
  id: 'CSA-TAG-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: TAGGABLE_TYPES,
  title: `Taggable resources carry the ${REQUIRED_TAGS.join(', ')} tags`,
  rationale:
    "Cost reports, incident response and clean-up find a resource's estate, environment and zone, and that it is managed by this code (not to be changed by hand), only through these tags.",
  fix: 'create the resource inside a ZoneStack (its tags aspect adds them) and do not override tags with a value that drops them',
  check: (r) => {
    const tags = r.attributes.tags;
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return 'noncompliant';
    return verdict(
      REQUIRED_TAGS.every((key) => {
        const value = (tags as Record<string, unknown>)[key];
        return typeof value === 'string' && value.length > 0;
      }),
    );
  },
};
