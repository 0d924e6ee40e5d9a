/** The part of cdktf's binary check (cdktf/lib/validations) this relies on. */
interface BinaryVersionCheck {
  readonly versionConstraint: string;
  validate(): string[];
}

/** `[major, minor, patch]` of a `>= X[.Y[.Z]]` constraint; undefined for any other form. */
export function minimumOf(constraint: string): [number, number, number] | undefined {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(constraint.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i]! > minimum[i]!;
  return true;
}

let installed: string | undefined;

/**
 * cdktf checks the Terraform on PATH before it writes a stack with `import`, `moved` or
 * `terraform_data` blocks: it runs `terraform version` through a shell once per stack with
 * moves and once per imported resource (a peering move of 30 zones ran it 435 times, 24 s of a
 * 26 s synth), and it fails the synth on a machine without Terraform, where synth needs none.
 * Every stack here pins `terraform.required_version` (`pinned`, its first `>=` part), which
 * Terraform enforces at init and plan wherever the stack is deployed. So a minimum cdktf asks
 * for that the pinned one implies (">=1.5" for imports and moves, ">=1.4", ">=1.1") passes
 * without running anything; any other constraint still runs cdktf's own check.
 */
export function checkTerraformVersionsAgainst(pinned: string): void {
  if (installed !== undefined) {
    if (installed !== pinned) throw new Error(`internal: Terraform version checks are already judged against ${installed}, not ${pinned}`);
    return;
  }
  const floor = minimumOf(pinned.split(',')[0]!);
  if (!floor) throw new Error(`internal: the pinned Terraform version ${JSON.stringify(pinned)} does not start with a ">= X.Y.Z" part`);
  const { ValidateTerraformVersion } = require('cdktf/lib/validations/validate-terraform-version') as {
    ValidateTerraformVersion?: { prototype: BinaryVersionCheck };
  };
  const prototype = ValidateTerraformVersion?.prototype;
  const runCheck = prototype && (Object.getPrototypeOf(prototype) as BinaryVersionCheck).validate;
  if (!prototype || typeof runCheck !== 'function' || Object.prototype.hasOwnProperty.call(prototype, 'validate'))
    throw new Error(
      "internal: cdktf's ValidateTerraformVersion changed shape (a cdktf upgrade, or a module that patched it first); update stacks/terraform-version-check.ts",
    );
  installed = pinned;
  prototype.validate = function (this: BinaryVersionCheck): string[] {
    const minimum = minimumOf(this.versionConstraint);
    return minimum && atLeast(floor, minimum) ? [] : runCheck.call(this);
  };
}
