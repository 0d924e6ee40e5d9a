/**
 * `npm run bench:diagram`: what the estate diagram costs synth, for relecloud and generated
 * estates of 20 and 100 landing zones (or the sizes given as arguments). Each measurement is
 * a fresh process, as `npm run synth` runs:
 *
 * - synth: `synthesizeEstate` as `npm run synth` calls it (the diagram's ELK layout on a
 *   worker thread while the stacks are synthesized): process wall time, and the diagram's
 *   time on synth's critical path (building its input, waiting for the worker, placing,
 *   rendering, writing);
 * - synth, inline: the same with the layout on the main thread, to see what the thread saves;
 * - diagram alone: model, ELK (loading elkjs included), SVG and HTML on one thread, cold.
 *
 * Every measurement is repeated (`--runs N`, default 3) and the fastest run is reported: on a
 * shared machine the minimum is the least noisy estimate of the real cost. CPU is the whole
 * process's user + system time, worker threads included.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generatedEstate } from './estate-generator';

const REPO = path.resolve(__dirname, '..');

type Mode = 'threaded' | 'inline' | 'diagram';

interface ChildReport {
  ms: number;
  /** CPU seconds of the whole process, worker threads included. */
  cpu?: number;
  diagramMs?: number;
  svgBytes?: number;
  zones?: number;
}

async function child(mode: Mode, estateFile: string, outdir: string): Promise<ChildReport> {
  process.setSourceMapsEnabled(false);
  const started = performance.now();
  if (mode !== 'diagram') {
    const { synthesizeEstate } = await import('../lib/synth/synthesize');
    const result = synthesizeEstate({ estatePath: estateFile, outdir, projectDir: path.dirname(outdir), diagramOnWorkerThread: mode === 'threaded' });
    return { ms: performance.now() - started, diagramMs: result.diagram.milliseconds, zones: result.estate.landingZones.length };
  }
  const { loadEstateFile } = await import('../lib/estate/load');
  const { estateDiagram } = await import('../lib/diagram');
  const estate = loadEstateFile(estateFile);
  const t = performance.now();
  const diagram = estateDiagram(estate);
  return { ms: performance.now() - t, svgBytes: Buffer.byteLength(diagram.svg), zones: estate.landingZones.length };
}

function run(mode: Mode, estateFile: string, work: string): ChildReport & { wall: number } {
  const outdir = path.join(work, `cdktf.out.${mode}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode, estateFile, outdir], { cwd: REPO, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${mode} ${estateFile} failed:\n${result.stderr}`);
  rmSync(outdir, { recursive: true, force: true });
  return { ...(JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildReport), wall };
}

function fastest(runs: number, measure: () => ChildReport & { wall: number }): ChildReport & { wall: number } {
  const results = Array.from({ length: runs }, measure);
  return results.reduce((best, r) => (r.wall < best.wall ? r : best));
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 3;
  const sizes = args
    .filter((_, i) => runsAt < 0 || (i !== runsAt && i !== runsAt + 1))
    .map(Number)
    .filter((n) => n > 0);
  const work = mkdtempSync(path.join(tmpdir(), 'csa-diagram-bench-'));
  const estates: [string, string][] = [['relecloud', path.join(REPO, 'estates', 'relecloud.yaml')]];
  for (const size of sizes.length ? sizes : [20, 100]) {
    const file = path.join(work, `generated-${size}.json`);
    writeFileSync(file, JSON.stringify(generatedEstate(size)));
    estates.push([`generated-${size}`, file]);
  }
  const rows: string[][] = [
    ['estate', 'zones', 'synth s', 'diagram in synth s', 'synth inline s', 'diagram inline s', 'CPU synth s', 'CPU inline s', 'diagram alone s', 'SVG KB'],
  ];
  try {
    for (const [label, file] of estates) {
      const threaded = fastest(runs, () => run('threaded', file, work));
      const inline = fastest(runs, () => run('inline', file, work));
      const alone = fastest(runs, () => run('diagram', file, work));
      const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
      rows.push([
        label,
        String(threaded.zones),
        (threaded.wall / 1000).toFixed(2),
        s(threaded.diagramMs),
        (inline.wall / 1000).toFixed(2),
        s(inline.diagramMs),
        (threaded.cpu ?? 0).toFixed(2),
        (inline.cpu ?? 0).toFixed(2),
        s(alone.ms),
        ((alone.svgBytes ?? 0) / 1024).toFixed(0),
      ]);
      console.error(`${label}: done`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`fastest of ${runs} runs each, fresh processes:`);
  for (const r of rows) console.log(r.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Mode, process.argv[4], process.argv[5]).then(
    (report) => {
      const { user, system } = process.cpuUsage();
      console.log(JSON.stringify({ ...report, cpu: (user + system) / 1e6 }));
    },
    (e) => {
      console.error((e as Error).stack ?? e);
      process.exitCode = 1;
    },
  );
} else {
  main();
}
