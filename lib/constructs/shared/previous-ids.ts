import { IConstruct } from 'constructs';

/**
 * What a construct's id was before its item was renamed, oldest first. Construct ids are
 * Terraform addresses, so a renamed integration or product gives every resource under its
 * constructs a new address; ResourceMoves reads these to write the `moved` blocks that carry
 * the state over instead of destroying and recreating (docs/renames.md).
 */
const PREVIOUS_IDS = new WeakMap<IConstruct, readonly string[]>();

/** Records `construct`'s earlier ids, oldest first, and returns it. */
export function withPreviousIds<T extends IConstruct>(construct: T, previousIds: readonly string[]): T {
  const distinct = previousIds.filter((id, i) => id !== construct.node.id && previousIds.indexOf(id) === i);
  if (distinct.length) PREVIOUS_IDS.set(construct, distinct);
  return construct;
}

/** The earlier ids recorded for `construct` (none when it was never renamed). */
export function previousIdsOf(construct: IConstruct): readonly string[] {
  return PREVIOUS_IDS.get(construct) ?? [];
}
