import { AddressPlan, planAddresses } from '../network/address-plan';
import { DEFAULT_ADDRESS_POOL } from '../network/address-pool';
import { EstateLock } from './lock/estate-lock';
import { addressPlanInput } from './lock/lock-allocations';
import { retiredNameProblems } from './lock-checks';
import { closest } from '../util/suggest';
import { checkDerivedNames } from './derived-names';
import { EstateView, ViewZone } from './estate-view';
import { EstateProblem } from '../util/problems';
import { parseInputRef } from './schema';
import { suppressionProblems } from './suppression-checks';
import { renamedTo, renameProblems } from './rename-checks';

export interface SemanticChecks {
  readonly problems: EstateProblem[];
  /**
   * The zones' address spaces, planned once here: without problems it is the plan of the
   * valid file, which resolution uses as it is.
   */
  readonly addressPlan: AddressPlan;
}

/** The cross-field rules of spec section 1, over a lenient view of the raw file. */
export function semanticChecks(view: EstateView, lock?: EstateLock): SemanticChecks {
  const addressPlan = planViewAddresses(view, lock);
  return { problems: semanticProblems(view, addressPlan, lock), addressPlan };
}

function semanticProblems(view: EstateView, addressPlan: AddressPlan, lock: EstateLock | undefined): EstateProblem[] {
  return [
    ...uniqueZoneNames(view),
    ...view.landingZones.flatMap(uniqueItemNames),
    ...view.landingZones.flatMap(renameProblems),
    ...addressPlan.problems,
    ...retiredNameProblems(view, lock),
    ...view.landingZones.flatMap(engineProblems),
    ...inputProblems(view),
    ...checkDerivedNames(view),
    ...tagKeyProblems(view),
    ...suppressionProblems(view),
  ];
}

/**
 * zod's record skips a `__proto__` key without a word (assigning it would set the
 * prototype), so `tags: { __proto__: ... }` passed validation with the tag, and any value
 * of any type, silently dropped.
 */
function tagKeyProblems(view: EstateView): EstateProblem[] {
  if (!view.tagKeys.includes('__proto__')) return [];
  return [{ path: 'tags.__proto__', message: 'cannot be a tag name: JavaScript reserves "__proto__" and the tag would be silently lost; choose another name' }];
}

function uniqueZoneNames(view: EstateView): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const seen = new Map<string, string>();
  for (const zone of view.landingZones) {
    if (!zone.name) continue;
    const first = seen.get(zone.name);
    if (first) problems.push({ path: `${zone.path}.name`, message: `"${zone.name}" is already the name of ${first}; landing zone names must be unique` });
    else seen.set(zone.name, zone.path);
  }
  return problems;
}

/** Integrations and products share one namespace per zone: inputs name either by name alone. */
function uniqueItemNames(zone: ViewZone): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const seen = new Map<string, string>();
  for (const item of [...zone.integrations, ...zone.products]) {
    if (!item.name) continue;
    const first = seen.get(item.name);
    if (first)
      problems.push({
        path: `${item.path}.name`,
        message: `"${item.name}" is already used by ${first}; data integration and data product names must be unique within a landing zone`,
      });
    else seen.set(item.name, item.path);
  }
  return problems;
}

/** The address plan of the zones whose addressSpace is valid (or absent), in the valid pool or else the default one. */
function planViewAddresses(view: EstateView, lock: EstateLock | undefined): AddressPlan {
  const usable = (zone: ViewZone) => zone.addressSpace !== null; // an invalid CIDR is reported already; leave it out of the plan
  const items = (zone: ViewZone) =>
    [...zone.integrations, ...zone.products].flatMap((i) =>
      i.name ? [{ name: i.name, previousNames: i.previousNames.flatMap((p) => (p.value ? [p.value] : [])) }] : [],
    );
  // An invalid pool was reported already; plan with the default one so overlaps still show.
  const poolValid = typeof view.addressPool === 'string';
  const input = addressPlanInput(
    {
      pool: poolValid ? view.addressPool! : DEFAULT_ADDRESS_POOL,
      poolExplicit: poolValid,
      managementZone: usable(view.managementZone) ? { path: view.managementZone.path, addressSpace: view.managementZone.addressSpace ?? undefined } : undefined,
      landingZones: view.landingZones
        .filter(usable)
        .map((zone) => ({ path: zone.path, name: zone.name, addressSpace: zone.addressSpace ?? undefined, items: items(zone) })),
    },
    lock,
  );
  return planAddresses(input);
}

const ENGINE_SERVICE: Record<string, string | undefined> = { databricks: 'databricks', synapse: 'synapse' };

