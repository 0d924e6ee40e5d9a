/**
 * Progress of a long synth on a terminal (spec section 6): one line on stderr, rewritten at
 * each step, shown only once the run has taken more than a moment, and cleared at the end.
 * Under CI, the cdktf CLI or a pipe, nothing is printed: their output stays machine-friendly.
 */
export type ProgressListener = (step: string) => void;

export interface TerminalProgress {
  readonly listener: ProgressListener;
  /** Clears the progress line, if one was shown. */
  done(): void;
}

/** Steps printed only after this long, so short runs stay quiet. */
const QUIET_MS = 1500;

export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = Date.now,
): TerminalProgress | undefined {
  if (!stream.isTTY || env.CI || env.CDKTF_CONTEXT_JSON !== undefined) return undefined;
  const started = now();
  let shown = false;
  return {
    listener: (step) => {
      const elapsed = now() - started;
      if (elapsed < QUIET_MS) return;
      shown = true;
      stream.write(`\r\x1b[2K${step} (${(elapsed / 1000).toFixed(1)} s)`);
    },
    done: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
