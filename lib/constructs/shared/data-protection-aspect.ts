import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { DATA_BEARING_TYPES } from '../../contract/data-bearing';

/**
 * Sets `prevent_destroy` on every data-bearing resource of a stack, so no construct can
 * forget it: a plan that would destroy one fails instead, whatever caused it (a renamed
 * construct id, a removed integration, a provider forcing replacement).
 */
export class DataProtectionAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !DATA_BEARING_TYPES.has(node.terraformResourceType)) return;
    node.lifecycle = { ...(node.lifecycle ?? {}), preventDestroy: true };
  }
}
