import { TerraformElement } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Terraform `removed` blocks with `lifecycle { destroy = false }` (Terraform 1.7 and later):
 * the resources at these addresses leave the state without being destroyed. Retired data
 * stores get one each, so the data stays in Azure (docs/retirement.md).
 */
export class ForgottenResources extends TerraformElement {
  private readonly addresses = new Set<string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Forgets the resources at `addresses` (`<type>.<name>`) instead of destroying them. */
  forget(addresses: Iterable<string>): void {
    for (const address of addresses) this.addresses.add(address);
  }

  override toTerraform(): Record<string, unknown> {
    if (!this.addresses.size) return {};
    return { removed: [...this.addresses].sort().map((from) => ({ from, lifecycle: { destroy: false } })) };
  }
}
