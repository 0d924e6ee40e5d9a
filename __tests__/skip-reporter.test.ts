import { spawn } from 'child_process';
import * as path from 'path';
import { REPO } from './helpers/synth';

/**
 * Skipped tests say why at the end of the run: jest.config.js adds helpers/skip-reporter.cjs
 * after the default reporter, and it prints "skipped: <file> › <suite>: <reason>" lines from
 * the titles the skip helpers write (describeWhen's "(skipped: ...)", the browser suite's
 * "(no Chromium ...)"). Under CI=true those suites fail instead.
 */

const reporter = require('./helpers/skip-reporter.cjs') as {
  skipLines(results: unknown, rootDir: string, testNamePattern?: string): string[];
  reasonIn(title: string): { name: string; reason: string; explicit: boolean } | undefined;
  NO_REASON: string;
};

const JEST = path.join(REPO, 'node_modules', '.bin', 'jest');

/** Aggregated results as jest hands them to reporters, for one file. */
function results(file: string, tests: { ancestorTitles: string[]; title: string; status: string }[]) {
  return { testResults: [{ testFilePath: path.join(REPO, file), testResults: tests }] };
}

describe('skip reasons from titles', () => {
  it('takes "(skipped: ...)" as the reason, keeping parentheses inside it', () => {
    expect(reporter.reasonIn('offline plan (skipped: terraform: "x" is not on PATH (install it))')).toEqual({
      name: 'offline plan',
      reason: 'terraform: "x" is not on PATH (install it)',
      explicit: true,
    });
    expect(reporter.reasonIn('no parenthesis here')).toBeUndefined();
    expect(reporter.reasonIn('empty ()')).toBeUndefined();
  });

  it('groups the skipped tests of a suite into one line with the reason and the count, and passes tests that ran', () => {
    const lines = reporter.skipLines(
      results('__tests__/x.test.ts', [
        { ancestorTitles: ['offline plan (skipped: terraform: missing)', 'inner'], title: 'plans', status: 'pending' },
        { ancestorTitles: ['offline plan (skipped: terraform: missing)'], title: 'applies (twice)', status: 'pending' },
        { ancestorTitles: ['browser (no Chromium at /usr/bin/chromium (or CHROMIUM_PATH))'], title: 'renders', status: 'pending' },
        { ancestorTitles: ['cli'], title: 'as root', status: 'pending' },
        { ancestorTitles: ['cli'], title: 'runs', status: 'passed' },
        { ancestorTitles: [], title: 'todo later', status: 'todo' },
      ]),
      REPO,
    );
    expect(lines).toEqual([
      'skipped: __tests__/x.test.ts › offline plan: terraform: missing (2 tests)',
      'skipped: __tests__/x.test.ts › browser: no Chromium at /usr/bin/chromium (or CHROMIUM_PATH) (1 test)',
      `skipped: __tests__/x.test.ts › cli › as root: ${reporter.NO_REASON} (1 test)`,
    ]);
  });

  it('with -t <pattern>, leaves out the tests the pattern filtered (jest reports them as skipped too)', () => {
    const run = results('__tests__/x.test.ts', [
      { ancestorTitles: ['offline plan (skipped: terraform: missing)'], title: 'plans', status: 'pending' },
      { ancestorTitles: ['cli'], title: 'filtered out', status: 'pending' },
      { ancestorTitles: ['cli'], title: 'chosen', status: 'passed' },
    ]);
    expect(reporter.skipLines(run, REPO, 'plan|chosen')).toEqual(['skipped: __tests__/x.test.ts › offline plan: terraform: missing (1 test)']);
    expect(reporter.skipLines(run, REPO)).toHaveLength(2);
  });

  it('prints nothing when nothing was skipped', () => {
    expect(reporter.skipLines(results('__tests__/x.test.ts', [{ ancestorTitles: [], title: 'ran', status: 'passed' }]), REPO)).toEqual([]);
    expect(reporter.skipLines({ testResults: [] }, REPO)).toEqual([]);
  });
});

function jest(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const { CI: _ci, GITHUB_ACTIONS: _gha, ...inherited } = process.env;
    const child = spawn(JEST, ['--runInBand', '--colors=false', ...args], {
      cwd: REPO,
      env: { ...inherited, CHECKPOINT_DISABLE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The real suites that need Chromium and terraform, with both made unavailable. */
const NEEDS_TOOLS = ['__tests__/estate-diagram.test.ts', 'tools/offline-provider/__tests__/plan-fixtures.test.ts'];
const WITHOUT_TOOLS = { CHROMIUM_PATH: '/nonexistent/chromium', TERRAFORM_BIN: '/nonexistent/terraform' };

describe('a jest run of suites whose tools are missing', () => {
  it('skips them locally and names each suite with its reason after the summary', async () => {
    const { code, output } = await jest(NEEDS_TOOLS, WITHOUT_TOOLS);
    expect(code).toBe(0);
    const summaryAt = output.indexOf('\nTests:');
    const reasonsAt = output.indexOf('Skipped, and why:');
    expect(summaryAt).toBeGreaterThan(0);
    // After jest's summary, where a reader of the run's end sees it.
    expect(reasonsAt).toBeGreaterThan(summaryAt);
    const lines = output.slice(reasonsAt).split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}skipped: __tests__\/estate-diagram\.test\.ts › estate\.html in headless Chromium: no Chromium at .*CHROMIUM_PATH.*install it with: apt-get update && apt-get install -y chromium \(\d+ tests\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}skipped: tools\/offline-provider\/__tests__\/plan-fixtures\.test\.ts › offline plan of fixture stacks: terraform: "\/nonexistent\/terraform" is not on PATH.* \(\d+ tests?\)$/,
      ),
    );
  }, 120_000);

  it('fails them under CI=true, saying what is missing', async () => {
    const { code, output } = await jest(['tools/offline-provider/__tests__/plan-fixtures.test.ts'], { ...WITHOUT_TOOLS, CI: 'true' });
    expect(code).toBe(1);
    expect(output).toContain('has its prerequisites (CI must not skip)');
    expect(output).toContain('missing: terraform: "/nonexistent/terraform" is not on PATH');
    expect(output).not.toContain('Skipped, and why:');
  }, 120_000);
});
