import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { Estate, LandingZone } from '../../estate/model';
import { DataLandingZone } from '../landing-zone/landing-zone';
import { AccessAssignments, ItemScopes } from './access-assignments';
import { ItemBudget } from './budgets';
import { GovernanceRole } from './governance-roles';
import { ZoneGovernance } from './zone-governance';

export interface LandingZoneGovernanceProps {
  readonly estate: Estate;
  readonly landingZone: LandingZone;
  readonly zone: DataLandingZone;
  /** The management zone's Log Analytics workspace (remote state). */
  readonly logAnalyticsWorkspaceId: string;
  /** Provider for the management zone subscription (the workspace's role assignment). */
  readonly managementProvider: TerraformProvider;
}

/**
 * A landing zone's governance (docs/governance.md): policy, exemptions, budgets and cost
 * tags (ZoneGovernance) plus the estate's Entra groups on the zone, its integrations and
 * its products (AccessAssignments).
 */
export class LandingZoneGovernance extends Construct {
  readonly governance: ZoneGovernance;
  readonly access: AccessAssignments;

  constructor(scope: Construct, id: string, props: LandingZoneGovernanceProps) {
    super(scope, id);
    const { estate, landingZone: lz, zone } = props;
    const names = lz.names;
    const itemGroup = (kind: 'integration' | 'product', item: string): ResourceGroup => {
      const group = zone.node.tryFindChild(`data-${kind}-resource-groups`)?.node.tryFindChild(item);
      if (!(group instanceof ResourceGroup)) throw new Error(`internal: no resource group for ${kind} ${item}`);
      return group;
    };
    const lakes = zone.storage.lakes;
    const containers = names.containers;

    const itemScopes: Record<string, ItemScopes> = {};
    const itemBudgets: Record<string, Omit<ItemBudget, 'name'>> = {};
    for (const integration of lz.dataIntegrations) {
      const group = itemGroup('integration', integration.name);
      const raw = lakes.raw.containers[containers.integrations[integration.name]].id;
      const enriched = lakes.enriched.containers[containers.integrations[integration.name]].id;
      const builderRoles: GovernanceRole[] = integration.engine === 'data-factory' ? ['Data Factory Contributor'] : [];
      if (integration.access) itemScopes[integration.name] = { kind: 'integration', access: integration.access, resourceGroupId: group.id, builderRoles, writeLocations: { raw, enriched }, readLocation: enriched, previousNames: integration.previousNames };
      if (integration.budget) itemBudgets[integration.name] = { resourceGroupId: group.id, budget: integration.budget, previousNames: integration.previousNames };
    }
    for (const product of lz.dataProducts) {
      const group = itemGroup('product', product.name);
      const workspace = lakes.workspace.containers[containers.products[product.name]].id;
      const builderRoles: GovernanceRole[] = [
        ...(product.engine === 'data-factory' ? (['Data Factory Contributor'] as const) : []),
        ...(product.template === 'analytics' ? (['AzureML Data Scientist'] as const) : []),
      ];
      if (product.access) itemScopes[product.name] = { kind: 'product', access: product.access, resourceGroupId: group.id, builderRoles, writeLocations: { workspace }, readLocation: workspace, previousNames: product.previousNames };
      if (product.budget) itemBudgets[product.name] = { resourceGroupId: group.id, budget: product.budget, previousNames: product.previousNames };
    }

    this.governance = new ZoneGovernance(this, 'zone', {
      estate,
      zoneKey: lz.name,
      subscriptionId: lz.subscriptionId,
      governance: lz.governance,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      ...(lz.subscriptionId === estate.managementZone.subscriptionId
        ? {}
        : { logAnalyticsWorkspace: { subscriptionId: estate.managementZone.subscriptionId, provider: props.managementProvider } }),
      managedResourceGroups: managedResourceGroups(lz),
      costCenters: {
        zone: lz.governance.costCenter,
        integrations: Object.fromEntries(lz.dataIntegrations.map((i) => [i.name, i.costCenter])),
        products: Object.fromEntries(lz.dataProducts.map((p) => [p.name, p.costCenter])),
      },
      itemBudgets,
    });
    this.access = new AccessAssignments(this, 'access', {
      subscriptionId: lz.subscriptionId,
      zone: lz.access,
      zoneData: { rawLakeId: lakes.raw.account.id, enrichedLakeId: lakes.enriched.account.id, workspaceLakeId: lakes.workspace.account.id },
      items: itemScopes,
    });
  }
}

/** Groups Azure creates and manages for the zone's services (Databricks, Synapse, AKS nodes): policy does not reach into them. */
export function managedResourceGroups(lz: LandingZone): string[] {
  const names = lz.names;
  const groups: string[] = [];
  if (lz.sharedServices.databricks) groups.push(names.databricksManagedResourceGroups.integration, names.databricksManagedResourceGroups.product);
  if (lz.sharedServices.synapse) groups.push(names.synapseManagedResourceGroup);
  for (const product of lz.dataProducts) {
    const serving = (names.dataProducts[product.name] as { serving?: { nodeResourceGroup: string } } | undefined)?.serving;
    if (serving) groups.push(serving.nodeResourceGroup);
  }
  return groups;
}
