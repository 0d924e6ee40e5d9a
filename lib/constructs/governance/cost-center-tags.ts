import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataIntegration } from '../data-integration/data-integration';
import { DataProduct } from '../data-product/data-product';

/** The tag cost reports group by; the estate's `tags.costCenter` uses the same key. */
export const COST_CENTER_TAG = 'costCenter';

/**
 * The tag naming the integration or product a resource belongs to. Every taggable resource
 * of an item carries it (this aspect makes sure), and the item's budget counts the cost of
 * the resources that carry it.
 */
export const ITEM_TAGS = { integration: 'dataIntegration', product: 'dataProduct' } as const;
export type ItemKind = keyof typeof ITEM_TAGS;

type Taggable = TerraformResource & { tags: Record<string, string> | undefined; readonly tagsInput: Record<string, string> | undefined };

export interface CostCenters {
  /**
   * The zone's cost center (its own, else the estate's).
   * @default none: resources outside an integration or product keep the estate's tag, if any
   */
  readonly zone?: string;
  /** Integrations' cost centers by name (their own, else the zone's). */
  readonly integrations: Readonly<Record<string, string | undefined>>;
  readonly products: Readonly<Record<string, string | undefined>>;
}

/** The item a resource belongs to, if any. */
interface Owner {
  readonly kind: ItemKind;
  readonly name: string;
}

/**
 * Sets the `costCenter` tag of every taggable resource of a zone stack, most specific
 * first: the integration's or product's (resources inside its construct, or tagged
 * `dataIntegration`/`dataProduct`: its resource group, identity, Spark pool), else the
 * zone's, else the estate's. Unlike the tags aspect, it overrides: the estate's
 * `tags.costCenter` is only the default. Added to the stack after the tags aspect.
 *
 * It also sets the item tag (`dataIntegration: <name>` or `dataProduct: <name>`) on every
 * taggable resource inside an item's construct, so the item's budget, which filters on that
 * tag, sees all of the item's cost wherever its resources lie.
 */
export class CostCenterAspect implements IAspect {
  constructor(private readonly costCenters: CostCenters) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !('tagsInput' in node)) return;
    const resource = node as Taggable;
    const owner = ownerOf(resource, this.costCenters);
    const value = owner ? (this.itemCostCenter(owner) ?? this.costCenters.zone) : this.costCenters.zone;
    const tags: Record<string, string> = { ...(resource.tagsInput ?? {}) };
    if (owner) tags[ITEM_TAGS[owner.kind]] = owner.name;
    if (value !== undefined) tags[COST_CENTER_TAG] = value;
    if (owner || value !== undefined) resource.tags = tags;
  }

  private itemCostCenter(owner: Owner): string | undefined {
    return owner.kind === 'product' ? this.costCenters.products[owner.name] : this.costCenters.integrations[owner.name];
  }
}

/** The innermost item construct holding the resource, else the item its tags name. */
function ownerOf(resource: Taggable, costCenters: CostCenters): Owner | undefined {
  for (const scope of [...resource.node.scopes].reverse()) {
    if (scope instanceof DataProduct) return { kind: 'product', name: scope.node.id };
    if (scope instanceof DataIntegration) return { kind: 'integration', name: scope.node.id };
  }
  const tags = resource.tagsInput ?? {};
  const product = tags[ITEM_TAGS.product];
  if (typeof product === 'string' && product in costCenters.products) return { kind: 'product', name: product };
  const integration = tags[ITEM_TAGS.integration];
  if (typeof integration === 'string' && integration in costCenters.integrations) return { kind: 'integration', name: integration };
  return undefined;
}
