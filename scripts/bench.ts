/**
 * `npm run bench`: synthesizes generated estates of 10, 50 and 100 landing zones (or the
 * sizes given as arguments) plus the shipped relecloud estate, each in a fresh process
 * exactly as `npm run synth` runs, and prints wall time, peak memory, resources and bytes.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generatedEstate } from './estate-generator';

const REPO = path.resolve(__dirname, '..');

interface Row {
  estate: string;
  zones: number;
  seconds: number;
  peakMb: number;
  resources: number;
  megabytes: number;
}

function measure(label: string, estateFile: string, work: string): Row {
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
    zones: Object.keys(manifest.stacks).length - 1,
    seconds,
    peakMb: JSON.parse(readFileSync(rusage, 'utf8')).maxRssKb / 1024,
    resources,
    megabytes: bytes / 1024 / 1024,
  };
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: Row[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'csa-bench-'));
  try {
    rows.push(measure('relecloud', path.join(REPO, 'estates', 'relecloud.yaml'), work));
    for (const size of sizes.length ? sizes : [10, 50, 100]) {
      const file = path.join(work, `generated-${size}.json`);
      writeFileSync(file, JSON.stringify(generatedEstate(size)));
      rows.push(measure(`generated-${size}`, file, work));
      for (const f of readdirSync(work)) if (f === 'cdktf.out') rmSync(path.join(work, f), { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('estate           landing zones   wall s   peak MB   resources   output MB   ms/resource');
  for (const r of rows) {
    console.log(
      `${r.estate.padEnd(16)} ${String(r.zones).padStart(13)} ${r.seconds.toFixed(2).padStart(8)} ${r.peakMb.toFixed(0).padStart(9)} ${String(r.resources).padStart(11)} ${r.megabytes.toFixed(1).padStart(11)} ${((r.seconds * 1000) / r.resources).toFixed(2).padStart(13)}`,
    );
  }
}

main();
