import { EstateProblem } from '../util/problems';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * With `network.topology: avnm` and an explicit `network.avnm.subscriptionIds` (and no
 * management group, whose members cannot be known here), every landing zone's subscription
 * must be in the network manager's scope: a zone outside it could not join the network group
 * and would fail at apply. Reads the raw file leniently, like the other cross-field checks.
 */
export function avnmScopeProblems(raw: unknown): EstateProblem[] {
  const root = asRecord(raw);
  const network = asRecord(root.network);
  const avnm = asRecord(network.avnm);
  if (network.topology !== 'avnm' || !Array.isArray(avnm.subscriptionIds) || avnm.managementGroupIds !== undefined) return [];
  const scope = new Set(avnm.subscriptionIds.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()));
  const management = asRecord(root.managementZone).subscriptionId;
  if (typeof management === 'string') scope.add(management.toLowerCase());
  const zones = Array.isArray(root.landingZones) ? root.landingZones : [];
  const problems: EstateProblem[] = [];
  zones.forEach((zone, i) => {
    const subscription = asRecord(zone).subscriptionId;
    if (typeof subscription !== 'string' || !GUID.test(subscription) || scope.has(subscription.toLowerCase())) return;
    problems.push({
      path: `landingZones[${i}].subscriptionId`,
      message: `${subscription} is not in network.avnm.subscriptionIds, so this zone's network could not join the network manager's group; add it there (or scope the network manager with network.avnm.managementGroupIds)`,
    });
  });
  return problems;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
