import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

type Taggable = TerraformResource & { tags: Record<string, string> | undefined; readonly tagsInput: Record<string, string> | undefined };

function isTaggable(node: IConstruct): node is Taggable {
  // Generated resource classes expose a `tags` accessor exactly when the Azure resource supports tags.
  return node instanceof TerraformResource && 'tagsInput' in node;
}

/**
 * Merges the zone's tags into every taggable resource of a stack. Tags a construct
 * set itself win over these defaults, so a resource can still carry its own.
 */
export class TagsAspect implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    node.tags = { ...this.tags, ...(node.tagsInput ?? {}) };
  }
}
