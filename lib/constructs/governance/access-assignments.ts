import { Construct } from 'constructs';
import { GovernanceRole } from '../../catalog/roles';
import { withPreviousIds } from '../shared/previous-ids';
import { assignRoles, GovernanceGrant, roleKey } from './governance-roles';
import type { ItemAccess, ZoneAccess } from '../../contract/governance';

/** The zone's data: lake account ids. */
export interface ZoneDataScopes {
  readonly rawLakeId: string;
  readonly enrichedLakeId: string;
  readonly workspaceLakeId: string;
}

/** One integration's or product's scopes. */
export interface ItemScopes {
  readonly kind: 'integration' | 'product';
  readonly access: ItemAccess;
  /** Its own resource group. */
  readonly resourceGroupId: string;
  /** Roles its engineers get on its own resource group besides Reader: what its services need to build in them. */
  readonly builderRoles: readonly GovernanceRole[];
  /** Containers its engineers write (integrations: raw and enriched; products: workspace). */
  readonly writeLocations: Readonly<Record<string, string>>;
  /** Its data location readers read (integrations: enriched; products: workspace). */
  readonly readLocation: string;
  /**
   * Its earlier names, oldest first (its grants' earlier construct ids).
   * @default none
   */
  readonly previousNames?: readonly string[];
}

export interface AccessAssignmentsProps {
  readonly subscriptionId: string;
  readonly zone: ZoneAccess;
  readonly zoneData: ZoneDataScopes;
  readonly items: Readonly<Record<string, ItemScopes>>;
}

/** Roles of the zone roles, at the zone subscription. */
export const ZONE_ADMIN_ROLES: readonly GovernanceRole[] = ['Reader', 'Cost Management Reader', 'Support Request Contributor'];

/**
 * The estate's Entra groups mapped to role assignments (principal type Group), least
 * privilege per role (docs/governance.md):
 * - zoneAdmins: Reader, Cost Management Reader and Support Request Contributor on the zone
 *   subscription: they see and operate everything, change nothing (the zone changes through this code);
 * - zone dataEngineers: Storage Blob Data Contributor on the raw, enriched and workspace lakes;
 * - zone dataReaders: Storage Blob Data Reader on the enriched and workspace lakes (not raw);
 * - item dataEngineers: Storage Blob Data Contributor on the item's containers, Reader on
 *   the item's own resource group, and the service roles to build in it (Data Factory
 *   Contributor where it has its own factory, AzureML Data Scientist for analytics
 *   products); never Contributor or Owner (policy pack rule CSA-IAM-001);
 * - item dataReaders: Storage Blob Data Reader on the item's data location.
 * Construct ids are `<role>-<group id>`, so adding a group never moves another's assignment.
 */
export class AccessAssignments extends Construct {
  constructor(scope: Construct, id: string, props: AccessAssignmentsProps) {
    super(scope, id);
    const { subscriptionId } = props;
    const grant = (role: GovernanceRole, principalId: string, target: string): GovernanceGrant => ({
      role,
      principalId,
      principalType: 'Group',
      scope: target,
      subscriptionId,
    });

    const zoneGrants: Record<string, GovernanceGrant> = {};
    for (const group of props.zone.zoneAdmins) {
      for (const role of ZONE_ADMIN_ROLES) zoneGrants[`admin-${roleKey(role)}-${group}`] = grant(role, group, `/subscriptions/${subscriptionId}`);
    }
    const lakes = { raw: props.zoneData.rawLakeId, enriched: props.zoneData.enrichedLakeId, workspace: props.zoneData.workspaceLakeId };
    for (const group of props.zone.dataEngineers) {
      for (const [lake, lakeId] of Object.entries(lakes)) zoneGrants[`engineer-${lake}-${group}`] = grant('Storage Blob Data Contributor', group, lakeId);
    }
    for (const group of props.zone.dataReaders) {
      for (const lake of ['enriched', 'workspace'] as const) zoneGrants[`reader-${lake}-${group}`] = grant('Storage Blob Data Reader', group, lakes[lake]);
    }
    if (Object.keys(zoneGrants).length) assignRoles(new Construct(this, 'zone'), zoneGrants);

    for (const [name, item] of Object.entries(props.items)) {
      const grants: Record<string, GovernanceGrant> = {};
      for (const group of item.access.dataEngineers) {
        for (const [location, containerId] of Object.entries(item.writeLocations))
          grants[`engineer-${location}-${group}`] = grant('Storage Blob Data Contributor', group, containerId);
        for (const role of ['Reader' as const, ...item.builderRoles]) grants[`engineer-${roleKey(role)}-${group}`] = grant(role, group, item.resourceGroupId);
      }
      for (const group of item.access.dataReaders) grants[`reader-${group}`] = grant('Storage Blob Data Reader', group, item.readLocation);
      if (Object.keys(grants).length)
        assignRoles(
          withPreviousIds(
            new Construct(this, `${item.kind}-${name}`),
            (item.previousNames ?? []).map((n) => `${item.kind}-${n}`),
          ),
          grants,
        );
    }
  }
}
