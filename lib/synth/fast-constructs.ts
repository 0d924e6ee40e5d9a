/**
 * Construct paths, stack lookups and logical ids, which cdktf recomputes from the whole scope
 * chain every time it asks: `node.path` on every aspect visit and resource (its meta-argument
 * check builds a message with the path eagerly), `TerraformStack.of` on every element and
 * reference, an MD5 hash object per logical id, a fresh RegExp per token. At 100 landing zones
 * that is about a tenth of synth. The replacements give the same values: a construct's id and
 * scope never change once it exists, so its path and stack can be remembered. Each install
 * checks the shape of what it replaces and throws when a cdktf or constructs upgrade changed it.
 */
import { createHash } from 'crypto';
import * as crypto from 'crypto';

interface ConstructNode {
  readonly id: string;
  readonly scope?: { readonly node: ConstructNode };
  readonly host: { readonly node: ConstructNode };
}

/** Fails the install loudly: a patched internal no longer looks like what the patch was written for. */
export function unexpectedShape(what: string): never {
  throw new Error(
    `internal: ${what} changed shape (a cdktf or constructs upgrade, or a module that patched it first); update lib/synth/fast-*.ts, or set CSA_FAST_SYNTH=0 to synthesize with cdktf's own internals`,
  );
}

/** A getter of `prototype`, checked to exist, replaced by `get`. */
function replaceGetter(prototype: object, name: string, get: (this: never) => unknown, what: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
  if (!descriptor?.get || !descriptor.configurable) unexpectedShape(`${what}.${name}`);
  Object.defineProperty(prototype, name, { ...descriptor, get });
}

const PATH = Symbol('csa.constructPath');

/** constructs' `Node.path`: the non-empty ids from the root down, joined by `/`, remembered per node. */
function pathOf(node: ConstructNode & { [PATH]?: string }): string {
  let path = node[PATH];
  if (path === undefined) {
    const parent = node.scope ? pathOf(node.scope.node) : '';
    path = parent && node.id ? `${parent}/${node.id}` : parent || node.id;
    node[PATH] = path;
  }
  return path;
}

/** constructs' `Node.scopes` (root first, this construct last), without the quadratic `unshift`; a fresh array, as callers may change it. */
function scopesOf(this: ConstructNode): unknown[] {
  const scopes: unknown[] = [];
  for (let current: { readonly node: ConstructNode } | undefined = this.host; current; current = current.node.scope) scopes.push(current);
  return scopes.reverse();
}

function installConstructPaths(): void {
  const { Node } = require('constructs') as { Node: { prototype: object; PATH_SEP: string } };
  if (Node.PATH_SEP !== '/') unexpectedShape('constructs Node.PATH_SEP');
  replaceGetter(
    Node.prototype,
    'path',
    function (this: ConstructNode) {
      return pathOf(this);
    },
    'constructs Node',
  );
  replaceGetter(Node.prototype, 'scopes', scopesOf, 'constructs Node');
}

const STACK = Symbol('csa.stackOf');
type Construct = { readonly node: ConstructNode; [STACK]?: object };
interface StackClass {
  of(construct: unknown): object;
  isStack(x: unknown): boolean;
}

/** `TerraformStack.of`: the nearest stack up the scope chain, remembered per construct on the way. Without one, cdktf's own throws its error. */
function installStackLookup(): void {
  const { TerraformStack } = require('cdktf') as { TerraformStack: StackClass };
  const original = TerraformStack.of;
  if (typeof original !== 'function' || typeof TerraformStack.isStack !== 'function') unexpectedShape('cdktf TerraformStack.of');
  TerraformStack.of = function (construct: unknown): object {
    const chain: Construct[] = [];
    let current = construct as Construct | undefined;
    let stack: object | undefined;
    while (current && !stack) {
      if (TerraformStack.isStack(current)) stack = current;
      else if (current[STACK]) stack = current[STACK];
      else {
        chain.push(current);
        current = current.node.scope as Construct | undefined;
      }
    }
    if (!stack) return original.call(this, construct);
    for (const c of chain) c[STACK] = stack;
    return stack;
  };
}

/** Node's one-shot hash (20.12+) when present: no Hash object per id. */
const md5Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: string): string }).hash('md5', text, 'hex')
    : (text) => createHash('md5').update(text).digest('hex');

const DISALLOWED = /[^A-Za-z0-9_-]/g;

/** cdktf's `makeUniqueId` (lib/private/unique.js), step for step, with the one-shot hash. */
export function makeUniqueId(components: readonly string[], emptyError: () => Error): string {
  const kept = components.filter((x) => x !== 'Default');
  if (kept.length === 0) throw emptyError();
  if (kept.length === 1) {
    const candidate = kept[0].replace(DISALLOWED, '');
    if (candidate.length <= 255) return candidate;
  }
  const hash = md5Hex(kept.join('/')).slice(0, 8).toUpperCase();
  const deduped: string[] = [];
  for (const component of kept) if (deduped.length === 0 || !deduped[deduped.length - 1].endsWith(component)) deduped.push(component);
  const human = deduped
    .filter((x) => x !== 'Resource')
    .map((s) => s.replace(DISALLOWED, ''))
    .join('_')
    .slice(0, 240);
  return `${human}_${hash}`;
}

