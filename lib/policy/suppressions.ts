import { IConstruct } from 'constructs';
import { RULE_IDS } from './rule-pack';

/** A reason must say something: "ok", "n/a" or "todo" are not reasons. */
export const MIN_REASON_LENGTH = 10;

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
 * `reason` (at least 10 characters; it is kept next to the suppressed finding). Throws on
 * an unknown rule id or a missing reason, so a typo cannot silently suppress nothing.
 */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  if (!RULE_IDS.includes(ruleId)) {
    throw new Error(`suppressRule(${construct.node.path}): unknown rule id "${ruleId}"; see docs/policy-rules.md`);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`suppressRule(${construct.node.path}, ${ruleId}): the reason must explain in at least ${MIN_REASON_LENGTH} characters why the finding is acceptable`);
  }
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
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`);
}
