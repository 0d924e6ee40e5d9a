import { App } from 'cdktf';
import * as path from 'path';
import { loadEstateFile } from '../estate/load';
import { Estate } from '../estate/model';
import { addEstateStacks, EstateStacks } from '../../stacks/estate-app';
import { DiagramDrawing, DIAGRAM_FILES, startEstateDiagram, writeEstateDiagram } from '../diagram';
import type { ZoneLayoutCacheOptions } from '../diagram/zone-layout-cache';
import { PolicyReport, PolicyViolationError } from '../policy/findings';
import { checkSynthesizedApp } from '../policy/policy-check';
import { withStagedOutput } from './output-dir';
import { synthDeployWorkflow } from './deploy-workflow';
import { addressChanges, DataLossError, StackAddressChanges } from '../lock/address-guard';
import { EstateLock, estateLockPath, isSchemaValid, readEstateLock, serializeEstateLock, writeEstateLock } from '../estate/lock/estate-lock';
import { KnownLocks } from './known-locks';
import { FrozenLockError } from '../lock/frozen-lock-error';
import type { LockOutcome } from '../lock/lock-summary';
import { lockedDataLosses } from '../lock/lock-guard';
import { lockChanges, nextEstateLock, unchangedZones } from '../lock/lock-update';
import { planRetirements, Retirements } from '../lock/retirement';
import { PeeringPlan, planPeerings } from '../lock/peering-layout';
import { readManifest, readWrittenStacks, StackJson, WrittenDigests } from '../lock/written-stacks';
import { StackDigest, stackDigest } from '../lock/stack-digest';
import { OutputEstate, readOutputEstate, sameEstate, writeOutputEstate } from './output-estate';
import { ProgressListener } from './progress';
import { installFastResolve, installFastSnakeCase } from './fast-resolve';
import { installFastConstructs } from './fast-constructs';
import { synthesizeInParallel, SynthThreads } from './parallel-synth';
import { synthThreads } from './synth-threads';
import { forgettingTokens } from './token-scope';
import { StackCacheCount, StackCacheOptions, zoneLayoutCache } from './stack-cache-run';

export interface SynthOptions {
  /** The estate file (YAML or JSON). */
  readonly estatePath: string;
  /** @default cdktf.out (or CDKTF_OUTDIR when the cdktf CLI runs the app) */
  readonly outdir: string;
  /** Where relative state directories are resolved from. @default the current directory */
  readonly projectDir?: string;
  /** See StagedOutputOptions.keepRemovedStacks. @default false */
  readonly keepRemovedStacks?: boolean;
  /**
   * Lay the estate diagram out on a worker thread while the stacks are synthesized.
   * @default true for the first synth in a process, false after (see startEstateDiagram)
   */
  readonly diagramOnWorkerThread?: boolean;
  /**
   * Write the output even when a data store would be dropped, replaced or moved; retired
   * items and zones then lose their data too (no `removed` blocks). @default false
   */
  readonly allowDataLoss?: boolean;
  /**
   * Fail, writing nothing, when the estate lock would change (what CI uses, like `npm ci`).
   * @default false
   */
  readonly frozenLock?: boolean;
  /**
   * Every stack was applied since peerings began to move into peering stacks (a lock that
   * predates them): the stacks drop the `removed` and `import` blocks and the providers the
   * move needed (lib/lock/peering-layout.ts). @default false
   */
  readonly peeringsMoved?: boolean;
  /** Where the estate lock lives. @default beside the estate file, `<name>.lock.json` */
  readonly lockPath?: string;
  /** Told at each step of a long synth (lib/synth/progress.ts). @default none */
  readonly onProgress?: ProgressListener;
  /**
   * Threads that build and write the stacks; 1 is single-threaded (lib/synth/synth-threads.ts).
   * The output is the same. @default CSA_SYNTH_WORKERS, else 1
   */
  readonly threads?: number;
  /**
   * The stack cache (lib/synth/stack-cache-run.ts): stacks whose recorded reads read the same
   * from this estate are taken from it, the others are built and stored. The output is the
   * same. `npm run synth` turns it on (CSA_SYNTH_CACHE=0 turns it off). @default off
   */
  readonly cache?: StackCacheOptions;
  /**
   * Where the estate diagram's zone layouts are kept between synths (lib/diagram/zone-layout-cache.ts),
   * without the stack cache (the tests' synth helper shares one). The diagram is the same.
   * @default the stack cache's, with `cache`; otherwise none
   */
  readonly layoutCache?: ZoneLayoutCacheOptions;
}

