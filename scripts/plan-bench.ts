/**
 * `npm run bench:plan`: the offline plan (tools/offline-provider) of the same generated estate
 * in both network topologies, measured in one run: wall seconds (median of `--runs N`,
 * default 1), stacks, resources, and the most azurerm provider configurations any stack
 * needs (one provider process each when Terraform plans it: docs/topology.md), then the
 * ratio peering / avnm. Sizes are landing zone counts (default 10).
 *
 *   npm run bench:plan                 # 10 zones
 *   npm run bench:plan -- 10 20 --runs 3
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesizeEstate } from '../lib/synth/synthesize';
import { planOutDir } from '../tools/offline-provider/plan-runner';
import { generatedEstate } from './estate-generator';

type Topology = 'peering' | 'avnm';

interface PlanRow {
  zones: number;
  topology: Topology;
  seconds: number;
  stacks: number;
  resources: number;
  maxAzurerm: number;
}

function parseArgs(argv: readonly string[]): { sizes: number[]; runs: number } {
  const sizes: number[] = [];
  let runs = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else sizes.push(Number(argv[i]));
  }
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error('usage: npm run bench:plan -- [ZONES...] [--runs N]   (whole numbers, at least 1)');
    process.exit(2);
  }
  return { sizes: sizes.length ? sizes : [10], runs };
}

/** Synthesizes the generated estate into `work` and returns the output directory and its biggest provider count. */
function synthesize(zones: number, topology: Topology, work: string): { outdir: string; maxAzurerm: number } {
  const estate = generatedEstate(zones, { estate: `plan${topology === 'avnm' ? 'a' : 'p'}` });
  estate.network = { topology };
  const file = path.join(work, 'estate.json');
  writeFileSync(file, JSON.stringify(estate));
  const outdir = path.join(work, 'cdktf.out');
  const result = synthesizeEstate({ estatePath: file, outdir, projectDir: work, diagramOnWorkerThread: false });
  // Counted as the synth summary counts them, from the digests synth took of the stacks.
  const azurerm = result.stacks.map((stack) => result.written.digests[stack]?.providers.azurerm ?? 0);
  return { outdir, maxAzurerm: Math.max(...azurerm) };
}

async function measure(zones: number, topology: Topology, runs: number): Promise<PlanRow> {
  const work = mkdtempSync(path.join(tmpdir(), `csa-plan-bench-${topology}-`));
  try {
    const { outdir, maxAzurerm } = synthesize(zones, topology, work);
    const samples: { seconds: number; stacks: number; resources: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const plan = await planOutDir(outdir, { concurrency: 2 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!plan.ok)
        throw new Error(`${zones} zones, ${topology}: the offline plan failed (${plan.stacks.filter((s) => s.status !== 'ok').map((s) => s.name)})`);
      samples.push({ seconds, stacks: plan.stacks.length, resources: plan.stacks.reduce((sum, s) => sum + s.toAdd, 0) });
    }
    samples.sort((a, b) => a.seconds - b.seconds);
    return { zones, topology, maxAzurerm, ...samples[Math.floor((samples.length - 1) / 2)]! };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { sizes, runs } = parseArgs(process.argv.slice(2));
  console.log(`offline plan, median of ${runs} run${runs === 1 ? '' : 's'}, concurrency 2`);
  console.log('zones  topology  stacks  resources  max azurerm/stack  seconds');
  for (const zones of sizes) {
    const rows: PlanRow[] = [];
    for (const topology of ['peering', 'avnm'] as const) {
      const row = await measure(zones, topology, runs);
      rows.push(row);
      console.log(
        `${String(zones).padStart(5)}  ${topology.padEnd(8)}  ${String(row.stacks).padStart(6)}  ${String(row.resources).padStart(9)}  ${String(row.maxAzurerm).padStart(17)}  ${row.seconds.toFixed(1).padStart(7)}`,
      );
    }
    console.log(`${String(zones).padStart(5)}  peering / avnm: ${(rows[0]!.seconds / rows[1]!.seconds).toFixed(2)}x`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
