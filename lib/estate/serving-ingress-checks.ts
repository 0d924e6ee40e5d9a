import { format, lastAddress, overlaps, parseCidr } from '../network/cidr';
import { EstateProblem } from '../util/problems';
import { Estate, LandingZone } from './model';

/**
 * The checks of `servingIngress` that need the placed subnets and the whole estate
 * (serving-ingress-schema.ts checks each value alone):
 * - `address` lies in the product's own subnet (where azureml-fe's internal load balancer
 *   takes its address) and is none of the five addresses Azure reserves in every subnet;
 * - no two published products share a caller: every product is published on the one public
 *   IP of the hub firewall, TCP 443, so the firewall tells them apart by caller only.
 * `zoneOrder` lists the landing zone names in file order, for the problems' paths.
 */
export function servingIngressProblems(estate: Estate, zoneOrder: readonly string[]): EstateProblem[] {
  const published = estate.landingZones.flatMap((zone) =>
    zone.dataProducts.flatMap((product, p) =>
      product.servingIngress
        ? [
            {
              zone,
              product: product.name,
              ingress: product.servingIngress,
              path: `landingZones[${zoneOrder.indexOf(zone.name)}].dataProducts[${p}].servingIngress`,
            },
          ]
        : [],
    ),
  );
  return [...published.flatMap((item) => addressProblems(item.zone, item.product, item.ingress.address, item.path)), ...callerOverlaps(published)];
}

/** Azure keeps the network address, .1 (gateway), .2 and .3 (DNS) and the last address of every subnet. */
function addressProblems(zone: LandingZone, product: string, address: string, path: string): EstateProblem[] {
  const slot = zone.subnets.find((s) => s.role === 'data-product' && s.owner === product);
  if (!slot) return [];
  const subnet = parseCidr(slot.cidr);
  const value = parseCidr(`${address}/32`).base;
  const first = format({ base: subnet.base + 4, prefix: 32 }).replace('/32', '');
  const last = format({ base: lastAddress(subnet) - 1, prefix: 32 }).replace('/32', '');
  const usable = `use an address from ${first} to ${last} that azureml-fe's internal load balancer holds`;
  if (value < subnet.base || value > lastAddress(subnet))
    return [
      {
        path: `${path}.address`,
        message: `"${address}" is outside the product's subnet ${slot.cidr} (${slot.key}), where azureml-fe's internal load balancer takes its address; ${usable}`,
      },
    ];
  if (value - subnet.base < 4 || value === lastAddress(subnet))
    return [
      {
        path: `${path}.address`,
        message: `"${address}" is one of the five addresses Azure reserves in the product's subnet ${slot.cidr} (the first four and the last); ${usable}`,
      },
    ];
  return [];
}

interface Published {
  readonly product: string;
  readonly ingress: { readonly callers: readonly string[] };
  readonly path: string;
}

/** Callers two published products share: the firewall would send them to one product only. */
function callerOverlaps(published: readonly Published[]): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const block = (caller: string) => parseCidr(caller.includes('/') ? caller : `${caller}/32`);
  published.forEach((item, i) =>
    item.ingress.callers.forEach((caller, c) => {
      for (const earlier of published.slice(0, i)) {
        const k = earlier.ingress.callers.findIndex((other) => overlaps(block(other), block(caller)));
        if (k < 0) continue;
        problems.push({
          path: `${item.path}.callers[${c}]`,
          message: `"${caller}" overlaps ${earlier.path}.callers[${k}] ("${earlier.ingress.callers[k]}"): both products are published on the hub firewall's public IP, TCP 443, and the firewall tells them apart by caller only; give each product its own callers`,
        });
        break;
      }
    }),
  );
  return problems;
}