export interface SynthResult {
  readonly estate: Estate;
  readonly outdir: string;
  readonly stacks: readonly string[];
  /**
   * The estate diagram written next to the stacks, and what it cost synth: the time the main
   * thread spent on it (its ELK layout runs on a worker thread meanwhile).
   */
  readonly diagram: { readonly svg: string; readonly html: string; readonly milliseconds: number };
  /** The rule pack's verdict: no errors (those throw PolicyViolationError), warnings to show, suppressed findings. */
  readonly policy: PolicyReport;
  /** The generated GitHub Actions deploy workflow; only with the azurerm backend (CI runners keep no local state). */
  readonly workflow?: string;
  /** Why no workflow was written (the local backend, an estate outside the project, GitHub's limits). */
  readonly workflowSkipped?: string;
  /** Resource addresses added and removed per stack against the previous output (empty on a first synth). */
  readonly changes: readonly StackAddressChanges[];
  readonly lock: LockOutcome;
  /** Integrations, products and zones retired by this synth or before (docs/retirement.md). */
  readonly retirements: Retirements;
  /** Peerings still moving into peering stacks, and the peering stacks kept (lib/lock/peering-layout.ts). */
  readonly peerings: PeeringPlan;
  /** Set when the output directory held another estate (or environment), which this synth replaced. */
  readonly replacedEstate?: OutputEstate;
  /**
   * manifest.json and every stack's digest (lib/lock/stack-digest.ts: counts, addresses, moves,
   * data store identities, providers), taken from each stack's JSON once, by the thread that
   * wrote it, and shared by the data-loss guard, the lock and the summary. The stacks' full
   * JSON is in the output directory (readSynthOutput).
   */
  readonly written: WrittenDigests;
  /** The threads that built and wrote the stacks (1: this one alone), and how many stacks worker threads wrote. */
  readonly threads: SynthThreads;
  /** With SynthOptions.cache: how many stacks came from the cache and how many were built. */
  readonly cache?: StackCacheCount;
}

/**
 * Validates the estate (throwing EstateValidationError before anything is written),
 * builds one stack per zone and synthesizes them into a staging directory that
 * replaces `outdir` only when everything succeeded.
 */
export function synthesizeEstate(options: SynthOptions): SynthResult {
  // A process that synthesizes again would otherwise keep every earlier synth's app (token-scope.ts).
  return forgettingTokens(() => synthesize(options));
}

function synthesize(options: SynthOptions): SynthResult {
  installFastResolve();
  installFastSnakeCase();
  installFastConstructs();
  const lockPath = options.lockPath ?? estateLockPath(options.estatePath);
  const knownLocks = options.cache && new KnownLocks(path.join(options.cache.dir, 'locks'), options.cache.codeVersion);
  const lock = readEstateLock(lockPath, knownLocks ? { known: (text) => knownLocks.has(text) } : {});
  const estate = loadEstateFile(options.estatePath, { lock, lockFile: lockPath });
  const retirements = planRetirements(lock, estate, { allowDataLoss: options.allowDataLoss });
  const peerings = planPeerings(lock, estate, { peeringsMoved: options.peeringsMoved });
  const outdir = path.resolve(options.outdir);
  const previousEstate = readOutputEstate(outdir);
  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  // The diagram's layout runs on a worker thread while the stacks are synthesized.
  const layoutCache = options.layoutCache ?? (options.cache && zoneLayoutCache(options.cache));
  const drawing = startEstateDiagram(estate, { threaded: options.diagramOnWorkerThread, ...(layoutCache ? { layoutCache } : {}) });
  const run: SynthRun = { options, estate, lock, lockPath, knownLocks, retirements, peerings, outdir, projectDir, previousEstate, drawing, lockWritten: false };
  let staged: StagedSynth;
  try {
    staged = withStagedOutput(outdir, (staging) => writeStaged(staging, run), { keepRemovedStacks: options.keepRemovedStacks });
  } catch (e) {
    if (run.lockWritten && e instanceof Error) Object.assign(e, { lockUpdated: lockPath });
    throw e;
  } finally {
    drawing.cancel();
  }
  return {
    estate,
    outdir,
    stacks: staged.stacks,
    diagram: { svg: path.join(outdir, DIAGRAM_FILES.svg), html: path.join(outdir, DIAGRAM_FILES.html), milliseconds: staged.diagramMs },
    policy: staged.policy,
    workflow: staged.workflow && path.join(outdir, staged.workflow),
    ...(staged.workflowSkipped ? { workflowSkipped: staged.workflowSkipped } : {}),
    changes: staged.changes,
    written: staged.written,
    threads: staged.threads,
    ...(staged.cache ? { cache: staged.cache } : {}),
    lock: staged.lockOutcome,
    retirements,
    peerings,
    ...(previousEstate && !sameEstate(previousEstate, estate) ? { replacedEstate: previousEstate } : {}),
  };
}

