/**
 * How the deploy workflow groups stacks into GitHub Actions jobs so that one run stays within
 * GitHub's job limit whatever the estate's size and shape. Pure: stacks in, units out; the
 * workflow generator (github-workflow.ts) turns units into jobs, and explains the trade-off.
 *
 * A unit is either
 *  - `gated`: a set of stacks none of which depends on another, as two jobs: a plan job (plans
 *    and checks each stack in turn, read-only identity, no environment) and an apply job (the
 *    environment's approval gate, then the deployer identity applies the saved plans); or
 *  - `sequential`: stacks in dependency order as one gated job that plans, checks and applies
 *    each stack before planning the next (a stack's plan reads the remote state of the stacks
 *    it depends on, so in a chain the next plan cannot exist before the previous apply).
 */

/** A stack as the manifest records it. */
export interface PipelineStack {
  readonly name: string;
  /** Stacks that must be applied before this one is planned. */
  readonly dependencies: readonly string[];
  /**
   * The stack may create managed private endpoints, which its apply is followed by approving
   * (endpoint-approval.ts); a peering stack never does. @default true
   */
  readonly approvesEndpoints?: boolean;
}

export type DeployUnit =
  | {
      readonly kind: 'gated';
      /** Dependency depth of every stack in the unit (0: depends on nothing). */
      readonly wave: number;
      /** Which part of its wave this unit is, when the wave is split across several units. */
      readonly part: { readonly index: number; readonly of: number };
      readonly stacks: readonly string[];
    }
  | { readonly kind: 'sequential'; readonly stacks: readonly string[] };

export interface LayoutOptions {
  /** Jobs one run may have, the synth job included. */
  readonly maxJobs: number;
  /** At most this many gated units per wave: more parallel jobs than runners only queue. */
  readonly maxParallel: number;
  /** Stacks per sequential job in a dependency chain (bounds a job's run time and the approvals). */
  readonly stacksPerSequentialJob: number;
}

export interface DeployLayout {
  /**
   * `per-stack`: every stack its own plan job and apply job. `grouped`: wide waves split into
   * gated units, chains of single-stack waves into sequential units. `sequential`: the last
   * resort for graphs too deep and wide for the other two: the whole topological order in
   * sequential units.
   */
  readonly mode: 'per-stack' | 'grouped' | 'sequential';
  /** In dependency order: a unit's stacks depend only on stacks of earlier units, or (sequential) earlier in the same unit. */
  readonly units: readonly DeployUnit[];
  /** Stacks by dependency depth, in the input order within a depth. */
  readonly waves: readonly (readonly string[])[];
}

/** Stack names go into job ids (`^[A-Za-z_][A-Za-z0-9_-]*$` once prefixed) and shell command lines. */
const STACK_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Stacks grouped by dependency depth: a stack's wave is one more than the deepest wave of the
 * stacks it depends on. Throws on unknown dependencies, unusable names and cycles.
 */
