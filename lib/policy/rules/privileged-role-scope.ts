import { isExpression } from '../attributes';
import { ResourceRule, verdict } from '../rule';

/** Built-in roles that can change resources or grant access; ids are the same in every tenant. */
const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};
const PRIVILEGED_NAMES = new Set(Object.values(PRIVILEGED_ROLES).map((name) => name.toLowerCase()));

function isPrivileged(attributes: Readonly<Record<string, unknown>>): boolean {
  const name = attributes.role_definition_name;
  if (typeof name === 'string' && PRIVILEGED_NAMES.has(name.toLowerCase())) return true;
  const id = attributes.role_definition_id;
  return typeof id === 'string' && PRIVILEGED_ROLES[id.split('/').pop()!.toLowerCase()] !== undefined;
}

/**
 * Scopes broader than one resource: a management group, a subscription or a resource
 * group, written literally or as a reference to a resource group or subscription.
 */
function isBroadScope(scope: unknown): boolean {
  if (typeof scope !== 'string') return true; // unknown scope: assume the worst
  if (isExpression(scope)) return /\$\{(data\.)?azurerm_(resource_group|subscription|management_group)\.[^}]*\.id\}/.test(scope);
  return (
    /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i.test(scope) || /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i.test(scope)
  );
}

export const privilegedRoleScope: ResourceRule = {
  id: 'CSA-IAM-001',
  severity: 'error',
  scope: 'resource',
  resourceTypes: ['azurerm_role_assignment'],
  title:
    'Owner, Contributor, User Access Administrator and RBAC Administrator are assigned on single resources, not on resource groups, subscriptions or management groups',
  rationale:
    'A privileged role on a resource group or subscription reaches every resource in it, including Key Vaults and lakes added later: one compromised identity then owns the zone.',
  fix: 'scope the assignment to the one resource the identity manages, or use a data-plane or narrower built-in role',
  check: (r) => (isPrivileged(r.attributes) ? verdict(!isBroadScope(r.attributes.scope)) : 'not-applicable'),
};
