import { TerraformResource, TerraformStack } from 'cdktf';

/** Builds the resource under test (and anything it needs) in a fresh stack. */
export type Build = (stack: TerraformStack) => TerraformResource;

/**
 * A rule's test cases: "Compliance" cases must come out compliant, each "Noncompliance"
 * case noncompliant, each "Not applicable" case not applicable.
 */
export interface RuleCases {
  readonly compliance: Readonly<Record<string, Build>>;
  readonly noncompliance: Readonly<Record<string, Build>>;
  readonly notApplicable?: Readonly<Record<string, Build>>;
}

/** Cases by rule id. */
export type CaseTable = Readonly<Record<string, RuleCases>>;
