/**
 * The shapes of the secure defaults (README "Default settings (the security contract)"):
 * the Terraform arguments every estate gets, and the table rows that document them. The
 * constructs read the values they apply from here, the README's tables are rendered from
 * here (`npm run docs:readme`), and __tests__/secure-defaults.test.ts checks the rows
 * against a real synth: the contract, the code and the stacks cannot drift apart.
 */

/** One value the estate always sets, on one or more Terraform arguments of one azurerm resource type. */
export interface TerraformDefault<T = unknown> {
  /** The azurerm resource type, e.g. `azurerm_storage_account`. */
  readonly resourceType: string;
  /**
   * The arguments that carry the value, dotted for nested blocks
   * (`network_rules.default_action`); a block written as a one-element list is looked into.
   */
  readonly arguments: readonly string[];
  readonly value: T;
  /**
   * Only the resources of the type whose attributes (dotted for nested ones, `tags.dataProduct`)
   * meet these conditions: a string is the value (one database by name, a policy by SKU),
   * `SET` or `UNSET` only whether the attribute is there (a data product's own resources carry
   * the `dataProduct` tag, the zones' do not).
   * @default - every resource of the type, in every stack
   */
  readonly where?: Readonly<Record<string, AttributeCondition>>;
}

/** A condition of `TerraformDefault.where` on one attribute: that value, or only whether it is set. */
export type AttributeCondition = string | { readonly set: boolean };

/** The attribute is there (any value). */
export const SET: AttributeCondition = { set: true };
/** The attribute is not there. */
export const UNSET: AttributeCondition = { set: false };

/**
 * The tag every resource of a data product carries (`dataProduct: <name>`, the item tag the
 * budgets filter on); the zones' own resources do not.
 */
export const PRODUCT_TAG = 'tags.dataProduct';

/** A default of one argument (or several that always share the value). */
export function tf<const T>(
  resourceType: string,
  argument: string | readonly string[],
  value: T,
  where?: Record<string, AttributeCondition>,
): TerraformDefault<T> {
  return { resourceType, arguments: typeof argument === 'string' ? [argument] : argument, value, ...(where ? { where } : {}) };
}

/** A value as the README writes it in code spans: `false`, `TLS1_2`, `Metrics`. */
export function literal(value: unknown): string {
  return Array.isArray(value) ? value.map(literal).join(', ') : String(value);
}

/** `` `argument = value` `` for each argument of a default, as the tables write them. */
export function assignment(setting: TerraformDefault): string {
  return setting.arguments.map((a) => `\`${a.split('.').pop()} = ${literal(setting.value)}\``).join(', ');
}

/** One row of a "Default settings" table. */
export interface DefaultRow {
  readonly resource: string;
  readonly setting: string;
  /** What the estate sets (Markdown). */
  readonly value: string;
  /** What Microsoft's reference deployment sets (Markdown). */
  readonly reference: string;
  /** Why ours differs, or empty when it does not. */
  readonly why: string;
  /** The Terraform arguments the row states, checked against a synth of the shipped estate. */
  readonly terraform: readonly TerraformDefault[];
}

/** A row: resource, setting, value, reference, why, and the defaults it states (if any). */
export function row(resource: string, setting: string, value: string, reference: string, why: string, terraform: readonly TerraformDefault[] = []): DefaultRow {
  return { resource, setting, value, reference, why, terraform };
}
