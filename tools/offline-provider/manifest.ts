// cdktf's output manifest (cdktf.out/manifest.json) and the stack order it implies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManifestStack {
  name: string;
  /** Relative to the output dir, e.g. stacks/dmlz */
  workingDirectory: string;
  /** Relative to the output dir, e.g. stacks/dmlz/cdk.tf.json */
  synthesizedStackPath: string;
  /** Names of stacks this one reads from (cdktf records construct paths, which equal stack names). */
  dependencies: string[];
}

export function readManifest(outDir: string): ManifestStack[] {
  const file = join(outDir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run the synth first (npm run synth), or pass --out <cdktf output dir>`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { stacks?: Record<string, Partial<ManifestStack> & { constructPath?: string }> };
  const stacks = Object.entries(doc.stacks ?? {}).map(([name, s]) => ({
    name,
    workingDirectory: s.workingDirectory ?? `stacks/${name}`,
    synthesizedStackPath: s.synthesizedStackPath ?? `stacks/${name}/cdk.tf.json`,
    dependencies: [...new Set(s.dependencies ?? [])].filter((d) => d !== name),
  }));
  if (stacks.length === 0) throw new Error(`${file} lists no stacks`);
  return stacks;
}

/**
 * Dependencies before dependents (Kahn's algorithm, ties in manifest order so the
 * output is stable). Throws on unknown dependencies and cycles.
 */
export function topologicalOrder(stacks: ManifestStack[]): ManifestStack[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  for (const s of stacks) {
    for (const d of s.dependencies) if (!byName.has(d)) throw new Error(`stack ${s.name} depends on ${d}, which is not in the manifest`);
  }
  const remaining = new Map(stacks.map((s) => [s.name, new Set(s.dependencies)]));
  const order: ManifestStack[] = [];
  while (remaining.size > 0) {
    const ready = stacks.filter((s) => remaining.has(s.name) && remaining.get(s.name)!.size === 0);
    if (ready.length === 0) throw new Error(`stack dependency cycle among: ${[...remaining.keys()].join(', ')}`);
    for (const s of ready) {
      order.push(s);
      remaining.delete(s.name);
      for (const deps of remaining.values()) deps.delete(s.name);
    }
  }
  return order;
}

/** Names of stacks that depend on `name` (directly). */
export function dependentsOf(stacks: ManifestStack[], name: string): string[] {
  return stacks.filter((s) => s.dependencies.includes(name)).map((s) => s.name);
}
