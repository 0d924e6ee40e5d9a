import { IConstruct } from 'constructs';
import { RULE_IDS } from './rule-pack';

/** A reason must say something: "ok", "n/a" or "todo" are not reasons. */
export const MIN_REASON_LENGTH = 10;

/**
 * What does not count towards a reason's length: whitespace, controls and format characters
 * (zero-width spaces and joiners, bidirectional marks), separators, nonspacing and enclosing
 * marks on their own, and the characters fonts draw blank (Hangul fillers, braille blank).
 * Ten zero-width spaces passed `trim().length >= 10`.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** Characters of `text` a reader sees (code points, without INVISIBLE ones). */
export function visibleLength(text: string): number {
  return [...text.replace(INVISIBLE, '')].length;
}

/** Why `reason` is too short to be a reason, or undefined when it is long enough. */
export function reasonProblem(reason: string): string | undefined {
  const visible = visibleLength(reason);
  if (visible >= MIN_REASON_LENGTH) return undefined;
  return `must explain in at least ${MIN_REASON_LENGTH} characters why the finding is acceptable (it is kept next to the suppressed finding); it has ${visible} visible character${visible === 1 ? '' : 's'}, and whitespace and invisible characters such as zero-width spaces do not count`;
}

/** One entry of the estate file's `suppressions`. */
export interface EstateSuppression {
  /** A rule id of the policy pack, e.g. `CSA-ST-001`. */
  readonly rule: string;
  /** `dmlz` or `dlz-<landing zone name>`. */
  readonly stack: string;
  /** A Terraform address in the stack, `*` and `?` as wildcards. */
  readonly address: string;
  readonly reason: string;
  /** `stack` when the address covers every resource of the stack (required then: suppression-schema.ts). */
  readonly scope?: 'stack';
  /** Where it is declared (`suppressions[<n>]`), for messages. */
  readonly path: string;
}

const METADATA_TYPE = 'csa:policy-suppression';

interface SuppressionMetadata {
  readonly rule: string;
  readonly reason: string;
}

/** A construct-API suppression in effect for a resource: where it was declared and why. */
export interface ConstructSuppression extends SuppressionMetadata {
  /** Path of the construct `suppressRule` was called on. */
  readonly constructPath: string;
}

/**
 * Accepts findings of `ruleId` on `construct` and everything below it, for the written
 * `reason` (at least 10 visible characters; it is kept next to the suppressed finding). Throws on
 * an unknown rule id or a missing reason, so a typo cannot silently suppress nothing.
 */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  if (!RULE_IDS.includes(ruleId)) {
    throw new Error(`suppressRule(${construct.node.path}): unknown rule id "${ruleId}"; see docs/policy-rules.md`);
  }
  const problem = typeof reason === 'string' ? reasonProblem(reason) : 'must be a string';
  if (problem) throw new Error(`suppressRule(${construct.node.path}, ${ruleId}): the reason ${problem}`);
  const data: SuppressionMetadata = { rule: ruleId, reason: reason.trim() };
  construct.node.addMetadata(METADATA_TYPE, data);
}

/** Suppressions declared on `construct` itself. */
export function declaredSuppressions(construct: IConstruct): ConstructSuppression[] {
  return construct.node.metadata
    .filter((entry) => entry.type === METADATA_TYPE)
    .map((entry) => ({ ...(entry.data as SuppressionMetadata), constructPath: construct.node.path }));
}

/** Suppressions in effect for `construct`: declared on it or on any of its scopes, innermost last. */
export function suppressionsOf(construct: IConstruct): ConstructSuppression[] {
  return construct.node.scopes.flatMap(declaredSuppressions);
}

/**
 * An address glob of the estate file's `suppressions`: `*` matches any run of characters
 * (dots included), `?` one character; everything else is literal.
 */
export function addressMatcher(glob: string): RegExp {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`);
}
