/**
 * Reading synthesized attributes. cdktf writes a block with at most one item as an object
 * and longer blocks (and list attributes of objects) as arrays; Terraform JSON accepts a
 * one-item array for the former too. These helpers accept both shapes so a rule does not
 * depend on how a construct happened to write a block.
 */
export type Attributes = Readonly<Record<string, unknown>>;

/** Every item of a block or list-of-objects attribute; none when absent. */
export function blocks(attributes: Attributes | undefined, key: string): Attributes[] {
  const value = attributes?.[key];
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((item): item is Attributes => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The single item of a max-one block, or undefined. */
export function block(attributes: Attributes | undefined, key: string): Attributes | undefined {
  return blocks(attributes, key)[0];
}

/** A Terraform expression (`${...}`): its value is known only at plan time. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A literal, non-empty string (not an expression). */
export function isLiteralString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !isExpression(value);
}

/** A string attribute, or each item of a list attribute, as strings (non-strings dropped). */
export function strings(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((item): item is string => typeof item === 'string');
}
