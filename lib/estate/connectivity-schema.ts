import { z } from 'zod';
import { guid } from './schema-fields';
import { ipv4AddressProblem } from './serving-ingress-schema';

/**
 * The estate file's `managementZone.connectivity` (spec section 7): whether the management
 * zone deploys its own hub (firewall, public IP, firewall policy, private DNS zones) or the
 * zones join an enterprise connectivity hub that already exists (docs/topology.md).
 */

export const CONNECTIVITY_MODES = ['own-hub', 'existing-hub'] as const;
export type ConnectivityMode = (typeof CONNECTIVITY_MODES)[number];

/** Resource group names: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with ".". */
const RESOURCE_GROUP = '[-\\w.()]{0,89}[-\\w()]';

/**
 * A well-formed Azure resource id of one type: subscription GUID, resource group, provider
 * namespace and type (case-insensitive, as Azure compares them), and a name of `namePattern`.
 */
export function resourceId(namespace: string, type: string, namePattern: string, what: string) {
  const shape = `/subscriptions/<guid>/resourceGroups/<group>/providers/${namespace}/${type}/<name>`;
  const pattern = new RegExp(
    `^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/${RESOURCE_GROUP}/providers/${namespace.replace('.', '\\.')}/${type}/${namePattern}$`,
    'i',
  );
  return z
    .string()
    .max(400, { error: `is too long for the resource id of ${what} (${shape})` })
    .regex(pattern, { error: `must be the resource id of ${what}: ${shape}` });
}

/** Parts of a resource id that passed `resourceId`. */
export function parseResourceId(id: string): { subscriptionId: string; resourceGroupName: string; name: string } {
  const parts = id.split('/');
  return { subscriptionId: parts[2]!.toLowerCase(), resourceGroupName: parts[4]!, name: parts[8]! };
}

const ipv4 = z
  .string()
  .max(15, { error: 'is not an IPv4 address like 10.100.0.4' })
  .superRefine((value, ctx) => {
    const problem = ipv4AddressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.replace('10.1.12.200', '10.100.0.4') });
  });

/** Virtual network names: 2-64 letters, digits, "_", "." and "-", starting with a letter or digit, ending with a letter, digit or "_". */
const VNET_NAME = '[a-z0-9][-\\w.]{0,62}\\w';
/** Firewall policy names: 1-80 letters, digits, "_", "." and "-", starting with a letter or digit, ending with a letter, digit or "_". */
const FIREWALL_POLICY_NAME = '[a-z0-9](?:[-\\w.]{0,78}\\w)?';

/** The fields only `existing-hub` takes, in the order the spec lists them. */
export const EXISTING_HUB_FIELDS = [
  'hubVirtualNetworkId',
  'firewallPrivateIp',
  'dnsServers',
  'firewallPolicyId',
  'firewallPublicIp',
  'createHubPeerings',
  'privateDnsZones',
] as const;

export const connectivity = z
  .strictObject({
    mode: z
      .enum(CONNECTIVITY_MODES)
      .default('own-hub')
      .describe(
        'own-hub: the management zone deploys the hub firewall, its public IP and policy, and the private DNS zones. existing-hub: every zone joins an enterprise connectivity hub that already exists (spec section 7, docs/topology.md). @default own-hub',
      ),
    hubVirtualNetworkId: resourceId('Microsoft.Network', 'virtualNetworks', VNET_NAME, 'the enterprise hub virtual network')
      .optional()
      .describe('existing-hub: the hub network every zone network peers with (the spoke side; the hub side is listed in the synth summary).'),
    firewallPrivateIp: ipv4
      .optional()
      .describe("existing-hub: the hub firewall's private IP, next hop of every zone's default route and, unless dnsServers is set, their DNS server."),
    dnsServers: z
      .array(ipv4)
      .min(1)
      .max(10)
      .optional()
      .describe('existing-hub: DNS servers of every zone network, e.g. a DNS private resolver inbound endpoint. @default the firewall (its DNS proxy)'),
    firewallPolicyId: resourceId('Microsoft.Network', 'firewallPolicies', FIREWALL_POLICY_NAME, "the hub firewall's policy")
      .optional()
      .describe(
        "existing-hub: the hub firewall's policy; the estate's rule collection groups are added there. @default none: the connectivity team opens the estate's egress",
      ),
    firewallPublicIp: ipv4
      .optional()
      .describe(
        "existing-hub: the hub firewall's public IP, needed only by dataProducts[].servingIngress (the DNAT destination, with firewallPolicyId). @default none",
      ),
    createHubPeerings: z
      .boolean()
      .default(false)
      .describe(
        "existing-hub: true creates the hub side of every zone's peering too, through a provider for the hub's subscription (the deploying identity needs Network Contributor on the hub network). @default false: the connectivity team creates them from the synth summary",
      ),
    privateDnsZones: z
      .strictObject({
        subscriptionId: guid("the enterprise private DNS zones' subscription").describe("Subscription of the enterprise's privatelink zones."),
        resourceGroupName: z
          .string()
          .regex(new RegExp(`^${RESOURCE_GROUP}$`), {
            error: 'must be a resource group name: 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with "."',
          })
          .describe("Resource group of the enterprise's privatelink zones."),
        managedByPolicy: z
          .boolean()
          .default(false)
          .describe('true: Azure Policy creates the DNS zone groups of every private endpoint, and the stacks create none. @default false'),
      })
      .optional()
      .describe("existing-hub: where the enterprise's privatelink zones live; private endpoints register there."),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'own-hub') {
      for (const field of EXISTING_HUB_FIELDS) {
        if (field === 'createHubPeerings' ? value.createHubPeerings : value[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `applies only to mode existing-hub (connectivity.mode is own-hub, where the management zone deploys its own hub); remove it or set mode: existing-hub`,
          });
      }
      return;
    }
    const required = {
      hubVirtualNetworkId: 'the hub network to peer with',
      firewallPrivateIp: "the hub firewall's private IP",
      privateDnsZones: "where the enterprise's privatelink zones live",
    };
    for (const [field, what] of Object.entries(required)) {
      if (value[field as keyof typeof required] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `is required with mode existing-hub: ${what}` });
    }
    if (value.firewallPublicIp !== undefined && value.firewallPolicyId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['firewallPublicIp'],
        message: 'needs firewallPolicyId too: servingIngress adds its DNAT rules to that policy; add firewallPolicyId or remove firewallPublicIp',
      });
  })
  .default({ mode: 'own-hub', createHubPeerings: false })
  .describe('How the estate connects: its own hub, or an enterprise connectivity hub that already exists (spec section 7). @default mode own-hub');

export type ConnectivityFile = z.infer<typeof connectivity>;