/** What one synth works from, shared by its steps. */
interface SynthRun {
  readonly options: SynthOptions;
  readonly estate: Estate;
  readonly lock: EstateLock | undefined;
  readonly lockPath: string;
  /** With the stack cache: lock texts known to pass the lock's schema (known-locks.ts). */
  readonly knownLocks: KnownLocks | undefined;
  readonly retirements: Retirements;
  readonly peerings: PeeringPlan;
  readonly outdir: string;
  readonly projectDir: string;
  readonly previousEstate: OutputEstate | undefined;
  readonly drawing: DiagramDrawing;
  /** Set once the estate lock was written, so a later failure can say so. */
  lockWritten: boolean;
}

/** What was written into the staging directory. */
interface StagedSynth {
  readonly stacks: string[];
  readonly diagramMs: number;
  readonly policy: PolicyReport;
  readonly workflow?: string;
  readonly workflowSkipped?: string;
  readonly changes: StackAddressChanges[];
  readonly written: WrittenDigests;
  readonly lockOutcome: LockOutcome;
  readonly threads: SynthThreads;
  readonly cache?: StackCacheCount;
}

/** Builds and synthesizes the stacks into `staging`, checks them, and writes what goes beside them. */
function writeStaged(staging: string, run: SynthRun): StagedSynth {
  const { options, estate, outdir, previousEstate } = run;
  const progress = options.onProgress ?? (() => {});
  const { app, built, threads, cache, digests, parsed } = buildAndWrite(staging, run, progress);
  progress('Checking the stacks (policy rules, data-loss guard)');
  // The digests (each stack parsed once, by the thread that wrote it) serve the data-loss guard, the lock and the summary.
  const written: WrittenDigests = { manifest: readManifest(staging), digests };
  // The rule pack judges what was just written; an error throws here, so the staging directory is discarded.
  const policy = checkSynthesizedApp(app, estate.suppressions, parsed);
  if (policy.errors.length) throw new PolicyViolationError(policy);
  // Refuse to destroy or replace a data store the lock records unless told to (lib/lock/lock-guard.ts).
  const losses = lockedDataLosses(run.lock, estate, written, run.retirements);
  if (losses.length && !options.allowDataLoss) throw new DataLossError(losses);
  const nextLock = planNextLock(run, written);
  // For the summary only: what changed against the output directory, when it holds this
  // estate. Another estate's output is simply replaced (the guard judges against the lock).
  const changes = previousEstate && !sameEstate(previousEstate, estate) ? [] : addressChanges(outdir, written, staging);
  writeOutputEstate(staging, estate);
  // Into the staging directory too, so the diagram always matches the stacks next to it.
  options.onProgress?.('Drawing the estate diagram');
  const diagram = run.drawing.finish();
  writeEstateDiagram(diagram, staging);
  const stacks = [built.managementZone, ...built.landingZones, ...built.peeringStacks, ...built.retiredZones];
  const { file: workflow, skipped: workflowSkipped } = synthDeployWorkflow(
    estate,
    stacks,
    staging,
    path.relative(run.projectDir, path.resolve(options.estatePath)),
  );
  const lockOutcome = writeNextLock(run, nextLock);
  return {
    changes,
    workflow,
    workflowSkipped,
    stacks: stacks.map((s) => s.node.id),
    diagramMs: diagram.timings.start + diagram.timings.finish,
    policy,
    written,
    lockOutcome,
    threads,
    ...(cache ? { cache } : {}),
  };
}

