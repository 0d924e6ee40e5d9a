import { Construct } from 'constructs';
import { MANAGEMENT_ZONE_KEY } from '../../naming/zone-names';
import { ZoneGovernance } from './zone-governance';
import type { ZoneGovernanceSpec } from '../../contract/governance';

export interface ManagementZoneGovernanceProps {
  /** Estate name and environment: the policy titles. */
  readonly estateName: string;
  readonly environment: string;
  /** Azure region of the estate. */
  readonly location: string;
  /**
   * The regions the baseline's allowed-locations policy admits in the subscription: every
   * region of the zones sharing it (two assignments on one subscription admit only what both admit).
   * @default [location]
   */
  readonly allowedLocations?: readonly string[];
  readonly subscriptionId: string;
  readonly governance: ZoneGovernanceSpec;
  /**
   * The zone's cost center (its own, else the estate's).
   * @default none
   */
  readonly costCenter?: string;
  /** The management zone's Log Analytics workspace. */
  readonly logAnalyticsWorkspaceId: string;
  /** The group Purview creates and manages (its managed storage and Event Hub). */
  readonly purviewManagedResourceGroup: string;
}

/** The management zone's governance: baseline initiative, assignments, exemptions, budget and cost tags on its subscription. */
export class ManagementZoneGovernance extends Construct {
  readonly governance: ZoneGovernance;

  constructor(scope: Construct, id: string, props: ManagementZoneGovernanceProps) {
    super(scope, id);
    this.governance = new ZoneGovernance(this, 'zone', {
      location: props.location,
      ...(props.allowedLocations ? { allowedLocations: props.allowedLocations } : {}),
      title: `${props.estateName} ${props.environment} ${MANAGEMENT_ZONE_KEY}`,
      subscriptionId: props.subscriptionId,
      governance: props.governance,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      // Purview creates and manages this group (its managed storage and Event Hub).
      managedResourceGroups: [props.purviewManagedResourceGroup],
      costCenters: { zone: props.costCenter, integrations: {}, products: {} },
    });
  }
}
