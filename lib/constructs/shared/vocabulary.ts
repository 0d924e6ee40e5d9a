/**
 * The vocabulary every construct of this library speaks, after Azure Verified Modules'
 * interfaces: where a resource goes (placement), where its logs go (diagnostics), how it is
 * reached privately (private endpoints) and who may use it (role assignments). A construct
 * takes these shapes as props instead of spelling its own, so a team that knows one construct
 * knows them all.
 *
 * Child construct ids are Terraform addresses. New constructs name their children after
 * CHILD_IDS; existing ids stay as deployed (changing one moves resources in every user's state,
 * which needs `moved` blocks for no gain to them).
 */
import type { DiagnosticSettingsOptions } from './diagnostic-settings';

export type { DiagnosticLog, DiagnosticSettingsOptions, DiagnosticSettingsProps } from './diagnostic-settings';
export type { PrivateEndpointOptions, PrivateEndpointSpec, PrivateLinkSubresource } from './private-endpoint';
export type { RoleAssignmentOptions } from './role-assignment';
export type { LandingZoneDnsZone, ManagementZoneAccess, ManagementZoneLinks } from './management-zone-links';

/** Diagnostics of every resource of a zone: the workspace they go to and the setting's name. */
export interface ZoneDiagnostics extends DiagnosticSettingsOptions {
  /** Scoped to each target resource, so one name serves every resource of the zone. */
  readonly name: string;
}

/** Where a resource is created. */
export interface Placement {
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  readonly resourceGroupName: string;
}

/** Ids of a construct's children in new code: one meaning, one id. */
export const CHILD_IDS = {
  privateEndpoint: 'private-endpoint',
  diagnostics: 'diagnostics',
  roleAssignments: 'role-assignments',
} as const;
