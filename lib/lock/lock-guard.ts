import { Estate } from '../estate/model';
import { DataLoss, digestAddresses, landing } from './address-guard';
import { identityChange } from './data-store-identity';
import type { StackDigest } from './stack-digest';
import type { WrittenDigests } from './written-stacks';
import { EstateLock } from '../estate/lock/estate-lock';
import { Retirements } from './retirement';

/**
 * The data-loss guard, judged against the estate lock rather than a previous output, so it
 * holds in a fresh clone and in CI (spec section 5). A data store the lock records must be in
 * the new synth at its address, or where `moved` blocks carry it, with the same name, location,
 * resource group and parent; or be forgotten by a `removed` block because its integration,
 * product or zone was retired. Anything else would delete data: a refactor that changed an
 * address, a new shortName, another region. A deployed network that an explicit addressSpace
 * would move is refused too (Azure refuses to re-address subnets in use).
 */
export function lockedDataLosses(lock: EstateLock | undefined, estate: Estate, written: WrittenDigests, retirements: Retirements): DataLoss[] {
  if (!lock) return [];
  const losses: DataLoss[] = [];
  const retiredItems = new Set(retirements.items.map((r) => `${r.stack}/${r.item}`));
  const retiredZones = new Set(retirements.zones.map((z) => z.stack));
  for (const zone of lock.zones) {
    const digest = written.digests[zone.stack];
    if (!digest) {
      if (zone.retired) continue;
      // A zone the lock has and no stack was written for: only a retirement may do that.
      losses.push(...Object.keys(zone.dataStores).map((address) => ({ stack: zone.stack, address })));
      continue;
    }
    const forgotten = new Set(digest.removed);
    const stack = digestAddresses(digest);
    for (const [address, store] of Object.entries(zone.dataStores)) {
      if (store.retired && (zone.retired || forgotten.has(address) || !retirements.keepData)) continue;
      const to = landing(stack, address);
      if (stack.addresses.has(to)) {
        const now = stack.identities.get(to) ?? resourceGroupIdentity(digest, to);
        const change = now && identityChange(store.identity, now);
        if (change) losses.push({ stack: zone.stack, address: to, replacedBy: change });
        continue;
      }
      if (forgotten.has(address)) continue;
      // Retired with --allow-data-loss: destroyed, as asked.
      const retiredWithItem = store.owner !== undefined && retiredItems.has(`${zone.stack}/${store.owner}`);
      if (!retirements.keepData && (retiredWithItem || retiredZones.has(zone.stack))) continue;
      losses.push({ stack: zone.stack, address });
    }
  }
  for (const zone of [estate.managementZone, ...estate.landingZones]) {
    const locked = lock.zones.find((z) => z.stack === zone.stackName && !z.retired);
    if (locked && locked.subscriptionId !== zone.subscriptionId) {
      // Its resources stay in the old subscription while the stack's provider moves to the new one.
      losses.push({
        stack: zone.stackName,
        address: 'subscription',
        replacedBy: `subscriptionId "${locked.subscriptionId}" (estate lock) -> "${zone.subscriptionId}": a deployed zone cannot move to another subscription; retire it and add a new zone instead`,
      });
    }
    if (locked && zone === estate.managementZone && (locked.connectivity ?? 'own-hub') !== estate.managementZone.connectivity.mode) {
      losses.push({
        stack: zone.stackName,
        address: 'connectivity',
        replacedBy: connectivitySwitch(locked.connectivity ?? 'own-hub', estate.managementZone.connectivity.mode),
      });
    }
    if (zone.lockedAddressSpace) {
      losses.push({
        stack: zone.stackName,
        address: 'virtual network',
        replacedBy: `address space "${zone.lockedAddressSpace}" (estate lock) -> "${zone.addressSpace}": every subnet moves, and Azure refuses to re-address subnets in use`,
      });
    }
  }
  return losses;
}

/** Why switching the connectivity mode of a deployed estate is judged like data loss. */
function connectivitySwitch(from: string, to: string): string {
  const leaving =
    from === 'own-hub'
      ? "the management zone destroys its firewall, public IP, firewall policy and every private DNS zone with every private endpoint's records, and every zone moves its routes and DNS to the enterprise hub"
      : "every zone leaves the enterprise hub (its peering, routes, DNS servers and the enterprise DNS zones' records) for a firewall and DNS zones the management zone deploys";
  return `connectivity.mode "${from}" (estate lock) -> "${to}": ${leaving}; traffic and name resolution stop until both sides are in place (docs/topology.md)`;
}

/** A resource group's identity as the lock records it: name and location. */
function resourceGroupIdentity(digest: StackDigest, address: string): Record<string, string> | undefined {
  const [type, id] = address.split('.');
  if (type !== 'azurerm_resource_group') return undefined;
  const group = digest.resourceGroups.find((g) => g.id === id);
  if (!group) return undefined;
  return { ...(group.name !== undefined ? { name: group.name } : {}), ...(group.location !== undefined ? { location: group.location } : {}) };
}
