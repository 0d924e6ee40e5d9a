import { SubscriptionPolicyExemption } from '@cdktf/provider-azurerm/lib/subscription-policy-exemption';
import { Construct } from 'constructs';
import type { PolicyExemptionSpec } from '../../contract/governance';

export interface PolicyExemptionsProps {
  readonly subscriptionId: string;
  readonly exemptions: readonly PolicyExemptionSpec[];
  /** Assignment ids by estate-file name (`baseline` and the extra assignments). */
  readonly assignmentIds: Readonly<Record<string, string>>;
  /** Azure names, in the order of `exemptions`. */
  readonly names: readonly string[];
}

/**
 * A zone's temporary exemptions (`governance.policy.exemptions`): each names its
 * assignment, optionally the baseline policies it covers, a reason (the description) and
 * the day it ends (validation rejects exemptions without either, and expired ones).
 */
export class PolicyExemptions extends Construct {
  readonly exemptions: readonly SubscriptionPolicyExemption[];

  constructor(scope: Construct, id: string, props: PolicyExemptionsProps) {
    super(scope, id);
    this.exemptions = props.exemptions.map((spec, index) => {
      const assignmentId = props.assignmentIds[spec.assignment];
      if (!assignmentId) throw new Error(`internal: exemption ${index} names unknown assignment "${spec.assignment}" (validation should have said so)`);
      return new SubscriptionPolicyExemption(this, `${spec.assignment}-${index + 1}`, {
        name: props.names[index],
        displayName: `${spec.assignment}: ${spec.category.toLowerCase()} until ${spec.expiresOn}`,
        description: spec.reason.trim(),
        subscriptionId: `/subscriptions/${props.subscriptionId}`,
        policyAssignmentId: assignmentId,
        exemptionCategory: spec.category,
        // Through the end of the day named (UTC).
        expiresOn: `${spec.expiresOn}T23:59:59Z`,
        ...(spec.policies?.length ? { policyDefinitionReferenceIds: [...spec.policies] } : {}),
      });
    });
  }
}
