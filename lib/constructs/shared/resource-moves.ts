import { TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
// cdktf's own logical id function (no package exports map; cdktf 0.21.0 is its final release).
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct, IConstruct } from 'constructs';
import { previousIdsOf } from './previous-ids';

/** One Terraform `moved` block. */
export interface ResourceMove {
  readonly from: string;
  readonly to: string;
}

/**
 * The stack's `moved` blocks: for every resource under a construct with earlier ids
 * (withPreviousIds), each address it had before is moved on to the next and the last to
 * its address now, so `terraform plan` keeps the resource instead of replacing it.
 * Computed at synth, when the tree is complete.
 */
export class ResourceMoves extends TerraformElement {
  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  override toTerraform(): Record<string, unknown> {
    const moves = resourceMoves(this.cdktfStack);
    return moves.length ? { moved: moves } : {};
  }
}

/** The moves of every resource in `stack`, in tree order. */
export function resourceMoves(stack: TerraformStack): ResourceMove[] {
  return stack.node.findAll().flatMap((construct) => (construct instanceof TerraformResource ? movesOf(stack, construct) : []));
}

function movesOf(stack: TerraformStack, resource: TerraformResource): ResourceMove[] {
  const scopes = resource.node.scopes.slice(resource.node.scopes.indexOf(stack) + 1);
  // Per path component, its earlier ids then its id now.
  const choices = scopes.map((scope: IConstruct) => [...previousIdsOf(scope), scope.node.id]);
  if (choices.every((c) => c.length === 1)) return [];
  const current = choices.map((c) => c[c.length - 1]);
  if (resource.friendlyUniqueId !== makeUniqueId(current)) {
    throw new Error(`internal: ${resource.node.path} has an overridden logical id, so its earlier addresses are unknown`);
  }
  // Every earlier combination of component ids (two renamed items can share a path: input
  // grants), chained in order into the current address. Terraform follows a chain, and
  // accepts each address as the source and as the target of one move only.
  const addresses = combinations(choices).map((components) => `${resource.terraformResourceType}.${makeUniqueId(components)}`);
  return addresses.slice(0, -1).map((from, i) => ({ from, to: addresses[i + 1] }));
}

/** The cartesian product of the choices, first choice varying slowest; the last is every component's last choice. */
function combinations(choices: readonly (readonly string[])[]): string[][] {
  return choices.reduce<string[][]>((partial, options) => partial.flatMap((prefix) => options.map((option) => [...prefix, option])), [[]]);
}
