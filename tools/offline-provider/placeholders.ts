// Typed placeholder values standing in for what the real provider would compute,
// used when "applying" offline and when reading data sources.
import { createHash } from 'node:crypto';
import { CtyType, collectionKind, elementType, objectAttributes, tupleElements } from './cty-types';
import { CtyValue, isObjectValue, newObject, Typed, Unknown } from './cty-value';

export interface PlaceholderContext {
  /** Resource or data source type, e.g. azurerm_virtual_network. */
  typeName: string;
  /** From the provider configuration when known; used in ids. */
  subscriptionId?: string;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
// Attributes that hold GUIDs in Azure; a GUID-shaped placeholder keeps expressions
// that split or pattern-match them (and humans reading plans) from tripping.
const GUID_ATTRIBUTES = /^(tenant_id|principal_id|client_id|object_id|subscription_id|application_id|app_id|guid|.*_guid)$/;
// Likewise IP addresses (a firewall's private IP used as a route's next hop): an
// address from TEST-NET-1 (RFC 5737), valid for cidrhost() & co., obviously fake.
const IP_ATTRIBUTES = /(^|_)ip_address(es)?$/;
const PLACEHOLDER_IP = '192.0.2.1';

/** Replaces every unknown inside `v` (of type `t`) by a placeholder. */
export function fillUnknowns(v: CtyValue, t: CtyType, attrName: string, ctx: PlaceholderContext, root: CtyValue, topLevel = true): CtyValue {
  if (v instanceof Unknown) return placeholder(t, attrName, ctx, root, topLevel);
  if (v === null) return null;
  if (t === 'dynamic') return v instanceof Typed ? new Typed(v.type, fillUnknowns(v.value, v.type, attrName, ctx, root, false)) : v;
  const kind = collectionKind(t);
  if (kind === 'list' || kind === 'set') return Array.isArray(v) ? v.map((e) => fillUnknowns(e, elementType(t), attrName, ctx, root, false)) : v;
  if (kind === 'map') {
    if (!isObjectValue(v)) return v;
    const out = newObject();
    for (const [k, e] of Object.entries(v)) out[k] = fillUnknowns(e, elementType(t), attrName, ctx, root, false);
    return out;
  }
  const elems = tupleElements(t);
  if (elems) return Array.isArray(v) ? v.map((e, i) => fillUnknowns(e, elems[i]!, attrName, ctx, root, false)) : v;
  const attrs = objectAttributes(t);
  if (attrs && isObjectValue(v)) {
    const out = newObject();
    // Attributes of the resource object itself are "top level" (that is where `id` lives).
    const childTop = topLevel && attrName === '';
    for (const [name, at] of Object.entries(attrs)) out[name] = fillUnknowns(v[name] ?? null, at, name, ctx, root, childTop);
    return out;
  }
  return v;
}

/** A known value of type `t` standing in for what the real provider would compute. */
export function placeholder(t: CtyType, attrName: string, ctx: PlaceholderContext, root: CtyValue, topLevel: boolean): CtyValue {
  switch (t) {
    case 'string':
      if (attrName === 'id' && topLevel) return placeholderId(ctx, root);
      if (GUID_ATTRIBUTES.test(attrName)) return attrName === 'subscription_id' && ctx.subscriptionId ? ctx.subscriptionId : ZERO_GUID;
      if (IP_ATTRIBUTES.test(attrName)) return PLACEHOLDER_IP;
      return `offline-${attrName || 'value'}`;
    case 'number':
      return 0;
    case 'bool':
      return false;
    case 'dynamic':
      return null;
  }
  const kind = collectionKind(t);
  if (kind === 'list' || kind === 'set') {
    // One element rather than none: configurations index computed lists
    // (`managed_resources[0].storage_account_id`), which an empty placeholder would
    // turn into a false "Invalid index" error. Map keys cannot be guessed: empty.
    const et = elementType(t);
    return et === 'dynamic' ? [] : [placeholder(et, attrName, ctx, root, false)];
  }
  if (kind === 'map') return newObject();
  const elems = tupleElements(t);
  if (elems) return elems.map((et) => placeholder(et, attrName, ctx, root, false));
  const out = newObject();
  for (const [name, at] of Object.entries(objectAttributes(t)!)) out[name] = placeholder(at, name, ctx, root, false);
  return out;
}

/**
 * An Azure-shaped resource id, so that expressions slicing ids keep working:
 * /subscriptions/<sub>/resourceGroups/<rg>/providers/offline/<type>/<name>, or
 * /offline/<type>/<name> when the resource has no resource group. A resource
 * without a known name gets a short hash of its values instead (stable per input).
 */
export function placeholderId(ctx: PlaceholderContext, root: CtyValue): string {
  const obj = isObjectValue(root) ? root : newObject();
  const str = (k: string) => (typeof obj[k] === 'string' && obj[k] !== '' ? (obj[k] as string) : undefined);
  const sub = ctx.subscriptionId || ZERO_GUID;
  const name = str('name') ?? createHash('sha256').update(stableText(root)).digest('hex').slice(0, 12);
  if (ctx.typeName === 'azurerm_resource_group') return `/subscriptions/${sub}/resourceGroups/${name}`;
  const rg = str('resource_group_name');
  if (rg) return `/subscriptions/${sub}/resourceGroups/${rg}/providers/offline/${ctx.typeName}/${name}`;
  return `/offline/${ctx.typeName}/${name}`;
}

function stableText(v: CtyValue): string {
  if (v instanceof Unknown) return '?';
  if (v instanceof Typed) return stableText(v.value);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(stableText).join(',')}]`;
  if (isObjectValue(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableText(v[k]!)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
