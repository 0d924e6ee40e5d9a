import { StackJson } from './synth';

/** A stack's `moved` blocks. */
export function movesOf(stack: StackJson & { moved?: { from: string; to: string }[] }): { from: string; to: string }[] {
  return stack.moved ?? [];
}

/** Every managed resource address of a stack. */
export function addressesOf(stack: StackJson): string[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));
}

/** Where Terraform puts a resource found in state at `address`, following chained `moved` blocks. */
export function follow(stack: StackJson, address: string): string {
  const next = new Map(movesOf(stack).map((m) => [m.from, m.to]));
  let at = address;
  for (let hops = 0; next.has(at); hops++) {
    if (hops > next.size) throw new Error(`moved blocks loop at ${address}`);
    at = next.get(at)!;
  }
  return at;
}

/**
 * The old stack's resources as the new stack should have them after a rename: each old
 * address carried to where the moved blocks put it, references rewritten the same way, and
 * the item-name tags (and the item budgets' tag filters) and remote-state output keys renamed. Construct metadata (`//`) is dropped.
 */
export function carriedOver(oldStack: StackJson, newStack: StackJson, renames: Readonly<Record<string, string>>): Record<string, Record<string, unknown>> {
  let text = JSON.stringify(comparable(oldStack.resource));
  for (const address of addressesOf(oldStack)) {
    const to = follow(newStack, address);
    if (to === address) continue;
    const [oldId, newId] = [address.slice(address.indexOf('.') + 1), to.slice(to.indexOf('.') + 1)];
    // Logical ids end with an 8-character hash: no id is part of another.
    text = text.split(oldId).join(newId);
  }
  for (const [from, to] of Object.entries(renames)) {
    for (const tag of ['dataIntegration', 'dataProduct']) {
      text = text.split(`"${tag}":"${from}"`).join(`"${tag}":"${to}"`);
      // The item budget's filter follows the item's tag.
      text = text.split(`"name":"${tag}","operator":"In","values":["${from}"]`).join(`"name":"${tag}","operator":"In","values":["${to}"]`);
    }
    text = text.split(`[\\"${from}\\"]`).join(`[\\"${to}\\"]`);
  }
  return JSON.parse(text);
}

/**
 * Resources without cdktf's `//` construct metadata, and with remote-state map keys in one
 * form: cdktf writes `outputs.identities.churn` but `outputs.identities["churn-v2"]`.
 */
export function comparable(resources: StackJson['resource']): Record<string, Record<string, unknown>> {
  const text = JSON.stringify(withoutMetadata(resources)).replace(/(outputs\.\w+)\.([A-Za-z_][\w-]*)(?=[}.[])/g, '$1[\\"$2\\"]');
  return JSON.parse(text);
}

/** Resources without cdktf's `//` construct metadata. */
export function withoutMetadata(resources: StackJson['resource']): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resources ?? {}).map(([type, byId]) => [
      type,
      Object.fromEntries(Object.entries(byId).map(([id, { ['//']: _, ...config }]) => [id, config])),
    ]),
  );
}
