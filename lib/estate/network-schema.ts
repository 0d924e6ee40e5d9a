import { z } from 'zod';
import { addressPoolProblem, DEFAULT_ADDRESS_POOL, LARGEST_POOL_PREFIX, PRIVATE_RANGES, PRIVATE_RANGES_TEXT } from '../network/address-pool';
import { cidr, guid } from './schema-fields';

/** The estate file's `network` (schema.ts): the address pool and the topology. */

/** Most subscriptions an explicit network manager scope may list. */
const MAX_SCOPE_SUBSCRIPTIONS = 1000;

/** How zones are connected (docs/topology.md). */
export const NETWORK_TOPOLOGIES = ['peering', 'avnm'] as const;
export type NetworkTopology = (typeof NETWORK_TOPOLOGIES)[number];

/** An Azure management group id (its name, not the resource id): 1-90 characters of letters, digits, "-", "_", ".", "(" and ")". */
const managementGroupId = z
  .string()
  .regex(/^[-\w.()]{1,90}$/, { error: 'must be a management group id (its name, e.g. mg-analytics): 1-90 letters, digits, "-", "_", ".", "(" and ")"' })
  .regex(/[^.]$/, { error: 'must not end with "."' });

const avnmOptions = z
  .strictObject({
    managementGroupIds: z
      .array(managementGroupId)
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Management groups the network manager manages (recommended: the one holding every landing zone subscription). Appending a landing zone then never changes the dmlz stack.',
      ),
    subscriptionIds: z
      .array(guid('a subscription in the network manager scope'))
      .min(1)
      .max(MAX_SCOPE_SUBSCRIPTIONS)
      .optional()
      .describe(
        'Subscriptions the network manager manages; must include every landing zone subscription, present and future, for dmlz to stay unchanged when a zone is appended.',
      ),
  })
  .describe(
    'The Virtual Network Manager scope. Without either list it is every distinct subscription of the estate, so appending a zone in a new subscription changes the dmlz stack (scope only).',
  );

export const network = z
  .strictObject({
    addressPool: cidr
      .default(DEFAULT_ADDRESS_POOL)
      .describe(
        `Zones without addressSpace get the next free /16 from this pool, in file order; the hub firewall passes traffic from all of it. A private range (inside ${PRIVATE_RANGES_TEXT}, RFC 1918) of at most a /${LARGEST_POOL_PREFIX}, unless allowNonPrivateAddressPool is true. @default ${DEFAULT_ADDRESS_POOL}`,
      ),
    topology: z
      .enum(NETWORK_TOPOLOGIES)
      .default('peering')
      .describe(
        'peering: hub and full mesh of virtual network peerings, each landing zone peering with the hub and every earlier zone (zones deploy one after another). avnm: Azure Virtual Network Manager in the management zone connects the hub and every landing zone (hub and spoke, spokes directly connected); each landing zone only joins its network group, so zones deploy in parallel. See docs/topology.md. @default peering',
      ),
    avnm: avnmOptions
      .optional()
      .describe(
        "Only with topology avnm: the Virtual Network Manager's scope. @default the distinct subscriptions of the estate (management zone first, then landing zones in file order)",
      ),
    allowNonPrivateAddressPool: z
      .boolean()
      .optional()
      .describe(
        `true: network.addressPool may lie outside the private ranges of RFC 1918 (${PRIVATE_RANGES.join(', ')}), e.g. in the shared address space 100.64.0.0/10 or in public space your organisation owns. Every zone network is then numbered from it, and the hub firewall passes traffic from all of it. @default false`,
      ),
  })
  .superRefine((value, ctx) => {
    if (value.avnm && value.topology !== 'avnm')
      ctx.addIssue({
        code: 'custom',
        path: ['avnm'],
        message: 'network.avnm applies only to topology avnm (network.topology is peering); remove it or set network.topology: avnm',
      });
    const problem = addressPoolProblem(value.addressPool, value.allowNonPrivateAddressPool === true);
    if (problem) ctx.addIssue({ code: 'custom', ...problem });
  })
  .default({ addressPool: DEFAULT_ADDRESS_POOL, topology: 'peering' })
  .describe('Address planning and the network topology.');
