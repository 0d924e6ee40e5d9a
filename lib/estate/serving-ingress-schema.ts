import { z } from 'zod';
import { cidrProblem } from '../network/cidr';

/**
 * The estate's `dataProducts[].servingIngress` (docs/data-products.md, "Serving to callers
 * outside the platform"): who may call a served product's scoring endpoint through the hub
 * firewall, and the address of `azureml-fe`'s internal load balancer the firewall forwards to.
 * Whether the address lies in the product's subnet is checked once the subnets are placed
 * (serving-ingress-checks.ts).
 */

/** Most callers one product may list (Azure Firewall allows more; a longer list belongs in an IP group). */
export const MAX_SERVING_CALLERS = 50;
/** The broadest caller range accepted: a /8 is 16 million addresses already. */
export const BROADEST_CALLER_PREFIX = 8;

/** Why `value` is not a single IPv4 address, or undefined when it is one. */
export function ipv4AddressProblem(value: string): string | undefined {
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value))
    return `"${value}" is not an IPv4 address like 10.1.12.200; write the address alone, without a prefix length`;
  return cidrProblem(`${value}/32`) ? `"${value}" has an octet above 255; write an IPv4 address like 10.1.12.200` : undefined;
}

/** Why `value` cannot be a caller (an IPv4 address or CIDR block), or undefined when it can. */
export function callerProblem(value: string): string | undefined {
  const block = value.includes('/') ? value : `${value}/32`;
  const problem = cidrProblem(block);
  const what = problem?.startsWith('is not') ? 'is not an IPv4 address or CIDR block' : problem;
  if (what) return `"${value}" ${what}; write an IPv4 address like 203.0.113.10 or a CIDR block like 203.0.113.0/24`;
  const prefix = Number(block.split('/')[1]);
  if (prefix === 0) return `"${value}" would let the whole internet call the endpoint; list the callers' own addresses or ranges`;
  if (prefix < BROADEST_CALLER_PREFIX)
    return `"${value}" is broader than a /${BROADEST_CALLER_PREFIX} (${2 ** (32 - prefix)} addresses); list the callers' own, narrower ranges`;
  return undefined;
}

const address = z
  .string()
  .max(15, { error: 'is not an IPv4 address like 10.1.12.200' })
  .superRefine((value, ctx) => {
    const problem = ipv4AddressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const caller = z
  .string()
  .max(18, { error: 'is not an IPv4 address or CIDR block like 203.0.113.0/24' })
  .superRefine((value, ctx) => {
    const problem = callerProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const servingIngress = z
  .strictObject({
    address: address.describe(
      "The private address of azureml-fe's internal load balancer, in the product's own subnet: the address Azure gave it when the operator moved azureml-fe to an internal load balancer (docs/data-products.md). The hub firewall forwards callers' HTTPS to it.",
    ),
    callers: z
      .array(caller)
      .min(1, { error: 'list at least one caller, or remove servingIngress' })
      .max(MAX_SERVING_CALLERS, { error: `at most ${MAX_SERVING_CALLERS} callers; group wider callers into fewer CIDR blocks` })
      .superRefine((values, ctx) => {
        const twice = values.find((value, i) => values.indexOf(value) !== i);
        if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `lists "${twice}" twice; list each caller once` });
      })
      .describe(
        "IPv4 addresses or CIDR blocks (public or private, at most a /8 each, never 0.0.0.0/0) that may call the scoring endpoint on the hub firewall's public IP, TCP 443. Nobody else reaches it.",
      ),
  })
  .optional()
  .describe(
    "serving: aks only. Publishes the product's scoring endpoint to callers outside the platform: a DNAT rule on the hub firewall's public IP, TCP 443, from callers to address:443. Set it after the first apply and the operator's step (docs/data-products.md). @default not published: nothing outside the cluster's network reaches the endpoint",
  );

export type ServingIngressFile = z.infer<typeof servingIngress>;
