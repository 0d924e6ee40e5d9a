import { contains, parseCidr } from '../network/cidr';
import { EstateProblem } from '../util/problems';
import { ExistingHub, Estate } from './model';

const PATH = 'managementZone.connectivity';

/**
 * The checks of an existing hub that need the placed zones (connectivity-schema.ts checks
 * each value alone):
 * - the hub's addresses (firewall, DNS servers) lie outside every zone's address space: a
 *   zone's own subnets would capture traffic meant for them;
 * - a published serving endpoint (`servingIngress`) needs the hub's firewall policy and
 *   public IP, since its DNAT rule goes there.
 * `zoneOrder` lists the landing zone names in file order, for the problems' paths.
 */
export function connectivityProblems(estate: Estate, zoneOrder: readonly string[]): EstateProblem[] {
  const hub = estate.managementZone.connectivity;
  if (hub.mode !== 'existing-hub') return [];
  return [...hubAddressProblems(estate, hub), ...servingIngressNeeds(estate, hub, zoneOrder)];
}

function hubAddressProblems(estate: Estate, hub: ExistingHub): EstateProblem[] {
  const zones = [
    { label: 'the management zone', space: estate.managementZone.addressSpace },
    ...estate.landingZones.map((zone) => ({ label: `landing zone ${zone.name}`, space: zone.addressSpace })),
  ];
  const addresses = [
    { path: `${PATH}.firewallPrivateIp`, address: hub.firewallPrivateIp },
    // Only the DNS servers the estate names: the firewall's default is checked above.
    ...(hub.dnsServers.length === 1 && hub.dnsServers[0] === hub.firewallPrivateIp
      ? []
      : hub.dnsServers.map((address, i) => ({ path: `${PATH}.dnsServers[${i}]`, address }))),
  ];
  return addresses.flatMap(({ path, address }) => {
    const inside = zones.find((zone) => contains(parseCidr(zone.space), parseCidr(`${address}/32`)));
    if (!inside) return [];
    return [
      {
        path,
        message: `"${address}" lies inside the address space of ${inside.label} (${inside.space}); the enterprise hub's addresses must lie outside every zone's network, or that zone's own subnets capture the traffic meant for the hub. Give the hub's address, or move the zone with network.addressPool or its addressSpace`,
      },
    ];
  });
}

function servingIngressNeeds(estate: Estate, hub: ExistingHub, zoneOrder: readonly string[]): EstateProblem[] {
  if (hub.firewallPolicy && hub.firewallPublicIp) return [];
  const missing = [...(hub.firewallPolicy ? [] : ['firewallPolicyId']), ...(hub.firewallPublicIp ? [] : ['firewallPublicIp'])].join(' and ');
  return estate.landingZones.flatMap((zone) =>
    zone.dataProducts.flatMap((product, p) =>
      product.servingIngress
        ? [
            {
              path: `landingZones[${zoneOrder.indexOf(zone.name)}].dataProducts[${p}].servingIngress`,
              message: `publishes product ${product.name} through the hub firewall (a DNAT rule on its public IP), but ${PATH} has no ${missing}; add ${missing} of the enterprise hub, or remove servingIngress`,
            },
          ]
        : [],
    ),
  );
}
