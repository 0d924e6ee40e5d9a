/**
 * cdktf records a complete stack trace (Error.stackTraceLimit raised to the maximum) for every
 * lazy token it creates, and uses it only in the message of a token that later fails to
 * resolve. At 50 landing zones that capture is 15-20% of synth. The CLI turns it off; set
 * CSA_TOKEN_STACK_TRACES=1 to get the traces back when debugging such an error.
 */
let skipped = false;

export function skipTokenStackTraces(): void {
  skipped = true;
  // Callers read the function from this module's exports at call time, so replacing it there works.
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };
  stackTrace.captureStackTrace = () => [];
}

/** Whether skipTokenStackTraces ran in this thread: synth worker threads then do the same (lib/synth/synth-worker.ts). */
export function tokenStackTracesSkipped(): boolean {
  return skipped;
}
