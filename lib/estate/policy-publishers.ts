import { derivedRead } from '../util/derived-reads';
import type { Estate } from './model';

/**
 * The landing zones that publish serving endpoints in the hub's firewall policy (a product
 * with `servingIngress`), in deployment order: their stacks deploy one after another
 * (stacks/estate-app.ts). A derived read (lib/util/derived-reads.ts): the stack cache compares
 * this list, so adding a product without serving ingress leaves every other zone's stack alone.
 */
export const policyPublishers = derivedRead('policyPublishers', (estate: Estate): string[] =>
  estate.landingZones.filter((zone) => zone.dataProducts.some((product) => product.servingIngress)).map((zone) => zone.name),
);