export function dependencyWaves(stacks: readonly PipelineStack[]): string[][] {
  const byName = new Map<string, PipelineStack>();
  for (const stack of stacks) {
    if (!STACK_NAME.test(stack.name))
      throw new Error(`stack name ${JSON.stringify(stack.name)} is not usable in a workflow (letters, digits, "-" and "_" only)`);
    if (byName.has(stack.name)) throw new Error(`stack ${stack.name} is listed twice`);
    byName.set(stack.name, stack);
  }
  for (const stack of stacks) {
    for (const dependency of stack.dependencies) {
      if (!byName.has(dependency)) throw new Error(`stack ${stack.name} depends on unknown stack ${dependency}`);
    }
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  // Iterative depth-first walk: a 250-stack chain must not depend on the call stack's depth.
  for (const root of stacks) {
    if (depth.has(root.name)) continue;
    const path: { name: string; next: number }[] = [{ name: root.name, next: 0 }];
    visiting.add(root.name);
    while (path.length) {
      const top = path[path.length - 1]!;
      const dependencies = byName.get(top.name)!.dependencies;
      if (top.next < dependencies.length) {
        const dependency = dependencies[top.next++]!;
        if (depth.has(dependency)) continue;
        if (visiting.has(dependency)) throw new Error(`stacks depend on each other in a cycle: ${[...path.map((p) => p.name), dependency].join(' -> ')}`);
        visiting.add(dependency);
        path.push({ name: dependency, next: 0 });
        continue;
      }
      depth.set(
        top.name,
        dependencies.reduce((d, dependency) => Math.max(d, depth.get(dependency)! + 1), 0),
      );
      visiting.delete(top.name);
      path.pop();
    }
  }
  const waves: string[][] = [];
  for (const stack of stacks) (waves[depth.get(stack.name)!] ??= []).push(stack.name);
  return waves;
}

/** `items` in `parts` consecutive slices whose sizes differ by at most one. */
function split<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(items.length / parts) + (i < items.length % parts ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

type Segment = { readonly kind: 'chain'; readonly stacks: string[] } | { readonly kind: 'wave'; readonly wave: number; readonly stacks: readonly string[] };

/**
 * Consecutive waves of exactly one stack form a chain (each depends on the one before: nothing
 * in it can run in parallel anyway); every other wave stands alone.
 */
function segments(waves: readonly (readonly string[])[]): Segment[] {
  const out: Segment[] = [];
  for (let w = 0; w < waves.length;) {
    let end = w;
    while (end < waves.length && waves[end]!.length === 1) end++;
    if (end - w >= 2) {
      out.push({ kind: 'chain', stacks: waves.slice(w, end).map((wave) => wave[0]!) });
      w = end;
    } else {
      out.push({ kind: 'wave', wave: w, stacks: waves[w]! });
      w++;
    }
  }
  return out;
}

function sequentialUnits(stacks: readonly string[], perJob: number): DeployUnit[] {
  return split(stacks, Math.ceil(stacks.length / perJob)).map((part) => ({ kind: 'sequential', stacks: part }));
}

/** Jobs a layout costs, the synth job not included. */
export function unitJobs(units: readonly DeployUnit[]): number {
  return units.reduce((n, unit) => n + (unit.kind === 'gated' ? 2 : 1), 0);
}

/**
 * The units for `stacks`, the fewest compromises first:
 *  1. per stack, when 2 jobs per stack fit (every plan reviewed before its apply is approved);
 *  2. grouped: each wide wave in at most `maxParallel` gated units (fewer while over budget),
 *     each chain in sequential units of `stacksPerSequentialJob` stacks (more while over budget);
 *  3. sequential: the topological order in as few sequential units as fit.
 */
export function layoutDeployment(stacks: readonly PipelineStack[], options: LayoutOptions): DeployLayout {
  const waves = dependencyWaves(stacks);
  const budget = options.maxJobs - 1; // the synth job
  if (budget < 1) throw new Error(`maxJobs ${options.maxJobs} leaves no job besides synth`);
  const all = waves.flat();
  if (2 * all.length <= budget) {
    return {
      mode: 'per-stack',
      waves,
      units: waves.flatMap((wave, w) =>
        wave.map((stack, i): DeployUnit => ({ kind: 'gated', wave: w, part: { index: i + 1, of: wave.length }, stacks: [stack] })),
      ),
    };
  }
  const segs = segments(waves);
  const grouped = (parallel: number, perJob: number): DeployUnit[] =>
    segs.flatMap((seg) => {
      if (seg.kind === 'chain') return sequentialUnits(seg.stacks, perJob);
      const parts = split(seg.stacks, Math.min(seg.stacks.length, parallel));
      return parts.map((part, i): DeployUnit => ({ kind: 'gated', wave: seg.wave, part: { index: i + 1, of: parts.length }, stacks: part }));
    });
  let parallel = Math.max(1, options.maxParallel);
  let perJob = Math.max(1, options.stacksPerSequentialJob);
  let units = grouped(parallel, perJob);
  while (unitJobs(units) > budget && parallel > 1) units = grouped(--parallel, perJob);
  while (unitJobs(units) > budget && segs.some((s) => s.kind === 'chain' && s.stacks.length > perJob)) units = grouped(parallel, (perJob *= 2));
  if (unitJobs(units) <= budget) return { mode: 'grouped', waves, units };
  // More waves of several stacks than gated pairs fit: give up parallelism, keep the order.
  return { mode: 'sequential', waves, units: sequentialUnits(all, Math.max(options.stacksPerSequentialJob, Math.ceil(all.length / budget))) };
}
