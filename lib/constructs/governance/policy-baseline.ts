import { PolicySetDefinition } from '@cdktf/provider-azurerm/lib/policy-set-definition';
import { SubscriptionPolicyAssignment } from '@cdktf/provider-azurerm/lib/subscription-policy-assignment';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyEffect } from '../../catalog/policy-effects';
import { assignRoles, GovernanceGrant, roleKey } from './governance-roles';
import { BASELINE_DEFINITIONS, BaselineDefinition, EffectMode, INHERIT_TAG_DEFINITION, INHERITED_TAGS, tagReferenceId } from '../../catalog/policy-definitions';

/** The Log Analytics workspace's subscription and provider, when it lies in another subscription than the zone. */
export interface WorkspaceSubscription {
  readonly subscriptionId: string;
  readonly provider: TerraformProvider;
}

export interface PolicyBaselineProps {
  readonly subscriptionId: string;
  readonly location: string;
  /**
   * The regions the baseline's allowed-locations policy admits in the subscription: every
   * region of the zones sharing it (two assignments on one subscription admit only what both admit).
   * @default [location]
   */
  readonly allowedLocations?: readonly string[];
  readonly names: { readonly initiative: string; readonly assignment: string };
  /** Shown in the portal: e.g. `relecloud prod billing`. */
  readonly title: string;
  /** Effect of the Audit/Deny definitions in this zone. */
  readonly effect: PolicyEffect;
  /** Where activity logs and Key Vault logs go (the management zone's workspace). */
  readonly logAnalyticsWorkspaceId: string;
  /**
   * The workspace's subscription and provider, when it is another subscription (landing zones).
   * @default the zone subscription, where the identity's subscription roles cover it
   */
  readonly logAnalyticsWorkspace?: WorkspaceSubscription;
  /** Resource groups Azure manages for a service (Databricks, Synapse, AKS nodes, Purview): outside the assignment. */
  readonly notScopes: readonly string[];
}

const INITIATIVE_PARAMETERS = {
  effect: {
    type: 'String',
    allowedValues: ['Audit', 'Deny', 'Disabled'],
    defaultValue: 'Deny',
    metadata: { displayName: 'Effect', description: 'Effect of the Audit/Deny definitions (governance.policy.effect).' },
  },
  listOfAllowedLocations: {
    type: 'Array',
    metadata: { displayName: 'Allowed locations', description: 'The estate region and global.', strongType: 'location' },
  },
  logAnalytics: {
    type: 'String',
    metadata: {
      displayName: 'Log Analytics workspace',
      description: 'Where deployed diagnostic settings send logs.',
      strongType: 'omsWorkspace',
      assignPermissions: true,
    },
  },
  dineEffect: {
    type: 'String',
    allowedValues: ['DeployIfNotExists', 'Disabled'],
    defaultValue: 'DeployIfNotExists',
    metadata: { displayName: 'Deploy-if-not-exists effect' },
  },
};

/** The definition's parameter values inside the initiative. */
function parameterValues(definition: BaselineDefinition): Record<string, { value: unknown }> {
  const effect: Partial<Record<EffectMode, unknown>> = {
    zone: "[parameters('effect')]",
    'audit-only': 'Audit',
    'audit-if-not-exists': 'AuditIfNotExists',
    'deploy-if-not-exists': "[parameters('dineEffect')]",
  };
  const values: Record<string, { value: unknown }> = {};
  if (effect[definition.effect] !== undefined) values.effect = { value: effect[definition.effect] };
  if (definition.referenceId === 'allowed-locations') values.listOfAllowedLocations = { value: "[parameters('listOfAllowedLocations')]" };
  if (definition.effect === 'deploy-if-not-exists') values.logAnalytics = { value: "[parameters('logAnalytics')]" };
  return values;
}

/**
 * The zone's baseline initiative (a policy set of built-in definitions, docs/governance.md)
 * defined in and assigned to the zone subscription, with the zone's effect. The assignment
 * has a system-assigned identity for its deploy-if-not-exists and modify definitions,
 * with the roles those definitions declare.
 */
export class PolicyBaseline extends Construct {
  readonly initiative: PolicySetDefinition;
  readonly assignment: SubscriptionPolicyAssignment;

  constructor(scope: Construct, id: string, props: PolicyBaselineProps) {
    super(scope, id);
    const definitions: BaselineDefinition[] = [
      ...BASELINE_DEFINITIONS,
      ...INHERITED_TAGS.map((tag) => ({ ...INHERIT_TAG_DEFINITION, referenceId: tagReferenceId(tag) })),
    ];
    this.initiative = new PolicySetDefinition(this, 'initiative', {
      name: props.names.initiative,
      displayName: `Cloud-scale analytics baseline (${props.title})`,
      description:
        'Built-in definitions every zone of the estate is held to: region, private networking, Key Vault protection, diagnostics and tag inheritance (docs/governance.md).',
      policyType: 'Custom',
      metadata: JSON.stringify({ category: 'Cloud-scale analytics', version: '1.0.0' }),
      parameters: JSON.stringify(INITIATIVE_PARAMETERS),
      policyDefinitionReference: definitions.map((definition) => {
        const tag = INHERITED_TAGS.find((t) => tagReferenceId(t) === definition.referenceId);
        const values = tag ? { tagName: { value: tag } } : parameterValues(definition);
        return { policyDefinitionId: definition.definitionId, referenceId: definition.referenceId, parameterValues: JSON.stringify(values) };
      }),
    });

    const subscription = `/subscriptions/${props.subscriptionId}`;
    this.assignment = new SubscriptionPolicyAssignment(this, 'assignment', {
      name: props.names.assignment,
      displayName: `Cloud-scale analytics baseline (${props.title}, ${props.effect})`,
      description: `Baseline initiative of the zone, Audit/Deny definitions set to ${props.effect} (governance.policy.effect).`,
      subscriptionId: subscription,
      policyDefinitionId: this.initiative.id,
      location: props.location,
      identity: { type: 'SystemAssigned' },
      notScopes: props.notScopes.map((rg) => `${subscription}/resourceGroups/${rg}`),
      parameters: JSON.stringify({
        effect: { value: props.effect },
        listOfAllowedLocations: { value: [...(props.allowedLocations ?? [props.location]), 'global'] },
        logAnalytics: { value: props.logAnalyticsWorkspaceId },
      }),
    });

    // The roles the deploy-if-not-exists and modify definitions declare (roleDefinitionIds), once each, on the zone subscription.
    const roles = [...new Set(definitions.flatMap((d) => d.roles ?? []))].sort();
    const principalId = this.assignment.identity.principalId;
    const grants: Record<string, GovernanceGrant> = Object.fromEntries(
      roles.map((role) => [
        roleKey(role),
        { role, principalId, principalType: 'ServicePrincipal' as const, scope: subscription, subscriptionId: props.subscriptionId },
      ]),
    );
    // Deployed diagnostic settings write to the management zone's workspace: the identity needs it there too.
    if (props.logAnalyticsWorkspace) {
      grants['log-analytics-contributor-workspace'] = {
        role: 'Log Analytics Contributor',
        principalId,
        principalType: 'ServicePrincipal',
        scope: props.logAnalyticsWorkspaceId,
        subscriptionId: props.logAnalyticsWorkspace.subscriptionId,
        provider: props.logAnalyticsWorkspace.provider,
      };
    }
    assignRoles(new Construct(this, 'remediation-roles'), grants);
  }
}
