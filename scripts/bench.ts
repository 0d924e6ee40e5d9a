/**
 * `npm run bench`: synthesizes generated estates of 10, 50 and 100 landing zones (or the
 * sizes given as arguments) plus the shipped relecloud estate, each in a fresh process
 * exactly as `npm run synth` runs, and prints wall time, peak memory, resources and bytes.
 * `--topology avnm|peering|both` (default both) picks the network topologies measured:
 * one row per estate and topology. `--runs N` (default 3) measures each N times and reports
 * the median. Last, the floor (scripts/bench-floor.cjs: load cdktf, read relecloud's stacks,
 * write them back, in a fresh process) against relecloud's synth, measured in the same run.
 * `--repo DIR` measures the synth of another checkout instead (an earlier commit in a git
 * worktree with node_modules linked: before/after figures on the same machine).
 * The rows are full synths (the stack cache off: CSA_SYNTH_CACHE=0). Then an edit of one zone
 * of the largest estate (peering unless only avnm is measured), synthesized with the stack
 * cache warm, against a full synth of the same edited estate with the same lock and output
 * (incrementalLine), and the same kind of edits under `npm run synth -- --watch`, timed from
 * each save to the end of its synth (watchLine).
 */
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
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

/** One fresh process running `script` (as `npm run synth` runs the app): its wall seconds and peak memory. */
function timed(label: string, script: readonly string[], env: NodeJS.ProcessEnv, work: string): { seconds: number; peakMb: number } {
  const rusage = path.join(work, 'rusage.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', path.join(REPO, 'scripts', 'report-rusage.cjs'), ...script], {
    cwd: SYNTH_CWD,
    env: { ...process.env, ...env, BENCH_RUSAGE_FILE: rusage },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`${label} failed\n${child.stderr}`);
  return { seconds, peakMb: JSON.parse(readFileSync(rusage, 'utf8')).maxRssKb / 1024 };
}

/**
 * How `npm run synth` runs in a checkout: the compiled app (scripts/run-synth.cjs) where it has
 * one, else main.ts through tsx, as `npm run synth` did before it. `--repo DIR` measures another
 * checkout (an earlier commit in a git worktree, with node_modules linked) in the same run.
 */
function synthCommand(repo: string): string[] {
  const runner = path.join(repo, 'scripts', 'run-synth.cjs');
  if (existsSync(runner)) return [runner];
  return [path.join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repo, 'main.ts')];
}

let SYNTH = synthCommand(REPO);
let SYNTH_CWD = REPO;

/** The median of `runs` measurements (wall time; the peak memory of the same run). */
function median<T extends { seconds: number }>(runs: number, measureOnce: () => T): T {
  const results = Array.from({ length: runs }, measureOnce).sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor((results.length - 1) / 2)]!;
}

function measure(label: string, topology: Topology, estateFile: string, work: string, runs: number): Row {
  const outdir = path.join(work, 'cdktf.out');
  const { seconds, peakMb } = median(runs, () => {
    rmSync(outdir, { recursive: true, force: true });
    return timed(`${label}: synth`, SYNTH, { ESTATE: estateFile, CDKTF_OUTDIR: outdir, CSA_SYNTH_CACHE: '0' }, work);
  });
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
    zones: Object.keys(manifest.stacks).filter((name) => name.startsWith('dlz-')).length,
    seconds,
    peakMb,
    resources,
    megabytes: bytes / 1024 / 1024,
  };
}

/** `--topology X` / `--topology=X`: avnm, peering or both (default); `--runs N`: runs per measurement; the rest are sizes. */
function parseArgs(argv: readonly string[]): { sizes: number[]; topologies: readonly Topology[]; runs: number } {
  let choice = 'both';
  let runs = 3;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--topology') choice = argv[++i] ?? '';
    else if (arg.startsWith('--topology=')) choice = arg.slice('--topology='.length);
    else if (arg === '--runs') runs = Number(argv[++i]);
    else if (arg === '--repo') {
      SYNTH_CWD = path.resolve(argv[++i] ?? '.');
      SYNTH = synthCommand(SYNTH_CWD);
    } else rest.push(arg);
  }
  if (choice !== 'both' && !(TOPOLOGIES as readonly string[]).includes(choice)) {
    console.error(`--topology must be avnm, peering or both, got "${choice}"`);
    process.exit(2);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs must be a whole number of at least 1');
    process.exit(2);
  }
  const sizes = rest.map(Number).filter((n) => n > 0);
  return { sizes: sizes.length ? sizes : [10, 50, 100], topologies: choice === 'both' ? TOPOLOGIES : [choice as Topology], runs };
}

