import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataIntegration } from '../data-integration/data-integration';
import { DataProduct } from '../data-product/data-product';

/** The tag cost reports group by; the estate's `tags.costCenter` uses the same key. */
export const COST_CENTER_TAG = 'costCenter';

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

/**
 * Sets the `costCenter` tag of every taggable resource of a zone stack, most specific
 * first: the integration's or product's (resources inside its construct, or tagged
 * `dataIntegration`/`dataProduct`: its resource group, identity, Spark pool), else the
 * zone's, else the estate's. Unlike the tags aspect, it overrides: the estate's
 * `tags.costCenter` is only the default. Added to the stack after the tags aspect.
 */
export class CostCenterAspect implements IAspect {
  constructor(private readonly costCenters: CostCenters) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !('tagsInput' in node)) return;
    const resource = node as Taggable;
    const value = this.costCenterOf(resource);
    if (value === undefined) return;
    resource.tags = { ...(resource.tagsInput ?? {}), [COST_CENTER_TAG]: value };
  }

  private costCenterOf(resource: Taggable): string | undefined {
    for (const scope of [...resource.node.scopes].reverse()) {
      if (scope instanceof DataProduct) return this.costCenters.products[scope.node.id] ?? this.costCenters.zone;
      if (scope instanceof DataIntegration) return this.costCenters.integrations[scope.node.id] ?? this.costCenters.zone;
    }
    const tags = resource.tagsInput ?? {};
    if (typeof tags.dataProduct === 'string' && tags.dataProduct in this.costCenters.products)
      return this.costCenters.products[tags.dataProduct] ?? this.costCenters.zone;
    if (typeof tags.dataIntegration === 'string' && tags.dataIntegration in this.costCenters.integrations)
      return this.costCenters.integrations[tags.dataIntegration] ?? this.costCenters.zone;
    return this.costCenters.zone;
  }
}
