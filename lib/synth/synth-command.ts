import { EstateValidationError } from '../util/problems';
import { formatWarnings, PolicyViolationError } from '../policy/findings';
import * as path from 'path';
import { DIAGRAM_FILES } from '../diagram';
import { formatProviderBudgetWarning, formatSynthSummary, stacksOverProviderBudget, summarizeDigests, SummaryContext } from './summary';
import { Estate } from '../estate/model';
import { hubPeerings, hubSidePeeringCommand } from '../estate/hub-peerings';
import { synthesizeEstate, SynthResult } from './synthesize';
import { skipTokenStackTraces } from './fast-tokens';
import { DataLossError } from '../lock/address-guard';
import { DEFAULT_ESTATE, DEFAULT_OUTDIR, SynthArgs } from './synth-args';
import { EstateLockError } from '../estate/lock/estate-lock';
import { FrozenLockError } from '../lock/frozen-lock-error';
import { formatLockSummary } from '../lock/lock-summary';
import { OutputDirError, outputStateOf } from './output-dir';
import { formatStateMoves, statesToMove } from './state-migration';
import { terminalProgress } from './progress';
import type { StackCacheOptions } from './stack-cache-run';

/**
 * The synth command after its arguments were read (main.ts): synthesizes, prints the summary or
 * what went wrong, and returns the exit code. Loaded only when there is something to synthesize,
 * so `--help` and usage errors answer at once.
 */
export function runSynthCommand(args: SynthArgs): number {
  // cdktf captures a full stack trace for every lazy token, only to quote it if the token
  // later fails to resolve; with tsx's source maps on, formatting those traces was a fifth of
  // synth time, and capturing them still is (lib/synth/fast-tokens.ts).
  process.setSourceMapsEnabled(false);
  if (process.env.CSA_TOKEN_STACK_TRACES !== '1') skipTokenStackTraces();
  const { estatePath, outdir } = args;
  // The app never calls HashiCorp's checkpoint service (the cdktf CLI's own call: see README).
  process.env.CHECKPOINT_DISABLE ??= '1';
  const progress = terminalProgress();
  try {
    const started = Date.now();
    // The cdktf CLI passes its context as CDKTF_CONTEXT_JSON and removes stale stack directories itself.
    const result = synthesizeEstate({
      estatePath,
      outdir,
      keepRemovedStacks: process.env.CDKTF_CONTEXT_JSON !== undefined,
      allowDataLoss: args.allowDataLoss,
      frozenLock: args.frozenLock,
      peeringsMoved: args.peeringsMoved,
      ...(progress ? { onProgress: progress.listener } : {}),
      ...stackCacheOf(process.env),
    });
    progress?.done();
    reportSynth(result, args, (Date.now() - started) / 1000);
    return 0;
  } catch (e) {
    progress?.done();
    return reportFailure(e, outdir);
  }
}

/**
 * The stack cache (lib/synth/stack-cache-run.ts), on when the compiled app runs
 * (scripts/run-synth.cjs gives the code version and the cache directory), unless CSA_SYNTH_CACHE=0.
 */
export function stackCacheOf(env: NodeJS.ProcessEnv): { cache?: StackCacheOptions } {
  const { CSA_SYNTH_CACHE: switched, CSA_SYNTH_CODE_VERSION: codeVersion, CSA_SYNTH_CACHE_DIR: dir } = env;
  return switched !== '0' && codeVersion && dir ? { cache: { dir, codeVersion } } : {};
}