function withTopology(estate: Record<string, any>, topology: Topology): Record<string, any> {
  return { ...estate, network: { ...(estate.network ?? {}), topology } };
}

/** The floor process against relecloud's output (still in `work`), and relecloud's synth as a multiple of it. */
function floorLine(work: string, runs: number, relecloud: Row): string {
  const floor = median(runs, () => timed('floor', [path.join(REPO, 'scripts', 'bench-floor.cjs'), path.join(work, 'cdktf.out')], {}, work));
  const ratio = relecloud.seconds / floor.seconds;
  return `floor (load cdktf, read relecloud's stacks, write them back): ${floor.seconds.toFixed(2)} s; relecloud synth ${relecloud.seconds.toFixed(2)} s = ${ratio.toFixed(1)}x the floor (target: at most 3x); medians of ${runs}`;
}

/**
 * Editing one zone of a large estate (issue 19: at most 30% of a full synth): a first synth
 * writes the lock, a second fills the stack cache (in `work`); then per run, one more zone gets a
 * new data product and is synthesized with the cache, and again without it (same estate, lock
 * and output: the same files). Medians, and the median of the paired ratios.
 */
function incrementalLine(work: string, runs: number, size: number, topology: Topology): Incremental {
  const dir = path.join(work, `incremental-${size}`);
  const file = path.join(dir, 'estate.json');
  const outdir = path.join(dir, 'cdktf.out');
  const estate = withTopology(generatedEstate(size), topology);
  const env = (cache: boolean) => ({ ESTATE: file, CDKTF_OUTDIR: outdir, CSA_SYNTH_CACHE_DIR: path.join(work, 'cache'), CSA_SYNTH_CACHE: cache ? '1' : '0' });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(estate));
  timed('incremental: first synth', SYNTH, env(false), dir);
  timed('incremental: filling the cache', SYNTH, env(true), dir);
  const pairs = Array.from({ length: runs }, (_, run) => {
    // A different zone each run, spread over the estate: never one the cache already holds.
    estate.landingZones[Math.floor(((run + 0.5) * size) / runs) % size].dataProducts.push({ name: `edit${run}`, template: 'batch', inputs: ['ingest'] });
    writeFileSync(file, JSON.stringify(estate));
    const edit = timed('incremental: edit', SYNTH, env(true), dir);
    const full = timed('incremental: full', SYNTH, env(false), dir);
    return { edit: edit.seconds, full: full.seconds, ratio: edit.seconds / full.seconds };
  });
  const [edit, full, ratio] = [mid(pairs, (p) => p.edit), mid(pairs, (p) => p.full), mid(pairs, (p) => p.ratio)];
  return {
    line: `edit one zone of ${size} (${topology}), stack cache warm: ${edit.toFixed(2)} s; full synth of the same estate: ${full.toFixed(2)} s; paired ratio ${(ratio * 100).toFixed(0)}% (target: at most 30%); medians of ${runs}`,
    watch: () => watchLine({ dir, file, estate, env: env(true), runs, size, topology, full }),
  };
}

interface Incremental {
  readonly line: string;
  /** The same kind of edits under --watch, in the same directory (cache, lock and output). */
  readonly watch: () => Promise<string>;
}

const mid = <T>(values: T[], key: (value: T) => number) => values.map(key).sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/**
 * The same edits under `npm run synth -- --watch` (lib/synth/synth-watch.ts): one process
 * synthesizes the estate, then again as each edit is saved, warm. Each edit is timed from the
 * save to the watch's next "watching" line (its pause before looking included), against the
 * median full synth of incrementalLine. Then the watch process's peak memory.
 */
