/**
 * `npm run docs:bench`: runs `npm run bench` and `npm run bench:diagram` and writes their
 * tables to docs/benchmarks.md with the date, the commit and the machine they ran on.
 *
 * Timings depend on the machine and on what else it runs, so they are not in the README (which
 * is generated and checked, see scripts/readme.ts) and no test compares them: this file is a
 * dated measurement, rewritten whenever someone measures again.
 *
 *   npm run docs:bench                      # bench sizes 10 50 100, diagram bench defaults
 *   npm run docs:bench -- --sizes 25,50,100,250 --diagram-sizes 20,100 --runs 3
 */
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
export const BENCHMARKS_FILE = path.join(REPO, 'docs', 'benchmarks.md');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

interface Options {
  sizes: string[];
  diagramSizes: string[];
  runs?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { sizes: ['10', '50', '100'], diagramSizes: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const list = (v: string) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (argv[i] === '--sizes') options.sizes = list(value());
    else if (argv[i] === '--diagram-sizes') options.diagramSizes = list(value());
    else if (argv[i] === '--runs') options.runs = value();
    else throw new Error(`unknown argument ${argv[i]} (use --sizes A,B --diagram-sizes A,B --runs N)`);
  }
  return options;
}

/** A script's output, or an error naming the command. */
function measure(script: string, args: readonly string[]): string {
  const command = `tsx ${script} ${args.join(' ')}`.trim();
  process.stderr.write(`running ${command} ...\n`);
  const result = spawnSync(TSX, [path.join(REPO, script), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}):\n${result.stderr}`);
  return result.stdout.replace(/\s+$/, '');
}

function git(args: readonly string[]): string | undefined {
  const result = spawnSync('git', [...args], { cwd: REPO, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The machine, as far as Node can tell: CPU model and count, memory, OS, Node. */
export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const gb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus.length} × ${model}, ${gb} GB memory, ${os.type()} ${os.release()} (${os.arch()}), Node.js ${process.version}`;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const started = new Date();
  const benchArgs = options.sizes;
  const diagramArgs = [...options.diagramSizes, ...(options.runs ? ['--runs', options.runs] : [])];
  const bench = measure('scripts/bench.ts', benchArgs);
  const diagram = measure('scripts/diagram-bench.ts', diagramArgs);
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const text = [
    '# Benchmarks: one measurement',
    '',
    '<!-- Written by `npm run docs:bench` (scripts/benchmarks-doc.ts); do not edit by hand. -->',
    '',
    'These are the figures of one run on one machine, **not a specification**: timings vary with',
    'the machine and with whatever else it was running (a shared machine can be 20% slower or',
    'more). Resource counts and output sizes depend only on the code. Measure again with',
    '`npm run docs:bench` (it rewrites this file). What the columns mean: the "Performance"',
    'section and "What it costs" under "Seeing the estate" in [README.md](../README.md).',
    '',
    `- date: ${started.toISOString().slice(0, 10)}`,
    `- commit: ${commit ?? 'unknown'}${dirty ? ' with uncommitted changes' : ''}`,
    `- machine: ${machine()}`,
    '',
    `## Synth: \`npm run bench -- ${benchArgs.join(' ')}\``,
    '',
    'Each estate synthesized in a fresh process, exactly as `npm run synth` runs, in both',
    'topologies; wall time is the whole process.',
    '',
    '```',
    bench,
    '```',
    '',
    `## The diagram: \`npm run bench:diagram${diagramArgs.length ? ` -- ${diagramArgs.join(' ')}` : ''}\``,
    '',
    '```',
    diagram,
    '```',
    '',
  ].join('\n');
  writeFileSync(BENCHMARKS_FILE, text);
  console.log(`${path.relative(process.cwd(), BENCHMARKS_FILE)} written (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s of measuring)`);
}

if (require.main === module) main();
