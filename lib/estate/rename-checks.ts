import { ViewItem, ViewZone } from './estate-view';
import { EstateProblem } from '../util/problems';

/** The view's item names with the name each one's Azure names are made from (valid names only). */
export function viewNameBases(items: readonly ViewItem[]): Record<string, string> {
  return Object.fromEntries(items.flatMap((item) => (item.name ? [[item.name, item.previousNames[0]?.value ?? item.name]] : [])));
}

/**
 * `renamedFrom` of a zone's integrations and products. Current and earlier names share the
 * zone's namespace: an earlier name still names Azure resources (the first one) and Terraform
 * addresses in existing state (every one), so no other item may take it, and one name cannot
 * be the history of two items.
 */
export function renameProblems(zone: ViewZone): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const items = [...zone.integrations, ...zone.products];
  const current = new Map<string, string>();
  for (const item of items) if (item.name && !current.has(item.name)) current.set(item.name, item.path);
  const earlier = new Map<string, string>();
  for (const item of items) {
    const own = new Set<string>();
    for (const previous of item.previousNames) {
      const name = previous.value;
      if (!name) continue;
      if (name === item.name) {
        problems.push({ path: previous.path, message: `"${name}" is the item's current name; list only the names it had before, or remove renamedFrom` });
      } else if (own.has(name)) {
        problems.push({ path: previous.path, message: `"${name}" is listed twice; list each earlier name once, oldest first` });
      } else if (current.has(name)) {
        problems.push({
          path: `${current.get(name)}.name`,
          message: `"${name}" is an earlier name of ${item.path} (its renamedFrom), whose resources keep names and addresses made from it; choose another name`,
        });
      } else if (earlier.has(name)) {
        problems.push({
          path: previous.path,
          message: `"${name}" is already an earlier name of ${earlier.get(name)}; one name can be the history of only one item`,
        });
      }
      own.add(name);
      if (!earlier.has(name)) earlier.set(name, item.path);
    }
  }
  return problems;
}

/** For an input naming an item by an earlier name: the item it was renamed to. */
export function renamedTo(zone: ViewZone, name: string): ViewItem | undefined {
  return [...zone.integrations, ...zone.products].find((item) => item.name && item.previousNames.some((p) => p.value === name));
}
