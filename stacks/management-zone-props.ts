import { ManagementZoneGovernanceProps } from '../lib/constructs/governance/management-zone-governance';
import { ManagementZoneProps } from '../lib/constructs/management-zone/management-zone';
import { Estate } from '../lib/estate/model';

/**
 * The management zone's props from the resolved estate: its names, addresses and firewall
 * tier, the estate's region and address pool (every firewall rule's source), and with
 * topology `avnm` the Virtual Network Manager's scope.
 */
export function managementZoneProps(estate: Estate): ManagementZoneProps {
  const zone = estate.managementZone;
  const cidrOf = (key: string) => zone.subnets.find((s) => s.key === key)!.cidr;
  return {
    location: estate.location,
    subscriptionId: zone.subscriptionId,
    names: zone.names,
    addressSpace: zone.addressSpace,
    subnets: { firewall: cidrOf('firewall'), services: cidrOf('services') },
    firewallTier: zone.firewall.tier,
    addressPool: estate.network.addressPool,
    ...(estate.network.topology === 'avnm' ? { networkManagerScope: estate.network.avnmScope! } : {}),
    // The region's Databricks web-auth workspace, once any landing zone runs Databricks (then kept while the lock records it).
    ...(estate.managementZone.databricksWebAuth
      ? { databricksWebAuthSubnets: { public: cidrOf('dbw-webauth-public'), private: cidrOf('dbw-webauth-private') } }
      : {}),
  };
}

/** The management zone's governance props; its workspace is the zone's own. */
export function managementZoneGovernanceProps(estate: Estate, logAnalyticsWorkspaceId: string): ManagementZoneGovernanceProps {
  const zone = estate.managementZone;
  return {
    estateName: estate.estate,
    environment: estate.environment,
    location: estate.location,
    subscriptionId: zone.subscriptionId,
    governance: zone.governance,
    costCenter: zone.governance.costCenter,
    logAnalyticsWorkspaceId,
    purviewManagedResourceGroup: zone.names.purviewManagedResourceGroup,
  };
}
