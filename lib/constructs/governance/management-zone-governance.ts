import { Construct } from 'constructs';
import { Estate } from '../../estate/model';
import { MANAGEMENT_ZONE_KEY } from '../../naming/zone-names';
import { DataManagementZone } from '../management-zone/management-zone';
import { ZoneGovernance } from './zone-governance';

export interface ManagementZoneGovernanceProps {
  readonly estate: Estate;
  readonly zone: DataManagementZone;
}

/** The management zone's governance: baseline initiative, assignments, exemptions, budget and cost tags on its subscription. */
export class ManagementZoneGovernance extends Construct {
  readonly governance: ZoneGovernance;

  constructor(scope: Construct, id: string, props: ManagementZoneGovernanceProps) {
    super(scope, id);
    const { estate } = props;
    const mz = estate.managementZone;
    this.governance = new ZoneGovernance(this, 'zone', {
      estate,
      zoneKey: MANAGEMENT_ZONE_KEY,
      subscriptionId: mz.subscriptionId,
      governance: mz.governance,
      logAnalyticsWorkspaceId: props.zone.logAnalytics.workspace.id,
      // Purview creates and manages this group (its managed storage and Event Hub).
      managedResourceGroups: [mz.names.purviewManagedResourceGroup],
      costCenters: { zone: mz.governance.costCenter, integrations: {}, products: {} },
    });
  }
}
