import { cidrProblem, contains, parseCidr } from './cidr';

/** The pool zones are numbered from when the estate sets no network.addressPool. */
export const DEFAULT_ADDRESS_POOL = '10.0.0.0/8';

/** The private IPv4 ranges of RFC 1918: an address pool lies inside one unless the estate opts out. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
/** The largest address pool: a /8 holds 256 zones of a /16 each. */
export const LARGEST_POOL_PREFIX = 8;

/** "10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16" */
export const PRIVATE_RANGES_TEXT = `${PRIVATE_RANGES.slice(0, -1).join(', ')} or ${PRIVATE_RANGES[PRIVATE_RANGES.length - 1]}`;

/** What is wrong with a (valid CIDR) address pool, as a problem of the network mapping, or undefined. */
export function addressPoolProblem(pool: string, allowNonPrivate: boolean): { path: string[]; message: string } | undefined {
  if (cidrProblem(pool)) return undefined; // reported on the field already
  const block = parseCidr(pool);
  const fix = `use a private range such as ${DEFAULT_ADDRESS_POOL} (RFC 1918: ${PRIVATE_RANGES_TEXT})`;
  if (block.prefix < LARGEST_POOL_PREFIX) {
    return {
      path: ['addressPool'],
      message: `is larger than a /${LARGEST_POOL_PREFIX}: every zone is numbered from the pool and the hub firewall passes traffic from all of it; ${fix}`,
    };
  }
  const isPrivate = PRIVATE_RANGES.some((range) => contains(parseCidr(range), block));
  if (!isPrivate && !allowNonPrivate) {
    return {
      path: ['addressPool'],
      message: `is not a private range (RFC 1918); ${fix}, or, for shared (100.64.0.0/10) or public space your organisation owns, set network.allowNonPrivateAddressPool: true`,
    };
  }
  if (isPrivate && allowNonPrivate) {
    return { path: ['allowNonPrivateAddressPool'], message: `is not needed: network.addressPool ${pool} is a private range (RFC 1918); remove it` };
  }
  return undefined;
}
