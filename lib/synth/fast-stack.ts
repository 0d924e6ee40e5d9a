/**
 * cdktf's `TerraformStack.toTerraform` resolves every element's fragment, deep-copies each one
 * into the stack's tree (deepMerge) and then resolves the whole tree again, copying it once
 * more: at 100 landing zones that is a tenth of synth. This is the same method, step for step,
 * except that a fragment's objects move into the tree instead of being copied (the fragment,
 * resolve's fresh output, is used nowhere else), and the final resolve gives those untouched,
 * already resolved objects back as they are (resolving resolved data changes nothing; the
 * stack's own overrides, which are not resolved yet, make every object they reach resolve again).
 * `processDynamicAttributes` (every resource) is the same walk without a closure per key.
 */
import { rememberingReferences, resolvingResolved } from './fast-resolve';
import { fastSynthDisabled, unexpectedShape } from './fast-constructs';

type Tree = Record<string, unknown>;
interface Element {
  readonly node: { readonly path: string; readonly children: Element[] };
  readonly friendlyUniqueId: string;
  toTerraform(): unknown;
  toMetadata(): unknown;
}
interface Stack extends Element {
  readonly cdktfVersion: string;
  readonly rawOverrides: Tree;
}
interface Cdktf {
  readonly TerraformStack: { prototype: Stack; isStack(x: unknown): boolean };
  readonly TerraformElement: { isTerraformElement(x: unknown): boolean };
  readonly TerraformOutput: { isTerraformOutput(x: unknown): boolean };
  readonly TerraformDynamicBlock: { isTerraformDynamicBlock(x: unknown): x is { toTerraformDynamicBlockJson(): unknown } };
}
type Resolve = (scope: unknown, obj: unknown) => unknown;
type DeepMerge = (target: unknown, ...sources: unknown[]) => Tree;

/** cdktf's `terraformElements` (terraform-stack.js, not exported): the elements under `node`, not descending into other stacks. */
function terraformElements(cdktf: Cdktf, node: Element, into: Element[] = []): Element[] {
  if (cdktf.TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!cdktf.TerraformStack.isStack(child)) terraformElements(cdktf, child, into);
  return into;
}

/** deepMerge of one resolved fragment into the stack's tree, moving its objects in where the tree has none (recorded in `moved`). */
function mergeResolved(target: Tree, source: Tree, moved: WeakSet<object>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const existing = target[key];
      // cdktf puts a fresh object there and copies `value` into it: the same keys in the same order.
      if (typeof existing !== 'object') {
        target[key] = value;
        moved.add(value);
      } else mergeResolved(existing as Tree, value as Tree, moved);
    } else if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...(existing as unknown[]), ...value] : value;
    } else if (value === undefined) delete target[key];
    else target[key] = value;
  }
}

/** The objects the stack's overrides will merge into are no longer resolve's untouched output. */
function unmarkOverridden(target: unknown, overrides: Tree, moved: WeakSet<object>): void {
  if (typeof target !== 'object' || target === null) return;
  moved.delete(target);
  for (const key of Object.keys(overrides)) {
    const value = overrides[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) unmarkOverridden((target as Tree)[key], value as Tree, moved);
  }
}

/** The `//` block: the stack's metadata (merged with its elements') and its outputs by construct path. */
function stackMetadata(stack: Stack, elements: Element[], cdktf: Cdktf, resolve: Resolve, deepMerge: DeepMerge): Tree {
  const metadata = {
    version: stack.cdktfVersion,
    stackName: (stack.node as unknown as { id: string }).id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(stack.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(stack.rawOverrides) } } : {}),
  };
  for (const meta of elements.map((e) => resolve(stack, e.toMetadata()))) deepMerge(metadata, meta);
  const outputs: Tree = {};
  for (const item of elements) {
    if (!cdktf.TerraformOutput.isTerraformOutput(item)) continue;
    const nested = item.node.path
      .split('/')
      .reduceRight<Tree>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: item.friendlyUniqueId } : { [part]: inner }), {});
    deepMerge(outputs, nested);
  }
  return { metadata, outputs };
}

