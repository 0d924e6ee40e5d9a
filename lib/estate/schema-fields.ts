import { z } from 'zod';
import { cidrProblem } from '../network/cidr';

/** The estate schema's building blocks (schema.ts): ids, address blocks, names and tags. */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const guid = (what: string) => z.string().regex(GUID, { error: `must be a GUID like 00000000-0000-0000-0000-000000000000 (${what})` });

export const cidr = z
  .string()
  .max(18, { error: 'is not an IPv4 CIDR block like 10.1.0.0/16' })
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Landing zone names: spec says 2-12 chars of [a-z0-9-] starting with a letter. */
export const zoneName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,11}$/, { error: 'must be 2-12 characters of a-z, 0-9 and "-", starting with a letter' })
  .regex(/^(?!.*--)(?!.*-$)/, { error: 'must not end with "-" or contain "--" (Azure resource names built from it would be invalid)' })
  .refine((name) => name !== 'dmlz', { error: 'is reserved for the data management zone; choose another name' });

/** Stands in for a zone name inside length-limited global names. */
export const shortName = z.string().regex(/^[a-z][a-z0-9]{0,11}$/, { error: 'must be 1-12 characters of a-z and 0-9, starting with a letter' });

/**
 * Integration and product names: [a-z0-9-], they become container, subnet and resource
 * group names. The spec says 2-24 characters, but its own example product
 * `cloud-service-recommender` has 25, so up to 32 are accepted (every derived name is
 * still checked against Azure's limits).
 */
export const ITEM_NAME_MAX = 32;
export const itemName = z
  .string()
  .regex(new RegExp(`^[a-z0-9][a-z0-9-]{1,${ITEM_NAME_MAX - 1}}$`), {
    error: `must be 2-${ITEM_NAME_MAX} characters of a-z, 0-9 and "-", not starting with "-"`,
  })
  .regex(/^(?!.*--)(?!.*-$)/, { error: 'must not end with "-" or contain "--" (storage container names built from it would be invalid)' });

const TAG_KEY = /^[^<>%&\\?/]{1,512}$/;

export const RESERVED_TAG_KEYS = ['estate', 'environment', 'zone', 'managed-by'] as const;

export const tags = z
  .record(
    z.string().regex(TAG_KEY, { error: 'tag names are 1-512 characters without < > % & \\ ? /' }),
    z.string().max(256, { error: 'tag values are at most 256 characters' }),
  )
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'reserved: the synthesizer sets this tag on every resource; choose another tag name' });
      }
    }
    if (Object.keys(value).length > 40) {
      ctx.addIssue({ code: 'custom', message: 'at most 40 estate tags (Azure allows 50 per resource and the synthesizer adds its own)' });
    }
  })
  .describe('Merged into every taggable resource, plus the estate, environment, zone and managed-by tags.');
