// ValidateResourceConfig / ValidateDataResourceConfig / ValidateProviderConfig.
//
// Terraform core already rejects unknown arguments, wrong types and statically
// missing required arguments/blocks before it calls the provider. What reaches us
// and is still worth checking: required attributes whose *value* is null (e.g.
// `x = var.maybe_null`), block counts produced by `dynamic` blocks, and deprecated
// arguments (core does not warn about those; real providers do).
import { CtyObject, CtyValue, isObjectValue, Unknown } from './cty-value';
import { forEachElement, PathStep } from './nesting';
import { JsonAttribute, JsonBlock, JsonNestedBlock, JsonSchema } from './schema';

export interface ProviderDiagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail: string;
  /** Attribute path relative to the resource; Terraform maps it to the config range. */
  attribute?: PathStep[];
}

const attr = (name: string): PathStep => ({ attribute_name: name });

export interface ValidateOptions {
  /** Shown in the deprecation warning for the whole type, e.g. "resource type azurerm_app_service". */
  what?: string;
}

export function validateConfig(schema: JsonSchema, config: CtyValue, opts: ValidateOptions = {}): ProviderDiagnostic[] {
  const diags: ProviderDiagnostic[] = [];
  if (schema.block.deprecated && opts.what) {
    diags.push({
      severity: 'WARNING',
      summary: 'Deprecated',
      detail: `The ${opts.what} is deprecated in this provider version's schema and may be removed in a future major version.`,
    });
  }
  validateBlock(schema.block, config, [], diags);
  return diags;
}

function validateBlock(block: JsonBlock, value: CtyValue, path: PathStep[], diags: ProviderDiagnostic[]): void {
  if (!isObjectValue(value)) return; // null or unknown block: nothing to check inside
  validateAttributes(block.attributes ?? {}, value, path, diags);
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    validateNestedBlock(name, nb, value[name] ?? null, [...path, attr(name)], diags);
  }
}

function validateAttributes(attrs: Record<string, JsonAttribute>, obj: CtyObject, path: PathStep[], diags: ProviderDiagnostic[]): void {
  for (const [name, a] of Object.entries(attrs)) {
    const v = obj[name] ?? null;
    const here = [...path, attr(name)];
    if (a.required && v === null) {
      diags.push({
        severity: 'ERROR',
        summary: 'Missing required argument',
        detail: `The argument "${name}" is required, but no definition was found (its value is null).`,
        attribute: here,
      });
    }
    if (a.deprecated && v !== null) {
      diags.push({
        severity: 'WARNING',
        summary: 'Argument is deprecated',
        detail: `The argument "${name}" is deprecated in this provider version's schema; see the provider documentation for its replacement.`,
        attribute: here,
      });
    }
    if (a.nested_type && v !== null && !(v instanceof Unknown)) {
      const nt = a.nested_type;
      forEachElement(nt.nesting_mode, v, here, (ev, ep) => {
        if (isObjectValue(ev)) validateAttributes(nt.attributes, ev, ep, diags);
      });
    }
  }
}

function validateNestedBlock(name: string, nb: JsonNestedBlock, v: CtyValue, path: PathStep[], diags: ProviderDiagnostic[]): void {
  if (v instanceof Unknown) return; // e.g. a dynamic block over an unknown collection
  const min = nb.min_items ?? 0;
  const max = nb.max_items ?? 0;
  let count: number | undefined;
  if (nb.nesting_mode === 'single' || nb.nesting_mode === 'group') count = v === null ? 0 : 1;
  else if (nb.nesting_mode === 'list' || nb.nesting_mode === 'set') count = v === null ? 0 : Array.isArray(v) ? v.length : undefined;
  // A set element that is itself unknown may stand for several blocks; only judge known counts.
  const uncertain = Array.isArray(v) && v.some((e) => e instanceof Unknown);
  if (count !== undefined && !uncertain) {
    if (count < min) {
      diags.push({
        severity: 'ERROR',
        summary: `Insufficient ${name} blocks`,
        detail: `At least ${min} "${name}" blocks are required.`,
        attribute: path,
      });
    }
    if (max > 0 && count > max) {
      diags.push({
        severity: 'ERROR',
        summary: `Too many ${name} blocks`,
        detail: `No more than ${max} "${name}" blocks are allowed.`,
        attribute: path,
      });
    }
  }
  if (nb.block.deprecated && count !== undefined && count > 0) {
    diags.push({
      severity: 'WARNING',
      summary: 'Block is deprecated',
      detail: `The "${name}" block is deprecated in this provider version's schema.`,
      attribute: path,
    });
  }
  if (v === null) return;
  forEachElement(nb.nesting_mode, v, path, (ev, ep) => validateBlock(nb.block, ev, ep, diags));
}
