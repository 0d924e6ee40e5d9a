/**
 * Queries on a synthesized stack's Terraform JSON, for tests: one version of each, so every
 * test reads resources, references, grants and outputs the same way. Queries that expect a
 * single resource throw when there is none or more than one, naming the type and the match.
 */
import { BUILT_IN_ROLES, BuiltInRole } from '../../lib/catalog/roles';
import { StackJson } from './synth';

/** A synthesized resource's body (its attributes, and cdktf's `//` metadata). */
export type ResourceBody = Record<string, any>;

/** Resources of one type in a stack, keyed by logical id. */
export function resources(stack: StackJson, type: string): Record<string, ResourceBody> {
  return (stack.resource?.[type] ?? {}) as Record<string, ResourceBody>;
}

/** Resources of one type in a stack, or every resource of the stack when `type` is left out. */
export function all(stack: StackJson, type?: string): ResourceBody[] {
  if (type !== undefined) return Object.values(resources(stack, type));
  return Object.values(stack.resource ?? {}).flatMap((byId) => Object.values(byId) as ResourceBody[]);
}

/** Number of resources per type, to pin a stack's whole inventory. */
export function countsByType(stack: StackJson): Record<string, number> {
  return Object.fromEntries(Object.entries(stack.resource ?? {}).map(([type, byId]) => [type, Object.keys(byId).length]));
}

/** The address (`<type>.<logical id>`) and body of the single resource of `type` whose attributes include `match` (compared as JSON). */
export function locate(stack: StackJson, type: string, match: Record<string, unknown> = {}): { address: string; body: ResourceBody } {
  const found = Object.entries(resources(stack, type)).filter(([, r]) => Object.entries(match).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v)));
  if (found.length !== 1) throw new Error(`expected one ${type} matching ${JSON.stringify(match)}, found ${found.length}`);
  return { address: `${type}.${found[0][0]}`, body: found[0][1] };
}

/** The single resource of `type` whose attributes include `match`. */
export function findResource(stack: StackJson, type: string, match: Record<string, unknown>): ResourceBody {
  return locate(stack, type, match).body;
}

/** The single resource of `type` in the stack. */
export function one(stack: StackJson, type: string): ResourceBody {
  return locate(stack, type).body;
}

/** `${<type>.<logical id>.<attribute>}` of the single resource of `type` matching `match`: how other resources refer to it. */
export function ref(stack: StackJson, type: string, match: Record<string, unknown>, attribute = 'id'): string {
  return `\${${locate(stack, type, match).address}.${attribute}}`;
}

/** The construct path cdktf records in a resource's metadata ('' without one). */
export function pathOf(resource: ResourceBody): string {
  return resource['//']?.metadata?.path ?? '';
}

/** Resources of one type that belong to a data item (by construct path), e.g. `itemResources(s, t, 'data-products', 'report')`. */
export function itemResources(stack: StackJson, type: string, kind: 'data-products' | 'data-integrations', item: string): ResourceBody[] {
  return all(stack, type).filter((r) => pathOf(r).includes(`/${kind}/${item}/`));
}

/** The stack without the resources whose construct path matches `path` (types left empty are dropped). */
export function withoutResourcesAt(stack: StackJson, path: RegExp): StackJson {
  const resource = Object.fromEntries(
    Object.entries(stack.resource ?? {})
      .map(([type, byId]) => [type, Object.fromEntries(Object.entries(byId).filter(([, r]) => !path.test(pathOf(r))))] as const)
      .filter(([, byId]) => Object.keys(byId).length > 0),
  );
  return { ...stack, resource };
}

/** The full id of a role definition in a subscription, as role assignments carry it. */
export function roleDefinitionId(subscription: string, definition: string): string {
  return `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${definition}`;
}

/** The full id of a built-in role in a subscription. */
export function roleId(subscription: string, role: BuiltInRole): string {
  return roleDefinitionId(subscription, BUILT_IN_ROLES[role]);
}

/** [principal, role definition, scope] of each role assignment: what a grant means, without names and ids. */
export function grants(assignments: readonly ResourceBody[]): unknown[][] {
  return assignments.map((a) => [a.principal_id, a.role_definition_id, a.scope]);
}

/** The role assignments of a stack to one principal (a reference or an object id). */
export function roleAssignmentsTo(stack: StackJson, principal: string): ResourceBody[] {
  return all(stack, 'azurerm_role_assignment').filter((a) => a.principal_id === principal);
}

/** The private endpoints of a stack that connect to `target` (a reference to the target's id). */
export function privateEndpointsTo(stack: StackJson, target: string): ResourceBody[] {
  return all(stack, 'azurerm_private_endpoint').filter((pe) => pe.private_service_connection.private_connection_resource_id === target);
}

/** `data.terraform_remote_state.remote-state-<stack>.outputs`: where a stack reads another stack's outputs. */
export function remoteOutputs(stackName: string): string {
  return `data.terraform_remote_state.remote-state-${stackName}.outputs`;
}

/** The management zone's outputs, as every landing zone reads them. */
export const HUB = remoteOutputs('dmlz');

/**
 * The management zone's remote-state outputs in both topologies, sorted: the contract landing
 * zones read (README "The remote-state contract"), written out here so tests check the stack
 * against it independently of lib/contract. Topology avnm adds `avnm_network_group_id`.
 */
export const MANAGEMENT_ZONE_OUTPUT_NAMES = [
  'firewall_policy_id',
  'firewall_private_ip',
  'firewall_public_ip',
  'log_analytics_workspace_id',
  'network_resource_group_name',
  'private_dns_zone_ids',
  'purview_account_id',
  'purview_event_hub_namespace_id',
  'purview_ingestion_storage_id',
  'purview_principal_id',
  'subscription_id',
  'vnet_id',
  'vnet_name',
] as const;

/** A reference to one management zone output. */
export function hub(output: string): string {
  return `\${${HUB}.${output}}`;
}

/** A reference to the id of the management zone's private DNS zone `zoneName`. */
export function dnsZone(zoneName: string): string {
  return `\${${HUB}.private_dns_zone_ids["${zoneName}"]}`;
}

/** Names of the remote states a stack reads (`remote-state-<stack>`), in the stack's order. */
export function remoteStateNames(stack: StackJson): string[] {
  return Object.keys((stack.data?.terraform_remote_state ?? {}) as Record<string, unknown>);
}

/** Names of a stack's outputs, in the stack's order. */
export function outputNames(stack: StackJson): string[] {
  return Object.keys(stack.output ?? {});
}

/** The azurerm provider block with `alias` (undefined when there is none). */
export function azurermProvider(stack: StackJson, alias: string): Record<string, unknown> | undefined {
  return (stack.provider?.azurerm ?? []).find((p) => p.alias === alias);
}