/** Prints what a successful synth did: notes and warnings on stderr, the summary on stdout. */
function reportSynth(result: SynthResult, { estatePath, outdir }: SynthArgs, seconds: number): void {
  if (result.replacedEstate)
    console.error(
      `note: ${outdir} held estate "${result.replacedEstate.estate}" (${result.replacedEstate.environment}); replaced by "${result.estate.estate}" (${result.estate.environment}). Each estate's own lock and state are untouched.`,
    );
  if (result.policy.warnings.length) console.error(formatWarnings(result.policy.warnings));
  // Only when asked for threads: says whether worker threads did the work (lib/synth/synth-threads.ts).
  if (process.env.CSA_SYNTH_WORKERS)
    console.error(
      `note: synthesized on ${result.threads.count} thread${result.threads.count === 1 ? '' : 's'} (CSA_SYNTH_WORKERS=${process.env.CSA_SYNTH_WORKERS}); worker threads wrote ${result.threads.stacksOnWorkers} of ${result.stacks.length} stacks`,
    );
  // On stderr: the summary on stdout is the same whatever the cache held.
  if (result.cache)
    console.error(
      `note: stack cache: reused ${result.cache.reused} of ${result.stacks.length} stacks, built ${result.cache.built} (CSA_SYNTH_CACHE=0 turns it off)`,
    );
  const { manifest, digests } = result.written;
  const facts = summarizeDigests(manifest, digests, result.stacks);
  process.stderr.write(formatProviderBudgetWarning(stacksOverProviderBudget(facts), result.peerings.pendingMove));
  const shownOutdir = path.isAbsolute(outdir) && !path.relative(process.cwd(), outdir).startsWith('..') ? path.relative(process.cwd(), outdir) || '.' : outdir;
  process.stderr.write(formatStateMoves(statesToMove(result.estate, result.stacks, process.cwd())));
  if (process.env.CDKTF_CONTEXT_JSON !== undefined) {
    // Under the cdktf CLI (cdktf synth, list, diff, deploy) the CLI reports the stacks itself: one line, and the lock when it changed.
    process.stdout.write(`Synthesized estate "${result.estate.estate}" (${estatePath}): ${result.stacks.length} stacks.\n`);
    if (result.lock.status !== 'unchanged') process.stdout.write(formatLockSummary(result.lock, result.retirements));
    return;
  }
  process.stdout.write(
    formatSynthSummary(facts, {
      outdir: shownOutdir,
      estate: result.estate.estate,
      estatePath,
      seconds,
      defaultEstatePath: DEFAULT_ESTATE,
      defaultOutdir: DEFAULT_OUTDIR,
      diagram: { html: DIAGRAM_FILES.html, svg: DIAGRAM_FILES.svg, seconds: result.diagram.milliseconds / 1000 },
      workflow: result.workflow && path.relative(result.outdir, result.workflow).split(path.sep).join('/'),
      workflowSkipped: result.workflowSkipped,
      changes: result.changes,
      suppressed: result.policy.suppressed,
      ...enterpriseHubSummary(result.estate),
    }),
  );
  process.stdout.write(`\n${formatLockSummary(result.lock, result.retirements)}`);
}

/** Connectivity mode existing-hub: the hub side of every zone's peering, for the summary. */
function enterpriseHubSummary(estate: Estate): Pick<SummaryContext, 'enterpriseHub'> {
  const hub = estate.managementZone.connectivity;
  if (hub.mode !== 'existing-hub') return {};
  return {
    enterpriseHub: {
      hubVirtualNetworkId: hub.hub.virtualNetworkId,
      createdByStacks: hub.createHubPeerings,
      hubSidePeerings: hubPeerings(estate).map((peering) => ({ stack: peering.stack, command: hubSidePeeringCommand(hub, peering) })),
    },
  };
}

/** Says what went wrong and in which state it left the output directory; returns the exit code. */
function reportFailure(e: unknown, outdir: string): number {
  if (e instanceof EstateValidationError) {
    console.error(`Invalid estate, nothing was written (${outdir} is unchanged).\n${e.message}`);
    return 1;
  }
  if (e instanceof EstateLockError || e instanceof FrozenLockError) {
    console.error(`Refused, nothing was written (${outdir} and the lock are unchanged): ${e.message}`);
    return 1;
  }
  if (e instanceof DataLossError) {
    console.error(`Refused, nothing was written (${outdir} is unchanged): ${e.message}`);
    return 1;
  }
  if (e instanceof PolicyViolationError) {
    console.error(`Policy check failed, nothing was written (${outdir} is unchanged).\n${e.message}`);
    if (e.report.warnings.length) console.error(formatWarnings(e.report.warnings));
    return 1;
  }
  // The errors above all come before the new output is swapped in; for the others, ask the
  // output directory code what state the output was left in, so the message tells the truth.
  const lockUpdated = (e as { lockUpdated?: string }).lockUpdated;
  if (lockUpdated)
    console.error(
      `note: the estate lock ${lockUpdated} was updated before this failure; it holds the new allocations, and the next synth writes the same output from it.`,
    );
  if (e instanceof OutputDirError) {
    if (e.state === 'unchanged') {
      console.error(`Cannot write ${outdir}: ${e.message}. Nothing was written (${outdir} is unchanged).`);
      return 1;
    }
    console.error(`Synthesis failed while replacing ${outdir}: ${e.message}`);
    return 2;
  }
  if (outputStateOf(e, outdir) === 'written') {
    console.error(`Synthesis failed after the new output was written to ${outdir}: ${(e as Error).stack ?? e}`);
    return 2;
  }
  console.error(`Synthesis failed, nothing was written (${outdir} is unchanged): ${(e as Error).stack ?? e}`);
  return 2;
}