/** Builds the stacks and writes them into `staging` (cdktf synth), on one thread or several (parallel-synth.ts). */
function buildAndWrite(
  staging: string,
  run: SynthRun,
  progress: ProgressListener,
): {
  app: App;
  built: EstateStacks;
  threads: SynthThreads;
  cache?: StackCacheCount;
  digests: Readonly<Record<string, StackDigest>>;
  /** Stacks parsed here for the rule pack (on one thread; with shares, each thread judged its own). */
  parsed?: Readonly<Record<string, StackJson>>;
} {
  const { estate, retirements, peerings } = run;
  const location = { outdir: run.outdir, projectDir: run.projectDir };
  const peeringStacks = (estate.network.topology === 'peering' ? estate.landingZones.length : 0) + peerings.keptStacks.length;
  const threads = synthThreads(run.options.threads, process.env, 1 + estate.landingZones.length + peeringStacks + retirements.zones.length);
  if (threads > 1 || run.options.cache) {
    progress(`Building and writing the stacks${threads > 1 ? ` on ${threads} threads` : ''} (cdktf synth${run.options.cache ? ', stack cache' : ''})`);
    return synthesizeInParallel({ estate, retirements, peerings, location, staging }, threads, run.options.cache);
  }
  const app = new App({ outdir: staging, stackTraces: false });
  const built = addEstateStacks(app, estate, location, {
    retirements,
    peerings,
    onZone: (n, total) => progress(`Building stacks: ${n} of ${total} landing zones`),
  });
  progress('Writing Terraform JSON (cdktf synth)');
  app.synth();
  // Parsed once here for the rule pack and the digests.
  const { stacks: parsed } = readWrittenStacks(staging);
  const digests = Object.fromEntries(Object.entries(parsed).map(([name, json]) => [name, stackDigest(json)]));
  return { app, built, threads: { count: 1, stacksOnWorkers: 0 }, digests, parsed };
}

interface NextLock {
  readonly text: string;
  readonly changed: boolean;
  readonly lines: string[];
  /** Whether the text passes the lock's schema (only with known locks to remember it: undefined otherwise). */
  readonly valid?: boolean;
}

/** The lock this synth leads to; with frozenLock, refuses (FrozenLockError) when it differs from the current one. */
function planNextLock(run: SynthRun, written: WrittenDigests): NextLock {
  const { lock } = run;
  const nextLock = nextEstateLock(lock, run.estate, written, run.retirements, run.peerings);
  const text = serializeEstateLock(nextLock);
  const changed = !lock || serializeEstateLock(lock) !== text;
  if (!changed) return { text, changed, lines: [], valid: true };
  const unchanged = unchangedZones(lock, nextLock);
  const lines = lockChanges(lock, nextLock, unchanged);
  if (run.options.frozenLock) throw new FrozenLockError(run.lockPath, lines);
  // The zones equal to the current lock's passed its schema as it was read: only the others are checked.
  return { text, changed, lines, ...(run.knownLocks ? { valid: isSchemaValid(nextLock, unchanged) } : {}) };
}

/**
 * Writes the lock, last, once everything else succeeded: the lock is what the next run builds on.
 * Before the swap, not after: a lock ahead of its output is harmless (the next synth writes the
 * same output from it), while an output deployed ahead of its lock could let allocations move.
 */
function writeNextLock(run: SynthRun, next: NextLock): LockOutcome {
  if (next.changed) {
    writeEstateLock(run.lockPath, next.text);
    run.lockWritten = true;
  }
  if (next.valid) run.knownLocks?.add(next.text);
  return { path: run.lockPath, status: !run.lock ? 'created' : next.changed ? 'updated' : 'unchanged', changes: next.lines };
}