function installUniqueIds(): void {
  const unique = require('cdktf/lib/private/unique') as { makeUniqueId: (components: string[]) => string };
  const errors = require('cdktf/lib/errors') as { cannotCalcIdForEmptySetOfComponents?: () => Error };
  const emptyError = errors.cannotCalcIdForEmptySetOfComponents;
  if (typeof unique.makeUniqueId !== 'function' || typeof emptyError !== 'function') unexpectedShape('cdktf makeUniqueId');
  // Its callers read it from the module's exports at call time (`(0, unique_1.makeUniqueId)(...)`).
  unique.makeUniqueId = (components) => makeUniqueId(components, emptyError);
}

interface TokenMapShape {
  tokenCounter: number;
  readonly stringTokenMap: Map<string, unknown>;
}

/** cdktf's `TokenMap.registerStringKey` with its key-character RegExp built once instead of per token. */
function installTokenKeys(): void {
  const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap: { prototype: Record<string, unknown> } };
  const { VALID_KEY_CHARS } = require('cdktf/lib/tokens/private/encoding') as { VALID_KEY_CHARS: string };
  if (typeof TokenMap.prototype.registerStringKey !== 'function' || VALID_KEY_CHARS !== 'a-zA-Z0-9:._-') unexpectedShape('cdktf TokenMap');
  const invalid = new RegExp(`[^${VALID_KEY_CHARS}]`, 'g');
  const representations = new Map<string, string>();
  TokenMap.prototype.registerStringKey = function (this: TokenMapShape, token: unknown, displayHint?: string): string {
    const counter = this.tokenCounter++;
    const hint = displayHint || 'TOKEN';
    let representation = representations.get(hint);
    if (representation === undefined) {
      representation = hint.replace(invalid, '.');
      if (representations.size < 10_000) representations.set(hint, representation);
    }
    const key = `${representation}.${counter}`;
    this.stringTokenMap.set(key, token);
    return key;
  };
}

const REFERENCES = Symbol('csa.attributeReferences');
interface Resource {
  readonly forEach?: unknown;
  [REFERENCES]?: Map<string, unknown>;
}

/**
 * `TerraformResource.interpolationForAttribute` (every `resource.name`, `.id`, ... read) makes a
 * new reference, and a new token for it, on every read; a zone reads its resource group's name
 * hundreds of times. The reference depends only on the resource's type, logical id (fixed once
 * read: cdktf's own later reads keep it even after overrideLogicalId, __tests__/fast-synth.test.ts),
 * stack and `forEach`, so one per attribute and `forEach` state serves every read: it resolves
 * to the same text.
 */
function installAttributeReferences(): void {
  const { TerraformResource } = require('cdktf') as { TerraformResource: { prototype: Record<string, unknown> } };
  const original = TerraformResource.prototype.interpolationForAttribute as (this: Resource, attribute: string) => unknown;
  const shape = /ref\)\(`\$\{this\.terraformResourceType\}\.\$\{this\.friendlyUniqueId\}\$\{this\.forEach \? "\.\*" : ""\}\.\$\{\w+\}`, this\.cdktfStack\)/;
  if (typeof original !== 'function' || original.length !== 1 || !shape.test(String(original)))
    unexpectedShape('cdktf TerraformResource.interpolationForAttribute');
  TerraformResource.prototype.interpolationForAttribute = function (this: Resource, attribute: string): unknown {
    const references = (this[REFERENCES] ??= new Map());
    const key = this.forEach ? `*${attribute}` : attribute;
    let reference = references.get(key);
    if (reference === undefined) references.set(key, (reference = original.call(this, attribute)));
    return reference;
  };
}

let installed = false;

/**
 * CSA_FAST_SYNTH=0 leaves cdktf's own construct and stack-synth internals in place (for proving the
 * output identical, or ruling these patches out when debugging); the output is the same either way.
 */
export function fastSynthDisabled(): boolean {
  return process.env.CSA_FAST_SYNTH === '0';
}

/**
 * Installs the faster construct paths, stack lookups, logical ids and token keys, and the faster
 * stack synth (fast-stack.ts); idempotent, per thread.
 */
export function installFastConstructs(): void {
  if (installed || fastSynthDisabled()) return;
  installed = true;
  installConstructPaths();
  installStackLookup();
  installUniqueIds();
  installTokenKeys();
  installAttributeReferences();
  (require('./fast-stack') as typeof import('./fast-stack')).installFastStack();
}
