import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { GovernanceRole } from '../../catalog/roles';
import { AccessAssignments, ItemScopes, ZoneDataScopes } from './access-assignments';
import { assignRoles, GovernanceGrant, roleKey } from './governance-roles';
import { ItemBudget } from './budgets';
import { ITEM_TAGS, ItemKind } from './cost-center-tags';
import { ZoneGovernance } from './zone-governance';
import type { Budget, ItemAccess, ZoneAccess, ZoneGovernanceSpec } from '../../contract/governance';

/** What governance needs of a data integration or product. */
export interface GovernedItem {
  readonly name: string;
  /** Its own resource group. */
  readonly resourceGroupId: string;
  /** True where it has its own Data Factory: its engineers get Data Factory Contributor on its resource group. */
  readonly ownDataFactory: boolean;
  /**
   * Its Entra groups.
   * @default no grants
   */
  readonly access?: ItemAccess;
  /**
   * Its budget: on the zone subscription, counting the resources tagged with the item
   * (`dataIntegration`/`dataProduct: <name>`), wherever they lie.
   * @default none
   */
  readonly budget?: Budget;
  /**
   * Its cost center.
   * @default the zone's
   */
  readonly costCenter?: string;
  /**
   * Its earlier names, oldest first (its grants' and budget's earlier construct ids).
   * @default none
   */
  readonly previousNames?: readonly string[];
}

/** A data integration: it writes the raw and enriched containers, readers read enriched. */
export interface GovernedIntegration extends GovernedItem {
  readonly rawContainerId: string;
  readonly enrichedContainerId: string;
}

/** A data product: it writes and readers read its workspace container. */
export interface GovernedProduct extends GovernedItem {
  readonly workspaceContainerId: string;
  /** True for products with an Azure ML workspace (analytics): its engineers get AzureML Data Scientist. */
  readonly machineLearning: boolean;
}

export interface LandingZoneGovernanceProps {
  /** Estate name, environment and landing zone name: the policy titles. */
  readonly estateName: string;
  readonly environment: string;
  readonly zoneName: string;
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
  /** The zone's Entra groups. */
  readonly access: ZoneAccess;
  readonly zoneData: ZoneDataScopes;
  readonly integrations: readonly GovernedIntegration[];
  readonly products: readonly GovernedProduct[];
  /** Groups Azure creates and manages for the zone's services (Databricks, Synapse, AKS nodes): policy does not reach into them. */
  readonly managedResourceGroups: readonly string[];
  /**
   * The scale set running the zone's self-hosted integration runtime: zone admins sign in to
   * its nodes with Entra ID (Virtual Machine Administrator Login on it, nothing broader).
   * @default none (the zone has no self-hosted runtime)
   */
  readonly selfHostedRuntimeHostsId?: string;
  /** The management zone's Log Analytics workspace (remote state). */
  readonly logAnalyticsWorkspaceId: string;
  /** The management zone's subscription, where the workspace lies. */
  readonly managementSubscriptionId: string;
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
    const { integrations, products } = props;
    const items: { item: GovernedItem; kind: ItemKind; scopes?: ItemScopes }[] = [
      ...integrations.map((i) => ({ item: i, kind: 'integration' as const, scopes: integrationScopes(i) })),
      ...products.map((p) => ({ item: p, kind: 'product' as const, scopes: productScopes(p) })),
    ];
    const itemScopes: Record<string, ItemScopes> = {};
    const itemBudgets: Record<string, Omit<ItemBudget, 'name'>> = {};
    for (const { item, kind, scopes } of items) {
      if (scopes) itemScopes[item.name] = scopes;
      if (item.budget)
        itemBudgets[item.name] = {
          subscriptionId: props.subscriptionId,
          tag: { name: ITEM_TAGS[kind], value: item.name },
          budget: item.budget,
          previousNames: item.previousNames,
        };
    }

    this.governance = new ZoneGovernance(this, 'zone', {
      location: props.location,
      ...(props.allowedLocations ? { allowedLocations: props.allowedLocations } : {}),
      title: `${props.estateName} ${props.environment} ${props.zoneName}`,
      subscriptionId: props.subscriptionId,
      governance: props.governance,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      ...(props.subscriptionId === props.managementSubscriptionId
        ? {}
        : { logAnalyticsWorkspace: { subscriptionId: props.managementSubscriptionId, provider: props.managementProvider } }),
      managedResourceGroups: props.managedResourceGroups,
      costCenters: {
        zone: props.costCenter,
        integrations: Object.fromEntries(integrations.map((i) => [i.name, i.costCenter])),
        products: Object.fromEntries(products.map((p) => [p.name, p.costCenter])),
      },
      itemBudgets,
    });
    this.access = new AccessAssignments(this, 'access', {
      subscriptionId: props.subscriptionId,
      zone: props.access,
      zoneData: props.zoneData,
      items: itemScopes,
    });
    if (props.selfHostedRuntimeHostsId) runtimeHostsSignIn(this, props.subscriptionId, props.access.zoneAdmins, props.selfHostedRuntimeHostsId);
  }
}

/** Zone admins' Entra ID sign-in to the self-hosted runtime's nodes, as administrators. */
function runtimeHostsSignIn(scope: Construct, subscriptionId: string, zoneAdmins: readonly string[], scaleSetId: string): void {
  const role = 'Virtual Machine Administrator Login';
  const grants: Record<string, GovernanceGrant> = {};
  for (const group of zoneAdmins)
    grants[`admin-${roleKey(role)}-${group}`] = { role, principalId: group, principalType: 'Group', scope: scaleSetId, subscriptionId };
  if (Object.keys(grants).length) assignRoles(new Construct(scope, 'runtime-hosts-access'), grants);
}

/** An integration's grant scopes, if it has groups. */
function integrationScopes(integration: GovernedIntegration): ItemScopes | undefined {
  if (!integration.access) return undefined;
  const { rawContainerId: raw, enrichedContainerId: enriched } = integration;
  const builderRoles: GovernanceRole[] = integration.ownDataFactory ? ['Data Factory Contributor'] : [];
  return {
    kind: 'integration',
    access: integration.access,
    resourceGroupId: integration.resourceGroupId,
    builderRoles,
    writeLocations: { raw, enriched },
    readLocation: enriched,
    previousNames: integration.previousNames,
  };
}

/** A product's grant scopes, if it has groups. */
function productScopes(product: GovernedProduct): ItemScopes | undefined {
  if (!product.access) return undefined;
  const workspace = product.workspaceContainerId;
  const builderRoles: GovernanceRole[] = [
    ...(product.ownDataFactory ? (['Data Factory Contributor'] as const) : []),
    ...(product.machineLearning ? (['AzureML Data Scientist'] as const) : []),
  ];
  return {
    kind: 'product',
    access: product.access,
    resourceGroupId: product.resourceGroupId,
    builderRoles,
    writeLocations: { workspace },
    readLocation: workspace,
    previousNames: product.previousNames,
  };
}
