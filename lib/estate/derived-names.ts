import { EstateNaming } from '../naming/naming';
import { NAMING_RULES, namingProblem } from '../naming/rules';
import { landingZoneNames, managementZoneNames } from '../naming/zone-names';
import { landingZoneSubnetDefinitions, managementZoneSubnetDefinitions } from '../network/subnet-layout';
import { EstateView, ViewZone } from './estate-view';
import { EstateProblem } from '../util/problems';
import { viewNameBases } from './rename-checks';

/** The zone code used in compact (global) names: shortName, else the name without hyphens. */
export function zoneCode(zone: { name: string; shortName?: string }): string {
  return zone.shortName ?? zone.name.replace(/-/g, '');
}

/**
 * Builds every Azure name the estate will use with the same functions the constructs
 * use, and checks each against Azure's rules, plus uniqueness of global names within
 * the estate. Each problem names the estate field to change and by how much.
 */
export function checkDerivedNames(view: EstateView): EstateProblem[] {
  if (!view.estate || !view.environment || !view.managementSubscriptionId) return [];
  const problems: EstateProblem[] = [];
  const globalNames = new Map<string, string>();

  const checkZone = (naming: EstateNaming, zone: ViewZone | undefined) => {
    // One problem per kind of name and zone: the longest name says how short the fix must be.
    const worst = new Map<string, { length: number; problem: EstateProblem }>();
    const clashes = new Set<string>();
    for (const named of naming.names) {
      const problem = namingProblem(named.kind, named.name);
      if (problem) {
        const previous = worst.get(named.kind);
        if (!previous || named.name.length > previous.length) {
          worst.set(named.kind, { length: named.name.length, problem: blame(view, zone, named.kind, named.name, problem, named.zoneCode) });
        }
      }
      if (NAMING_RULES[named.kind].global) {
        const owner = zone ? zone.path : 'managementZone';
        const first = globalNames.get(named.name);
        if (first && first !== owner) {
          if (clashes.has(first)) continue; // one problem per pair of zones
          clashes.add(first);
          problems.push({
            path: zone ? `${zone.path}.shortName` : 'estate',
            message: `derived ${named.kind} name "${named.name}" is also derived for ${first}; globally unique names must differ: give one of the zones another shortName`,
          });
        } else {
          globalNames.set(named.name, owner);
        }
      }
    }
    problems.push(...[...worst.values()].map((w) => w.problem));
  };

  const managementNaming = new EstateNaming(view.estate, view.environment, view.managementSubscriptionId);
  managementZoneNames(managementNaming, managementZoneSubnetDefinitions());
  checkZone(managementNaming, undefined);

  const seenZones = new Set<string>();
  for (const zone of view.landingZones) {
    // An invalid or duplicate name, or an invalid shortName, is reported already.
    if (!zone.name || zone.shortName === null || seenZones.has(zone.name)) continue;
    seenZones.add(zone.name);
    checkZone(landingZoneNaming(view, zone, zone.name), zone);
  }
  return problems;
}

/** The names a landing zone of the lenient view will use, built as resolution builds them. */
function landingZoneNaming(view: EstateView, zone: ViewZone, name: string): EstateNaming {
  const naming = new EstateNaming(view.estate!, view.environment!, view.managementSubscriptionId!);
  const dataIntegrations = zone.integrations.flatMap((i) => (i.name ? [i.name] : []));
  const dataProducts = zone.products.flatMap((p) => (p.name ? [p.name] : []));
  const nameBases = viewNameBases([...zone.integrations, ...zone.products]);
  const subnets = landingZoneSubnetDefinitions(dataIntegrations, dataProducts, nameBases);
  const integrationEngines = Object.fromEntries(zone.integrations.flatMap((i) => (i.name ? [[i.name, i.engine]] : [])));
  const productKinds = Object.fromEntries(
    zone.products.flatMap((p) => (p.name ? [[p.name, { template: p.template, engine: p.engine, serving: p.serving === 'aks' ? 'aks' : undefined }]] : [])),
  );
  const code = zoneCode({ name, shortName: zone.shortName ?? undefined });
  landingZoneNames(naming, { name, code, dataIntegrations, dataProducts, nameBases, integrationEngines, productKinds }, subnets);
  return naming;
}

function blame(
  view: EstateView,
  zone: ViewZone | undefined,
  kind: keyof typeof NAMING_RULES,
  name: string,
  problem: string,
  code: string | undefined,
): EstateProblem {
  const message = `derived ${kind} name "${name}" ${problem}`;
  if (!zone) return { path: 'estate', message: `${message}; shorten the estate name` };
  const max = NAMING_RULES[kind].maxLength;
  if (code !== undefined && name.length > max) {
    const room = code.length - (name.length - max);
    const fix =
      room >= 1
        ? `set ${zone.path}.shortName to at most ${room} characters (it replaces the zone name in globally unique names), or shorten the estate name "${view.estate}"`
        : `shorten the estate name "${view.estate}"`;
    return { path: zone.shortName ? `${zone.path}.shortName` : `${zone.path}.name`, message: `${message}; ${fix}` };
  }
  return { path: `${zone.path}.name`, message: `${message}; shorten the zone name` };
}