async function watchLine(run: {
  dir: string;
  file: string;
  estate: Record<string, any>;
  env: NodeJS.ProcessEnv;
  runs: number;
  size: number;
  topology: Topology;
  full: number;
}): Promise<string> {
  const child = spawn(process.execPath, [...SYNTH, '--watch'], { cwd: run.dir, env: { ...process.env, ...run.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiters: { count: number; resolve: () => void }[] = [];
  let watching = 0;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    watching = stderr.split('\n').filter((line) => line.startsWith('watching ')).length;
    for (const waiter of waiters.filter((w) => watching >= w.count)) waiter.resolve();
  });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`the watch ended (${code}):\n${stderr}`))));
  // Rejected when the watch is stopped at the end too: handled, whoever is waiting.
  exited.catch(() => undefined);
  const watchingAt = (count: number) =>
    Promise.race([new Promise<void>((resolve) => (watching >= count ? resolve() : waiters.push({ count, resolve }))), exited]);
  try {
    await watchingAt(1);
    const seconds: number[] = [];
    for (let n = 0; n < run.runs; n++) {
      // Zones between those incrementalLine edited, never one the cache holds this way.
      run.estate.landingZones[Math.floor(((n + 0.25) * run.size) / run.runs) % run.size].dataProducts.push({
        name: `watch${n}`,
        template: 'batch',
        inputs: ['ingest'],
      });
      const started = process.hrtime.bigint();
      writeFileSync(run.file, JSON.stringify(run.estate));
      await watchingAt(n + 2);
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    if (/Synthesis failed|Invalid estate|Refused/.test(stderr)) throw new Error(`a synth under --watch failed:\n${stderr}`);
    const edit = mid(seconds, (s) => s);
    const peak = peakMemoryMb(child.pid);
    return `edit one zone of ${run.size} (${run.topology}) under --watch: ${edit.toFixed(2)} s from the save to the synth's end, ${((edit / run.full) * 100).toFixed(0)}% of the full synth above; medians of ${run.runs}${peak ? `; the watch process's peak memory ${peak.toFixed(0)} MB` : ''}`;
  } finally {
    child.kill('SIGINT');
  }
}

/** A running process's peak resident memory (Linux: /proc), if it can be read. */
function peakMemoryMb(pid: number | undefined): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const { sizes, topologies, runs } = parseArgs(process.argv.slice(2));
  const rows: Row[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'csa-bench-'));
  let floor = '';
  let incremental = '';
  let watch = '';
  try {
    // Builds the compiled app once (scripts/run-synth.cjs), so no measured run pays for it.
    timed('warm-up', [...SYNTH, '--help'], {}, work);
    const relecloud = parse(readFileSync(path.join(REPO, 'estates', 'relecloud.yaml'), 'utf8'));
    for (const topology of topologies) {
      const file = path.join(work, `relecloud-${topology}.json`);
      writeFileSync(file, JSON.stringify(withTopology(relecloud, topology)));
      rows.push(measure('relecloud', topology, file, work, runs));
      if (!floor) floor = floorLine(work, runs, rows[rows.length - 1]!);
    }
    for (const size of sizes) {
      for (const topology of topologies) {
        const file = path.join(work, `generated-${size}-${topology}.json`);
        writeFileSync(file, JSON.stringify(withTopology(generatedEstate(size), topology)));
        rows.push(measure(`generated-${size}`, topology, file, work, runs));
      }
    }
    if (sizes.length) {
      const edits = incrementalLine(work, runs, Math.max(...sizes), topologies.includes('peering') ? 'peering' : 'avnm');
      incremental = edits.line;
      // A checkout from before --watch has none to measure.
      if (readFileSync(path.join(SYNTH_CWD, 'lib', 'synth', 'synth-args.ts'), 'utf8').includes('--watch')) watch = await edits.watch();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`estate           topology   landing zones   wall s   peak MB   resources   output MB   ms/resource   (medians of ${runs} runs)`);
  for (const r of rows) {
    console.log(
      `${r.estate.padEnd(16)} ${r.topology.padEnd(8)} ${String(r.zones).padStart(15)} ${r.seconds.toFixed(2).padStart(8)} ${r.peakMb.toFixed(0).padStart(9)} ${String(r.resources).padStart(11)} ${r.megabytes.toFixed(1).padStart(11)} ${((r.seconds * 1000) / r.resources).toFixed(2).padStart(13)}`,
    );
  }
  console.log('');
  console.log(floor);
  if (incremental) console.log(incremental);
  if (watch) console.log(watch);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
