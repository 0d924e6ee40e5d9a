// What the stand-in does with resource values, independent of gRPC: planning
// (computed -> unknown) and "applying" / reading by filling unknowns with typed
// placeholders. Validation lives in validate-config.ts.
import { CtyValue, isObjectValue, newObject, Unknown, UNKNOWN } from './cty-value';
import { elementAt, mapElements } from './nesting';
import { fillUnknowns, placeholder, PlaceholderContext } from './placeholders';
import { attributeType, blockType, JsonAttribute, JsonBlock, JsonSchema } from './schema';

/**
 * PlanResourceChange. Terraform hands us `proposed`, its merge of config and prior
 * state (computed attributes absent from config already carry their prior value).
 * - destroy (proposed null): planned null;
 * - create (prior null): every computed attribute still null becomes unknown,
 *   recursively inside nested blocks — "known after apply";
 * - update: computed attributes not set in config keep their prior value; nested
 *   block elements with no prior counterpart are treated like a create.
 * Write-only attributes are always planned as null (Terraform requires it).
 */
export function planResourceChange(schema: JsonSchema, prior: CtyValue, proposed: CtyValue, config: CtyValue): CtyValue {
  if (proposed === null) return null;
  return planBlock(schema.block, prior, proposed, config);
}

function planBlock(block: JsonBlock, prior: CtyValue, proposed: CtyValue, config: CtyValue): CtyValue {
  if (!isObjectValue(proposed)) return proposed;
  const priorObj = isObjectValue(prior) ? prior : undefined;
  const configObj = isObjectValue(config) ? config : undefined;
  const out = newObject();
  Object.assign(out, proposed);
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    out[name] = planAttribute(a, priorObj ? (priorObj[name] ?? null) : undefined, proposed[name] ?? null, configObj ? (configObj[name] ?? null) : null);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const pv = proposed[name] ?? null;
    const priorV = priorObj ? (priorObj[name] ?? null) : null;
    const cv = configObj ? (configObj[name] ?? null) : null;
    out[name] = mapElements(nb.nesting_mode, pv, (ev, key) =>
      planBlock(nb.block, elementAt(nb.nesting_mode, priorV, key), ev, elementAt(nb.nesting_mode, cv, key)),
    );
  }
  return out;
}

/** `prior` undefined means "no prior object" (create). */
function planAttribute(a: JsonAttribute, prior: CtyValue | undefined, proposed: CtyValue, config: CtyValue): CtyValue {
  if (a.write_only) return null;
  if (a.computed && config === null) {
    if (prior !== undefined) return prior; // update: keep what the provider said last time
    if (proposed === null) return UNKNOWN; // create: known after apply
  }
  if (a.nested_type && proposed !== null && !(proposed instanceof Unknown)) {
    const nt = a.nested_type;
    return mapElements(nt.nesting_mode, proposed, (ev, key) =>
      planBlock({ attributes: nt.attributes }, elementAt(nt.nesting_mode, prior ?? null, key), ev, elementAt(nt.nesting_mode, config, key)),
    );
  }
  return proposed;
}

// ---------------------------------------------------------------------------
// Apply / read: filling unknowns with placeholders

/**
 * ApplyResourceChange: the planned state with every unknown replaced by a typed
 * placeholder; write-only attributes null. A destroy (planned null) stays null.
 */
export function applyResourceChange(schema: JsonSchema, planned: CtyValue, ctx: PlaceholderContext): CtyValue {
  if (planned === null) return null;
  const type = blockType(schema.block);
  const filled = fillUnknowns(planned, type, '', ctx, planned);
  return nullWriteOnly(schema.block, filled);
}

/**
 * ReadDataSource / OpenEphemeralResource: the config with computed attributes that
 * are null (not set) or unknown filled with placeholders, recursively.
 */
export function readWithPlaceholders(schema: JsonSchema, config: CtyValue, ctx: PlaceholderContext): CtyValue {
  if (config === null) return null;
  const withComputed = fillComputed(schema.block, config, ctx, config);
  return fillUnknowns(withComputed, blockType(schema.block), '', ctx, withComputed);
}

function fillComputed(block: JsonBlock, value: CtyValue, ctx: PlaceholderContext, root: CtyValue): CtyValue {
  if (!isObjectValue(value)) return value;
  const out = newObject();
  Object.assign(out, value);
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    const v = value[name] ?? null;
    if (a.write_only) out[name] = null;
    else if (a.computed && (v === null || v instanceof Unknown)) out[name] = placeholder(attributeType(a), name, ctx, root, value === root);
    else if (a.nested_type) {
      const nt = a.nested_type;
      out[name] = mapElements(nt.nesting_mode, v, (ev) => fillComputed({ attributes: nt.attributes }, ev, ctx, root));
    }
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    out[name] = mapElements(nb.nesting_mode, value[name] ?? null, (ev) => fillComputed(nb.block, ev, ctx, root));
  }
  return out;
}

function nullWriteOnly(block: JsonBlock, value: CtyValue): CtyValue {
  if (!isObjectValue(value)) return value;
  const out = newObject();
  Object.assign(out, value);
  for (const [name, a] of Object.entries(block.attributes ?? {})) if (a.write_only) out[name] = null;
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    out[name] = mapElements(nb.nesting_mode, value[name] ?? null, (ev) => nullWriteOnly(nb.block, ev));
  }
  return out;
}

/**
 * ImportResourceState: what the stand-in knows of an object it is asked to import, its id only
 * (no Azure to read the rest from). Every other attribute is null and every nested block empty,
 * so the plan shows the import followed by an in-place update to the configuration: the same
 * shape as a real import whose remote object differs, never a create.
 */
export function importedObject(block: JsonBlock, id: string): CtyValue {
  const out = newObject();
  for (const name of Object.keys(block.attributes ?? {})) out[name] = null;
  for (const [name, nb] of Object.entries(block.block_types ?? {}))
    out[name] = nb.nesting_mode === 'list' || nb.nesting_mode === 'set' ? [] : nb.nesting_mode === 'map' ? newObject() : null;
  if ('id' in out) out.id = id;
  return out;
}
