/**
 * What a zone's governance is made of: the shapes the estate model resolves and the
 * governance constructs take as props. They live below both (README "Architecture"), so the
 * two sides agree on one definition without the constructs knowing the estate file.
 */
import type { AssignmentEffect, PolicyEffect, RemediationRole } from '../catalog/policy-effects';
import type { GovernanceNames } from '../naming/governance-names';

/** Entra groups (object ids) per role on a whole landing zone. */
export interface ZoneAccess {
  readonly zoneAdmins: readonly string[];
  readonly dataEngineers: readonly string[];
  readonly dataReaders: readonly string[];
}

/** Entra groups (object ids) per role on one integration or product. */
export interface ItemAccess {
  readonly dataEngineers: readonly string[];
  readonly dataReaders: readonly string[];
}

/** A monthly budget: its amount and who is alerted at which thresholds. */
export interface Budget {
  /** Monthly amount in the billing account's currency. */
  readonly amount: number;
  readonly contactEmails: readonly string[];
  /** Alert thresholds, in percent of the amount (actual spend). */
  readonly thresholds: readonly number[];
}

/** An extra assignment of a built-in definition or initiative on the zone subscription. */
export interface PolicyAssignmentSpec {
  readonly name: string;
  /** Full id: `/providers/Microsoft.Authorization/policy(Set)Definitions/<guid>`. */
  readonly definitionId: string;
  /**
   * The definition's parameter values.
   * @default none (the definition's defaults)
   */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * Sets the definition's `effect` parameter; DeployIfNotExists and Modify get a system-assigned identity.
   * @default the definition's default
   */
  readonly effect?: AssignmentEffect;
  /**
   * Roles the assignment's identity gets at the zone subscription (DeployIfNotExists and Modify).
   * @default none
   */
  readonly roles?: readonly RemediationRole[];
}

/** A temporary exemption from one of the zone's assignments. */
export interface PolicyExemptionSpec {
  /** `baseline` or the name of one of the zone's assignments. */
  readonly assignment: string;
  /**
   * Reference ids of the initiative's policies it covers.
   * @default the whole assignment
   */
  readonly policies?: readonly string[];
  readonly reason: string;
  /** The last day it applies, YYYY-MM-DD (UTC). */
  readonly expiresOn: string;
  readonly category: 'Waiver' | 'Mitigated';
}

/** A zone's Azure Policy: the baseline's effect, extra assignments and exemptions. */
export interface ZonePolicy {
  /** Effect of the baseline initiative's Audit/Deny definitions. */
  readonly effect: PolicyEffect;
  readonly assignments: readonly PolicyAssignmentSpec[];
  readonly exemptions: readonly PolicyExemptionSpec[];
}

/** What a zone's governance is made of (docs/governance.md). */
export interface ZoneGovernanceSpec {
  readonly policy: ZonePolicy;
  /** Its policy and budget names. */
  readonly names: GovernanceNames;
  /**
   * A budget on the zone subscription.
   * @default none
   */
  readonly budget?: Budget;
}
