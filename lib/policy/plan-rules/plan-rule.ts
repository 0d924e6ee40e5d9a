import { Severity } from '../rule';

/**
 * The parts of `terraform show -json <plan>` the plan rules read (format 1.x). Only what is
 * used is typed; everything else passes through untouched.
 */
export interface TerraformPlan {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, Change>>;
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly configuration?: { readonly root_module?: { readonly resources?: readonly ConfiguredResource[] } };
}

export interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  /** Set on the entry for a deposed object (left by a failed create-before-destroy). */
  readonly deposed?: string;
  /** Why Terraform deletes or replaces it, e.g. `delete_because_no_resource_config`, `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: Change;
}

export interface Change {
  /**
   * `["create"]`, `["update"]`, `["delete"]`, `["no-op"]`, `["read"]`, replacement as
   * `["delete","create"]` or `["create","delete"]`; `["forget"]` (Terraform 1.7+, a `removed`
   * block with `lifecycle { destroy = false }`) drops it from state and leaves it in Azure.
   */
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Mirrors `after`: `true` where the value is known only after apply. */
  readonly after_unknown?: unknown;
  readonly after_sensitive?: unknown;
}

/** A resource block of the configuration: `expressions` hold `constant_value` for literals. */
export interface ConfiguredResource {
  readonly address: string;
  readonly type: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

/** One problem a plan rule found: the address (or `output.<name>`, `var.<name>`) and what is wrong there. */
export interface PlanViolation {
  readonly address: string;
  readonly detail: string;
}

/**
 * A rule over a stack's plan: for what only the plan knows (values after provider
 * defaults, what Terraform is about to destroy, what ends up in plan files).
 */
export interface PlanRule {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly rationale: string;
  readonly fix: string;
  check(plan: TerraformPlan): PlanViolation[];
}
