import { Severity } from './rule';

/** One resource failing one rule. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** The zone stack, e.g. `dlz-operations`. */
  readonly stack: string;
  /** Terraform address in the stack (`<type>.<logical id>`), or for an unused suppression what it named. */
  readonly address: string;
  readonly title: string;
  readonly fix: string;
}

/** A finding accepted by a suppression, with its written reason. */
export interface SuppressedFinding extends PolicyFinding {
  readonly reason: string;
  /** `suppressions[<n>]` in the estate file, or the construct path `suppressRule` was called on. */
  readonly suppressedBy: string;
}

export interface PolicyReport {
  readonly errors: readonly PolicyFinding[];
  readonly warnings: readonly PolicyFinding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/** `<rule id> <stack>/<terraform address>: <title>. Fix: <fix>` */
export function formatFinding(finding: PolicyFinding): string {
  return `${finding.ruleId} ${finding.stack}/${finding.address}: ${finding.title}. Fix: ${finding.fix}`;
}

/** Thrown after synth, before anything is swapped into the output directory, when a rule of severity error fails. */
export class PolicyViolationError extends Error {
  constructor(public readonly report: PolicyReport) {
    const count = report.errors.length;
    super(
      `${count} policy error${count === 1 ? '' : 's'} (rules: docs/policy-rules.md; accept one with a written reason in the estate file's suppressions)\n` +
        report.errors.map((finding) => `  ${formatFinding(finding)}`).join('\n'),
    );
    this.name = 'PolicyViolationError';
  }
}

/** Warning lines for stderr: printed, never fatal. */
export function formatWarnings(warnings: readonly PolicyFinding[]): string {
  return warnings.map((finding) => `policy warning: ${formatFinding(finding)}`).join('\n');
}
