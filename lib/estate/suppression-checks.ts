import { ruleById } from '../policy/rule-pack';
import { closest } from '../util/suggest';
import { EstateView } from './estate-view';
import { stackNameOf } from './model';
import { describeValue, EstateProblem } from '../util/problems';
import { ADDRESS_GLOB } from './suppression-schema';

/**
 * What the schema alone cannot see about `suppressions`: the stack must be one this
 * estate synthesizes, and an address naming a resource type must name one the rule
 * checks. Either mistake would make the suppression accept nothing, silently.
 */
export function suppressionProblems(view: EstateView): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const stacks = ['dmlz', ...view.landingZones.flatMap((zone) => (zone.name ? [stackNameOf(zone.name)] : []))];
  // A zone whose name is invalid is reported already; its stack cannot be told apart from a typo.
  const allZonesNamed = view.landingZones.every((zone) => zone.name);
  for (const s of view.suppressions) {
    if (s.stack && /^(dmlz|dlz-[a-z][a-z0-9-]*)$/.test(s.stack) && allZonesNamed && !stacks.includes(s.stack)) {
      const hint = closest(s.stack, stacks);
      problems.push({
        path: `${s.path}.stack`,
        message: `${describeValue(s.stack)} is not a stack of this estate${hint ? ` (did you mean "${hint}"?)` : ''}; stacks: ${stacks.join(', ')}`,
      });
    }
    const rule = s.rule ? ruleById(s.rule) : undefined;
    // A malformed address is reported by the schema already.
    const type = s.address && ADDRESS_GLOB.test(s.address) ? s.address.split('.')[0] : undefined;
    if (rule && type && !/[*?]/.test(type) && !rule.resourceTypes.includes(type)) {
      problems.push({
        path: `${s.path}.address`,
        message: `${rule.id} never checks ${type} (it checks ${rule.resourceTypes.length > 3 ? `${rule.resourceTypes.slice(0, 3).join(', ')} and ${rule.resourceTypes.length - 3} more types` : rule.resourceTypes.join(', ')}); this suppression could accept nothing`,
      });
    }
  }
  return problems;
}
