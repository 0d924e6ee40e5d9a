/**
 * Estate text is data, never Terraform code (spec section 5). Terraform's JSON syntax reads
 * every string as a template: `${...}` interpolates and `%{...}` runs a directive, so a tag
 * value of `${file("/etc/passwd")}` would be evaluated by `terraform plan`. Every string of
 * the validated estate passes through here once, before anything is built from it: `${`
 * becomes `$${` and `%{` becomes `%%{`, which Terraform turns back into the literal text.
 *
 * Names, GUIDs, CIDRs and regions cannot contain `$`, `%` or `{` (their schemas say so), so
 * escaping every string, rather than a list of free-text fields, loses nothing and cannot
 * miss a field added later.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** The text a Terraform literal stands for: for what people read (the diagram, messages). */
export function fromTerraformLiteral(literal: string): string {
  return literal.replace(/([$%])\1\{/g, '$1{');
}

/** Every string in `value`, object keys included, as a Terraform literal. */
export function terraformLiterals<T>(value: T): T {
  return literalsOf(value) as T;
}

function literalsOf(value: unknown): unknown {
  if (typeof value === 'string') return terraformLiteral(value);
  if (Array.isArray(value)) return value.map(literalsOf);
  if (value === null || typeof value !== 'object') return value;
  // Plain data from the parser and the schema: rebuild it key by key. defineProperty keeps a
  // key such as "__proto__" an own property instead of setting the prototype.
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    Object.defineProperty(result, terraformLiteral(key), { value: literalsOf(inner), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
