import { z } from 'zod';
import { isAzureRegion } from '../catalog/regions';
import { suppressions } from './suppression-schema';
import { backend } from './backend-schema';
import { network } from './network-schema';
import { tags } from './schema-fields';
import { INTEGRATION_ENGINES, landingZone, managementZone, MAX_LANDING_ZONES, PRODUCT_TEMPLATES } from './zone-schema';

export { cidr, guid, ITEM_NAME_MAX, itemName, RESERVED_TAG_KEYS, shortName, zoneName } from './schema-fields';
export { NETWORK_TOPOLOGIES, type NetworkTopology } from './network-schema';
export {
  DEFAULT_PRODUCT_ENGINE,
  INTEGRATION_ENGINES,
  inputRef,
  MAX_LANDING_ZONES,
  MAX_LIST_ITEMS,
  MAX_PREVIOUS_NAMES,
  parseInputRef,
  PRODUCT_TEMPLATES,
} from './zone-schema';
export { LARGEST_POOL_PREFIX, PRIVATE_RANGES } from '../network/address-pool';

/**
 * The estate file's shape (spec section 1), checked with zod; its sections are
 * schema-fields.ts, backend-schema.ts, network-schema.ts and zone-schema.ts. Every object is
 * strict so a typo'd key is an error, never silently ignored. Cross-field rules
 * (uniqueness, overlaps, inputs, derived names) live in semantic-checks.ts.
 * The `.describe()` texts document each field and feed the format reference.
 */

export const estateSchema = z.strictObject({
  estate: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,9}$/, { error: 'must be 2-10 characters of a-z and 0-9, starting with a letter' })
    .describe('Prefix of every name.'),
  environment: z.enum(['dev', 'test', 'prod']).describe('Part of every name (as dev, tst, prd) and a tag on every resource.'),
  location: z
    .string()
    .max(40)
    .refine(isAzureRegion, { error: 'is not an Azure region name (e.g. westeurope, eastus2)' })
    .describe('The Azure region of every zone; unknown regions are errors.'),
  tags: tags.optional(),
  backend,
  network,
  managementZone,
  landingZones: z
    .array(landingZone)
    .max(MAX_LANDING_ZONES)
    .default([])
    .describe('One data landing zone per business unit (stack dlz-<name>), in deployment order; an estate may start with none.'),
  suppressions,
});

/** The estate file after schema validation and defaults. */
export type EstateFile = z.infer<typeof estateSchema>;
export type LandingZoneFile = EstateFile['landingZones'][number];
export type DataIntegrationFile = LandingZoneFile['dataIntegrations'][number];
export type DataProductFile = LandingZoneFile['dataProducts'][number];
export type BackendFile = EstateFile['backend'];
export type IntegrationEngine = (typeof INTEGRATION_ENGINES)[number];
export type ProductTemplate = (typeof PRODUCT_TEMPLATES)[number];