function engineProblems(zone: ViewZone): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const items = [
    ...zone.integrations.map((i) => ({ path: i.path, engine: i.engine, defaultedBy: undefined as string | undefined })),
    ...zone.products.map((p) => ({ path: p.path, engine: p.engine, defaultedBy: p.engineDefaulted ? p.template : undefined })),
  ];
  for (const item of items) {
    const service = item.engine ? ENGINE_SERVICE[item.engine] : undefined;
    if (!service || zone.sharedServices[service] !== false) continue;
    const what = item.defaultedBy ? `the ${item.defaultedBy} template runs on "${item.engine}" by default, which` : `"${item.engine}"`;
    problems.push({
      path: `${item.path}.${item.defaultedBy ? 'template' : 'engine'}`,
      message: `${what} runs in the zone's shared ${service} workspace, but ${zone.path}.sharedServices.${service} is false; enable it or set another engine`,
    });
  }
  for (const product of zone.products) {
    if (product.serving !== undefined && product.template !== undefined && product.template !== 'analytics') {
      problems.push({
        path: `${product.path}.serving`,
        message: `serving applies to the analytics template only, not "${product.template}"; remove it or use template: analytics`,
      });
    }
  }
  return problems;
}

/** Every input resolves to an integration or product, and products' inputs form no cycle. */
function inputProblems(view: EstateView): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const zones = new Map<string, ViewZone>();
  for (const zone of view.landingZones) if (zone.name && !zones.has(zone.name)) zones.set(zone.name, zone);
  const productIds = new Set<string>();
  const edges = new Map<string, { target: string; path: string }[]>();

  for (const zone of view.landingZones) {
    if (!zone.name) continue;
    for (const product of zone.products) {
      if (!product.name) continue;
      const id = `${zone.name}/${product.name}`;
      productIds.add(id);
      const out: { target: string; path: string }[] = [];
      for (const input of product.inputs) {
        if (input.value === undefined) continue;
        const { zone: zoneName, name: itemName, crossZone } = parseInputRef(input.value, zone.name);
        const target = crossZone ? zones.get(zoneName) : zone;
        if (!target) {
          const hint = closest(zoneName, [...zones.keys()]);
          problems.push({
            path: input.path,
            message: `"${input.value}" names no landing zone "${zoneName}"${hint ? ` (did you mean "${hint}/${itemName}"?)` : ''}; write "<zone>/<name>" with a zone of this estate`,
          });
          continue;
        }
        const names = [...target.integrations, ...target.products].map((i) => i.name).filter((n): n is string => !!n);
        if (!names.includes(itemName)) {
          const renamed = renamedTo(target, itemName);
          if (renamed) {
            const now = crossZone ? `${zoneName}/${renamed.name}` : renamed.name;
            problems.push({ path: input.path, message: `"${input.value}" was renamed to "${now}" (${renamed.path}.renamedFrom); write "${now}"` });
            continue;
          }
          const hint = closest(itemName, names);
          const shown = (name: string) => (crossZone ? `${zoneName}/${name}` : name);
          // A product cannot read itself: its own name is no choice.
          const choices = names.filter((n) => crossZone || n !== product.name).map(shown);
          const fix = hint ? ` (did you mean "${shown(hint)}"?)` : `; ${inputChoices(zoneName, choices)}`;
          problems.push({ path: input.path, message: `unknown data integration or data product "${input.value}"${fix}` });
          continue;
        }
        const targetId = `${zoneName}/${itemName}`;
        if (targetId === id) {
          problems.push({ path: input.path, message: `"${input.value}" is the product itself; a data product cannot read its own output` });
          continue;
        }
        out.push({ target: targetId, path: input.path });
      }
      edges.set(id, out);
    }
  }
  problems.push(...cycleProblems(productIds, edges));
  return problems;
}

/** The fix for an input that names nothing in its zone and is close to no name: what the zone has (a removed product's readers land here). */
function inputChoices(zone: string, names: readonly string[]): string {
  if (!names.length) return `landing zone "${zone}" has no data integration or data product: remove this input`;
  const listed = names.slice(0, MAX_LISTED_INPUTS).map((name) => `"${name}"`);
  const more = names.length > MAX_LISTED_INPUTS ? ` (and ${names.length - MAX_LISTED_INPUTS} more)` : '';
  return `name one of ${listed.join(', ')}${more}, or remove this input`;
}

const MAX_LISTED_INPUTS = 8;

function cycleProblems(nodes: Set<string>, edges: Map<string, { target: string; path: string }[]>): EstateProblem[] {
  const problems: EstateProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  // Iterative DFS so hostile estates with long chains cannot overflow the call stack.
  for (const start of nodes) {
    if (state.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'visiting');
    stack.push(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = (edges.get(frame.node) ?? []).filter((e) => nodes.has(e.target));
      if (frame.next >= out.length) {
        state.set(frame.node, 'done');
        stack.pop();
        work.pop();
        continue;
      }
      const edge = out[frame.next++];
      const s = state.get(edge.target);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(edge.target)), edge.target];
        const key = [...cycle].slice(0, -1).sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ path: edge.path, message: `inputs form a cycle: ${cycle.join(' -> ')}; a data product cannot (indirectly) read itself` });
        }
      } else if (s === undefined) {
        state.set(edge.target, 'visiting');
        stack.push(edge.target);
        work.push({ node: edge.target, next: 0 });
      }
    }
  }
  return problems;
}
