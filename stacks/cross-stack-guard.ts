import { IResolveContext, TerraformStack } from 'cdktf';

/** cdktf's reference token (not exported): the identifier it resolves to and the stack it belongs to. */
interface ReferenceToken {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  readonly crossStackIdentifier: Record<string, string>;
  resolve(context: IResolveContext): unknown;
}

let installed = false;

/**
 * Zone stacks skip cdktf's prepare pass (ZoneStack.prepareStack), the pass that turns a
 * reference to another stack's resource into an output and a remote state. Zones never make
 * such references (they read each other's named outputs), but if one ever appeared it would
 * now be written as a dangling `${azurerm_x.y.id}`: this makes resolving it throw instead,
 * naming both stacks. References resolved in their own stack, or prepared by a stack that
 * kept the pass, are untouched.
 */
export function refuseUnpreparedCrossStackReferences(): void {
  if (installed) return;
  installed = true;
  const { ref } = require('cdktf/lib/tfExpression') as { ref: (identifier: string) => ReferenceToken };
  const prototype = Object.getPrototypeOf(ref('probe')) as ReferenceToken;
  const resolve = prototype.resolve;
  prototype.resolve = function (this: ReferenceToken, context: IResolveContext): unknown {
    const origin = this.originStack;
    if (origin && !context.preparing) {
      const stack = TerraformStack.of(context.scope);
      if (stack !== origin && !this.crossStackIdentifier[stack.toString()])
        throw new Error(
          `internal: stack ${stack.node.id} refers to ${this.identifier} of stack ${origin.node.id}; zones read each other through remote-state outputs only (stacks/zone-stack.ts)`,
        );
    }
    return resolve.call(this, context);
  };
}
