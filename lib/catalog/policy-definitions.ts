/**
 * The built-in Azure Policy definitions of every zone's baseline initiative, referenced by
 * their fixed ids (the same in every tenant). Each id was checked against the definition's
 * JSON in github.com/Azure/azure-policy (built-in-policies/policyDefinitions/...): display
 * name, parameters and allowed effects. docs/governance.md lists them.
 */
export const BUILT_IN_POLICY_PREFIX = '/providers/Microsoft.Authorization/policyDefinitions/';

/** How a definition's effect follows the zone's `governance.policy.effect`. */
export type EffectMode =
  /** Takes the zone's effect (Audit or Deny). */
  | 'zone'
  /** Audit/Deny definitions that would deny resources at creation (before their private endpoint exists): always Audit. */
  | 'audit-only'
  /** AuditIfNotExists only. */
  | 'audit-if-not-exists'
  /** DeployIfNotExists: needs the assignment's identity and roles. */
  | 'deploy-if-not-exists'
  /** Modify: needs the assignment's identity and roles; no effect parameter. */
  | 'modify'
  /** The effect is fixed in the definition (no effect parameter). */
  | 'fixed';

export interface BaselineDefinition {
  /** Reference id inside the initiative; exemptions name it in `policies`. */
  readonly referenceId: string;
  readonly definitionId: string;
  readonly displayName: string;
  readonly effect: EffectMode;
  /** Roles the definition's `roleDefinitionIds` declare (DeployIfNotExists and Modify). */
  readonly roles?: readonly ('Tag Contributor' | 'Log Analytics Contributor' | 'Monitoring Contributor')[];
}

const id = (guid: string) => `${BUILT_IN_POLICY_PREFIX}${guid}`;

/** Definitions every zone gets; tag inheritance is added per tag (see tagReferenceId). */
export const BASELINE_DEFINITIONS: readonly BaselineDefinition[] = [
  { referenceId: 'allowed-locations', definitionId: id('e56962a6-4747-49cd-b67b-bf8b01975c4c'), displayName: 'Allowed locations', effect: 'fixed' },
  {
    referenceId: 'storage-public-network-access',
    definitionId: id('b2982f36-99f2-4db5-8eff-283140c09693'),
    displayName: 'Storage accounts should disable public network access',
    effect: 'zone',
  },
  {
    referenceId: 'storage-private-link',
    definitionId: id('6edd7eda-6dd8-40f7-810d-67160c639cd9'),
    displayName: 'Storage accounts should use private link',
    effect: 'audit-if-not-exists',
  },
  {
    referenceId: 'key-vault-public-network-access',
    definitionId: id('405c5871-3e91-4644-8a63-58e19d68ff5b'),
    displayName: 'Azure Key Vault should disable public network access',
    effect: 'zone',
  },
  {
    referenceId: 'key-vault-firewall',
    definitionId: id('55615ac9-af46-4a59-874e-391cc3dfb490'),
    displayName: 'Azure Key Vault should have firewall enabled',
    effect: 'zone',
  },
  {
    referenceId: 'key-vault-deletion-protection',
    definitionId: id('0b60c0b2-2dc2-4e1c-b5c9-abbed971de53'),
    displayName: 'Key vaults should have deletion protection enabled',
    effect: 'zone',
  },
  // A vault is created before its private endpoint connection exists: Deny would block every new vault.
  {
    referenceId: 'key-vault-private-link',
    definitionId: id('a6abeaec-4d90-4a02-805f-6b26c4d3fbe9'),
    displayName: 'Azure Key Vaults should use private link',
    effect: 'audit-only',
  },
  {
    referenceId: 'activity-log-to-log-analytics',
    definitionId: id('2465583e-4e78-4c15-b6be-a36cbc7c8b0f'),
    displayName: 'Configure Azure Activity logs to stream to specified Log Analytics workspace',
    effect: 'deploy-if-not-exists',
    roles: ['Log Analytics Contributor', 'Monitoring Contributor'],
  },
  {
    referenceId: 'key-vault-diagnostics-to-log-analytics',
    definitionId: id('951af2fa-529b-416e-ab6e-066fd85ac459'),
    displayName: 'Deploy - Configure diagnostic settings for Azure Key Vault to Log Analytics workspace',
    effect: 'deploy-if-not-exists',
    roles: ['Log Analytics Contributor', 'Monitoring Contributor'],
  },
];

/**
 * "Inherit a tag from the resource group if missing" (Modify), one reference per tag. Its
 * roleDefinitionIds name Contributor; its only operation adds a tag, which Tag Contributor
 * covers (Microsoft.Resources/tags/*), so the identity gets that instead of Contributor on
 * the whole subscription.
 */
export const INHERIT_TAG_DEFINITION: Omit<BaselineDefinition, 'referenceId'> = {
  definitionId: id('ea3f2387-9b95-492a-a190-fcdc54f7b070'),
  displayName: 'Inherit a tag from the resource group if missing',
  effect: 'modify',
  roles: ['Tag Contributor'],
};

/** The tags resources inherit from their resource group when Azure creates them without (private endpoint NICs, ...). */
export const INHERITED_TAGS = ['estate', 'environment', 'zone', 'costCenter'] as const;

export function tagReferenceId(tag: string): string {
  return `inherit-tag-${tag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Every reference id of the baseline initiative, for exemptions' `policies`. */
export const BASELINE_REFERENCE_IDS: readonly string[] = [...BASELINE_DEFINITIONS.map((d) => d.referenceId), ...INHERITED_TAGS.map(tagReferenceId)];

/** The assignment name exemptions use for the baseline initiative. */
export const BASELINE_ASSIGNMENT = 'baseline';
