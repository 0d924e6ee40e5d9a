/**
 * The policy rule pack's vocabulary (after cdk-nag v2): a rule is a pure function of one
 * synthesized resource that says compliant, noncompliant or not applicable, and carries
 * what it checks, why, and how to fix a finding.
 */

/** `error` fails the synth; `warning` is printed and the synth goes on. */
export type Severity = 'error' | 'warning';

export type RuleResult = 'compliant' | 'noncompliant' | 'not-applicable';

/**
 * One resource as Terraform receives it: the resolved configuration of `cdk.tf.json`
 * (snake_case keys, raw values, max-one blocks as objects, references to other resources
 * as `"${type.name.attr}"` strings), without cdktf's `//` metadata.
 *
 * Rules check literal values. A security setting left out, or computed from a reference,
 * is noncompliant: what is not written cannot be checked, and provider defaults change
 * between major versions (azurerm 3.x defaulted storage `min_tls_version` to TLS1_0).
 */
export interface PolicyResource {
  /** Terraform resource type, e.g. `azurerm_storage_account`. */
  readonly type: string;
  /** Terraform address within its stack: `<type>.<logical id>`. */
  readonly address: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface RuleInfo {
  /** `CSA-<area>-<nnn>`, stable: suppressions and docs refer to it. */
  readonly id: string;
  readonly severity: Severity;
  /** Terraform resource types the rule applies to; other types are never shown to it. */
  readonly resourceTypes: readonly string[];
  /** What a compliant resource looks like, as one sentence without a final period. */
  readonly title: string;
  /** Why the rule exists: the risk a finding leaves open. */
  readonly rationale: string;
  /** What to change, without a final period. */
  readonly fix: string;
}

/** Judges one resource on its own configuration. */
export interface ResourceRule extends RuleInfo {
  readonly scope: 'resource';
  check(resource: PolicyResource): RuleResult;
}

/**
 * Judges a resource by what else its stack holds (e.g. a diagnostic setting pointing at it).
 * `prepare` sees every resource of the stack once, so the per-resource verdict stays cheap.
 */
export interface StackRule extends RuleInfo {
  readonly scope: 'stack';
  prepare(stack: readonly PolicyResource[]): (resource: PolicyResource) => RuleResult;
}

export type PolicyRule = ResourceRule | StackRule;

export const verdict = (compliant: boolean): RuleResult => (compliant ? 'compliant' : 'noncompliant');
