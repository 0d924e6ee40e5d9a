import { TerraformProvider } from 'cdktf';
import { GovernedIntegration, GovernedProduct, LandingZoneGovernanceProps } from '../lib/constructs/governance/landing-zone-governance';
import { DataLandingZone } from '../lib/constructs/landing-zone/landing-zone';
import { Estate, LandingZone } from '../lib/estate/model';

/** What a landing zone's governance reads of the management zone (its remote state and provider). */
export interface ManagementZoneAccess {
  /** The management zone's Log Analytics workspace (remote state). */
  readonly logAnalyticsWorkspaceId: string;
  /** Provider for the management zone subscription. */
  readonly managementProvider: TerraformProvider;
}

/** A landing zone's governance props from the resolved estate and the zone's constructs. */
export function landingZoneGovernanceProps(
  estate: Estate,
  lz: LandingZone,
  zone: DataLandingZone,
  management: ManagementZoneAccess,
): LandingZoneGovernanceProps {
  const lakes = zone.storage.lakes;
  return {
    estateName: estate.estate,
    environment: estate.environment,
    zoneName: lz.name,
    location: lz.location,
    ...allowedLocations(estate, lz.subscriptionId, lz.location),
    subscriptionId: lz.subscriptionId,
    governance: lz.governance,
    costCenter: lz.governance.costCenter,
    access: lz.access,
    zoneData: { rawLakeId: lakes.raw.account.id, enrichedLakeId: lakes.enriched.account.id, workspaceLakeId: lakes.workspace.account.id },
    integrations: governedIntegrations(lz, zone),
    products: governedProducts(lz, zone),
    managedResourceGroups: managedResourceGroups(lz),
    ...(zone.runtimes ? { selfHostedRuntimeHostsId: zone.runtimes.hosts.scaleSet.id } : {}),
    logAnalyticsWorkspaceId: management.logAnalyticsWorkspaceId,
    managementSubscriptionId: estate.managementZone.subscriptionId,
    managementProvider: management.managementProvider,
  };
}

function governedIntegrations(lz: LandingZone, zone: DataLandingZone): GovernedIntegration[] {
  const lakes = zone.storage.lakes;
  return lz.dataIntegrations.map((integration) => {
    const container = lz.names.containers.integrations[integration.name];
    return {
      name: integration.name,
      resourceGroupId: zone.itemResourceGroups[integration.name].id,
      ownDataFactory: integration.engine === 'data-factory',
      rawContainerId: lakes.raw.containers[container].id,
      enrichedContainerId: lakes.enriched.containers[container].id,
      access: integration.access,
      budget: integration.budget,
      costCenter: integration.costCenter,
      previousNames: integration.previousNames,
    };
  });
}

function governedProducts(lz: LandingZone, zone: DataLandingZone): GovernedProduct[] {
  return lz.dataProducts.map((product) => ({
    name: product.name,
    resourceGroupId: zone.itemResourceGroups[product.name].id,
    ownDataFactory: product.engine === 'data-factory',
    machineLearning: product.template === 'analytics',
    workspaceContainerId: zone.dataLocations[product.name].id,
    access: product.access,
    budget: product.budget,
    costCenter: product.costCenter,
    previousNames: product.previousNames,
  }));
}

/** Groups Azure creates and manages for the zone's services (Databricks, Synapse, AKS nodes): policy does not reach into them. */
export function managedResourceGroups(lz: LandingZone): string[] {
  const names = lz.names;
  const groups: string[] = [];
  if (lz.sharedServices.databricks) groups.push(names.databricksManagedResourceGroups.integration, names.databricksManagedResourceGroups.product);
  if (lz.sharedServices.synapse) groups.push(names.synapseManagedResourceGroup);
  for (const product of lz.dataProducts) {
    if (product.names.serving) groups.push(product.names.serving.nodeResourceGroup);
  }
  return groups;
}

/**
 * The regions the baseline admits in a subscription, when the estate spans regions: the
 * zone's own first, then every other region of the zones sharing the subscription (the
 * management zone's including its web-auth workspaces). None for a one-region estate.
 */
export function allowedLocations(estate: Estate, subscriptionId: string, own: string): { allowedLocations?: readonly string[] } {
  // The lock may keep a web-auth workspace in a region no zone uses any more: it counts too.
  if (new Set([...estate.regions, ...estate.managementZone.databricksWebAuthRegions]).size === 1) return {};
  const management = estate.managementZone;
  const sharing = [
    ...(management.subscriptionId === subscriptionId ? [estate.location, ...management.databricksWebAuthRegions] : []),
    ...estate.landingZones.filter((zone) => zone.subscriptionId === subscriptionId).map((zone) => zone.location),
  ];
  return { allowedLocations: [...new Set([own, ...sharing])] };
}
