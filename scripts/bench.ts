/**
 * `npm run bench`: synthesizes generated estates of 10, 50 and 100 landing zones (or the
 * sizes given as arguments) plus the shipped relecloud estate, each in a fresh process
 * exactly as `npm run synth` runs, and prints wall time, peak memory, resources and bytes.
 * `--topology avnm|peering|both` (default both) picks the network topologies measured:
 * one row per estate and topology.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { generatedEstate } from './estate-generator';

const REPO = path.resolve(__dirname, '..');

type Topology = 'peering' | 'avnm';
const TOPOLOGIES: readonly Topology[] = ['peering', 'avnm'];

interface Row {
  estate: string;
  topology: Topology;
  zones: number;
  seconds: number;
  peakMb: number;
  resources: number;
  megabytes: number;
}

function measure(label: string, topology: Topology, estateFile: string, work: string): Row {
  const outdir = path.join(work, 'cdktf.out');
  const rusage = path.join(work, 'rusage.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', path.join(REPO, 'scripts', 'report-rusage.cjs'), '--import', 'tsx', path.join(REPO, 'main.ts')], {
    cwd: REPO,
    env: { ...process.env, ESTATE: estateFile, CDKTF_OUTDIR: outdir, BENCH_RUSAGE_FILE: rusage },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${label}: synth failed\n${child.stderr}`);
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  let resources = 0;
  let bytes = 0;
  for (const stack of Object.values<{ synthesizedStackPath: string }>(manifest.stacks)) {
    const file = path.join(outdir, stack.synthesizedStackPath);
    bytes += statSync(file).size;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const byType of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  return {
    estate: label,
    topology,
    zones: Object.keys(manifest.stacks).length - 1,
    seconds,
    peakMb: JSON.parse(readFileSync(rusage, 'utf8')).maxRssKb / 1024,
    resources,
    megabytes: bytes / 1024 / 1024,
  };
}

/** `--topology X` / `--topology=X`: avnm, peering or both (default); the rest are sizes. */
function parseArgs(argv: readonly string[]): { sizes: number[]; topologies: readonly Topology[] } {
  let choice = 'both';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--topology') choice = argv[++i] ?? '';
    else if (arg.startsWith('--topology=')) choice = arg.slice('--topology='.length);
    else rest.push(arg);
  }
  if (choice !== 'both' && !(TOPOLOGIES as readonly string[]).includes(choice)) {
    console.error(`--topology must be avnm, peering or both, got "${choice}"`);
    process.exit(2);
  }
  const sizes = rest.map(Number).filter((n) => n > 0);
  return { sizes: sizes.length ? sizes : [10, 50, 100], topologies: choice === 'both' ? TOPOLOGIES : [choice as Topology] };
}

function withTopology(estate: Record<string, any>, topology: Topology): Record<string, any> {
  return { ...estate, network: { ...(estate.network ?? {}), topology } };
}

function main(): void {
  const { sizes, topologies } = parseArgs(process.argv.slice(2));
  const rows: Row[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'csa-bench-'));
  const clean = () => {
    for (const f of readdirSync(work)) if (f === 'cdktf.out') rmSync(path.join(work, f), { recursive: true, force: true });
  };
  try {
    const relecloud = parse(readFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), 'utf8'));
    for (const topology of topologies) {
      const file = path.join(work, `relecloud-${topology}.json`);
      writeFileSync(file, JSON.stringify(withTopology(relecloud, topology)));
      rows.push(measure('relecloud', topology, file, work));
      clean();
    }
    for (const size of sizes) {
      for (const topology of topologies) {
        const file = path.join(work, `generated-${size}-${topology}.json`);
        writeFileSync(file, JSON.stringify(withTopology(generatedEstate(size), topology)));
        rows.push(measure(`generated-${size}`, topology, file, work));
        clean();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('estate           topology   landing zones   wall s   peak MB   resources   output MB   ms/resource');
  for (const r of rows) {
    console.log(
      `${r.estate.padEnd(16)} ${r.topology.padEnd(8)} ${String(r.zones).padStart(15)} ${r.seconds.toFixed(2).padStart(8)} ${r.peakMb.toFixed(0).padStart(9)} ${String(r.resources).padStart(11)} ${r.megabytes.toFixed(1).padStart(11)} ${((r.seconds * 1000) / r.resources).toFixed(2).padStart(13)}`,
    );
  }
}

main();