/** cdktf's `TerraformStack.prototype.toTerraform`, without the copies (see the top of this file). */
function fastToTerraform(cdktf: Cdktf, resolve: Resolve, deepMerge: DeepMerge): (this: Stack) => unknown {
  const write = function (this: Stack): unknown {
    const tf: Tree = {};
    const elements = terraformElements(cdktf, this);
    tf['//'] = stackMetadata(this, elements, cdktf, resolve, deepMerge);
    const fragments = elements.map((e) => resolve(this, e.toTerraform()));
    const moved = new WeakSet<object>();
    for (const fragment of fragments) {
      if (typeof fragment !== 'object' || fragment === null)
        deepMerge(tf, fragment); // throws as cdktf does
      else mergeResolved(tf, fragment as Tree, moved);
    }
    unmarkOverridden(tf, this.rawOverrides, moved);
    deepMerge(tf, this.rawOverrides);
    return resolvingResolved(moved, () => resolve(this, tf));
  };
  // Reference strings resolve once per stack while it writes (lib/synth/fast-resolve.ts referenceMemo).
  return function toTerraform(this: Stack): unknown {
    return rememberingReferences(() => write.call(this));
  };
}

/** cdktf's `processDynamicAttributes` (lib/util.js): dynamic blocks move under `dynamic`, plain objects are walked, the rest is kept. */
function processDynamicAttributes(cdktf: Cdktf, attributes: Tree): Tree {
  const result: Tree = {};
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (cdktf.TerraformDynamicBlock.isTerraformDynamicBlock(value)) {
      if (!result.dynamic) result.dynamic = {};
      (result.dynamic as Tree)[name] = value.toTerraformDynamicBlockJson();
    } else {
      const recurse = value !== null && typeof value === 'object' && value.constructor === Object;
      result[name] = recurse ? processDynamicAttributes(cdktf, value as Tree) : value;
    }
  }
  return result;
}

/** What cdktf 0.21's `TerraformStack.toTerraform` does, in order of appearance: the steps fastToTerraform repeats. */
const TO_TERRAFORM_STEPS = [
  /stackName: this\.node\.id,\s*backend: "local",[^]*cloud: (undefined|void 0),[^]*rawOverrides/,
  /terraformElements\w*\(this\)/,
  /\.toMetadata\(\)/,
  /isTerraformOutput\(\w+\)/,
  /\[\s*"\/\/"\s*\] = \{ metadata\w*, outputs\w* \}/,
  /\.map\(\(\w+\) => \(0, _tokens_1\.resolve\)\(this, \w+\.toTerraform\(\)\)\)/,
  /deepMerge\)\(\w+, fragment\w*\)/,
  /deepMerge\)\(\w+, this\.rawOverrides\)/,
  /return \(0, _tokens_1\.resolve\)\(this, \w+\);\s*\}$/,
];

let installed = false;

/** Installs the faster stack `toTerraform` and `processDynamicAttributes` (idempotent, per thread). */
export function installFastStack(): void {
  if (installed || fastSynthDisabled()) return;
  installed = true;
  const { TerraformDynamicBlock } = require('cdktf/lib/terraform-dynamic-block') as Pick<Cdktf, 'TerraformDynamicBlock'>;
  const cdktf: Cdktf = { ...(require('cdktf') as Cdktf), TerraformDynamicBlock };
  const checks = [cdktf.TerraformStack.isStack, cdktf.TerraformElement.isTerraformElement, cdktf.TerraformOutput.isTerraformOutput];
  if ([...checks, TerraformDynamicBlock.isTerraformDynamicBlock].some((f) => typeof f !== 'function')) unexpectedShape('cdktf element checks');
  const tokens = require('cdktf/lib/_tokens') as { resolve?: Resolve };
  const util = require('cdktf/lib/util') as { deepMerge?: DeepMerge; processDynamicAttributes?: (attributes: Tree) => Tree };
  const stack = cdktf.TerraformStack.prototype;
  const toTerraformSource = String(Object.getOwnPropertyDescriptor(stack, 'toTerraform')?.value);
  // The steps this file repeats; any other shape (an upgrade) must be looked at again.
  // (A bundler may rename local identifiers, hence the patterns.)
  for (const step of TO_TERRAFORM_STEPS) if (!step.test(toTerraformSource)) unexpectedShape('cdktf TerraformStack.toTerraform');
  if (typeof tokens.resolve !== 'function' || typeof util.deepMerge !== 'function' || typeof util.processDynamicAttributes !== 'function')
    unexpectedShape('cdktf util');
  const resolve = tokens.resolve;
  const deepMerge = util.deepMerge;
  stack.toTerraform = fastToTerraform(
    cdktf,
    (scope, obj) => resolve(scope, obj),
    (target, ...sources) => deepMerge(target, ...sources),
  );
  // Its callers read it from the module's exports at call time (`(0, util_1.processDynamicAttributes)(...)`).
  util.processDynamicAttributes = (attributes) => processDynamicAttributes(cdktf, attributes);
}
