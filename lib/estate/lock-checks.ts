import { EstateLock } from './lock/estate-lock';
import { retiredLandingZone, lockedLandingZone } from './lock/locked-zones';
import { EstateView } from './estate-view';
import { EstateProblem } from '../util/problems';

const RETIREMENT_DOC = 'docs/retirement.md';

/**
 * A retired zone or item keeps its data in Azure under its names (the estate lock marks it
 * retired), so a new zone or item of the same name would collide with it at apply. Refused
 * here, before anything is written, with the way out.
 */
export function retiredNameProblems(view: EstateView, lock: EstateLock | undefined): EstateProblem[] {
  if (!lock) return [];
  const problems: EstateProblem[] = [];
  for (const zone of view.landingZones) {
    if (!zone.name) continue;
    if (retiredLandingZone(lock, zone.name)) {
      problems.push({
        path: `${zone.path}.name`,
        message: `landing zone "${zone.name}" was retired (estate lock): its data stores are kept in Azure under its names, so a new zone of that name would collide with them; choose another name (${RETIREMENT_DOC})`,
      });
      continue;
    }
    const locked = lockedLandingZone(lock, zone.name);
    if (!locked) continue;
    for (const item of [...zone.integrations, ...zone.products]) {
      for (const [path, name] of [[`${item.path}.name`, item.name], ...item.previousNames.map((p) => [p.path, p.value] as const)] as const) {
        if (name && locked.items[name]?.retired) {
          problems.push({
            path,
            message: `"${name}" was retired from landing zone "${zone.name}" (estate lock): its data stores are kept in Azure under its names, so an item of that name would collide with them; choose another name (${RETIREMENT_DOC})`,
          });
        }
      }
    }
  }
  return problems;
}
