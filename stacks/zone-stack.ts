import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Aspects, TerraformOutput, TerraformRemoteState, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataProtectionAspect } from '../lib/constructs/shared/data-protection-aspect';
import { ResourceMoves } from '../lib/constructs/shared/resource-moves';
import { ForgottenResources } from '../lib/constructs/shared/forgotten-resources';
import { TagsAspect } from '../lib/constructs/shared/tags-aspect';
import { Estate } from '../lib/estate/model';
import { PolicyAspect } from '../lib/policy/policy-aspect';
import { addZoneBackend, OutputLocation, zoneRemoteState } from './backend';
import { refuseUnpreparedCrossStackReferences } from './cross-stack-guard';
import { checkTerraformVersionsAgainst } from './terraform-version-check';

/** The Terraform versions the stacks work with: `removed` blocks came with 1.7.0 (docs/apply-time.md); 2.x may change the language. */
export const TERRAFORM_VERSION_CONSTRAINT = '>= 1.7.0, < 2.0.0';

export interface ZoneStackProps {
  readonly estate: Estate;
  /** The zone's subscription: the default azurerm provider deploys there. */
  readonly subscriptionId: string;
  /** Value of the `zone` tag. */
  readonly zoneTag: string;
  readonly location: OutputLocation;
}

/**
 * A deployable zone: its azurerm provider, its own state, estate tags on every
 * resource, and the helpers zones use to read each other (remote state only, never
 * cdktf's implicit cross-stack references) and to act in other subscriptions.
 */
export abstract class ZoneStack extends TerraformStack {
  readonly estate: Estate;
  readonly subscriptionId: string;
  /** The default azurerm provider, for the zone's own subscription. */
  readonly provider: AzurermProvider;
  /** `removed` blocks: retired data stores leave the state and stay in Azure (docs/retirement.md). */
  readonly forgotten: ForgottenResources;
  private readonly outputLocation: OutputLocation;
  private readonly remoteStates = new Map<string, TerraformRemoteState>();
  private readonly aliasedProviders = new Map<string, AzurermProvider>();

  constructor(scope: Construct, id: string, props: ZoneStackProps) {
    super(scope, id);
    refuseUnpreparedCrossStackReferences();
    // cdktf's checks of the Terraform on PATH (for imports and moves) are judged against the pin below.
    checkTerraformVersionsAgainst(TERRAFORM_VERSION_CONSTRAINT);
    this.estate = props.estate;
    this.subscriptionId = props.subscriptionId;
    this.outputLocation = props.location;
    this.provider = new AzurermProvider(this, 'azurerm', {
      features: [{}],
      subscriptionId: props.subscriptionId,
      // Storage accounts deny shared keys, so data-plane calls must use Entra ID.
      storageUseAzuread: true,
    });
    addZoneBackend(this, props.estate.backend, props.location, id);
    // `removed` blocks (retirement, docs/retirement.md) need Terraform 1.7; an older one would fail on them.
    this.addOverride('terraform.required_version', TERRAFORM_VERSION_CONSTRAINT);
    Aspects.of(this).add(
      new TagsAspect({
        ...props.estate.tags,
        estate: props.estate.estate,
        environment: props.estate.environment,
        zone: props.zoneTag,
        'managed-by': 'csa-estate',
      }),
    );
    // prevent_destroy on every data store, whatever construct made it.
    Aspects.of(this).add(new DataProtectionAspect());
    // The security rule pack; it judges the synthesized JSON, so it sees the tags above (lib/policy).
    Aspects.of(this).add(new PolicyAspect());
    // `moved` blocks for the resources of renamed integrations and products (docs/renames.md).
    new ResourceMoves(this, 'resource-moves');
    this.forgotten = new ForgottenResources(this, 'forgotten-resources');
  }

  /**
   * cdktf's prepare pass resolves every token of the stack to find references to other stacks'
   * resources (to turn them into outputs and remote states), which zones never make: they read
   * each other's named outputs. Only the pass's backend check is kept; a cross-stack reference
   * that appears anyway fails loudly (cross-stack-guard.ts).
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * cdktf's check walks every path of the dependency graph, which is exponential for a
   * chain of zones plus skip edges; a visited set makes it linear.
   */
  override dependsOn(stack: TerraformStack): boolean {
    const seen = new Set<TerraformStack>();
    const pending = [...this.dependencies];
    while (pending.length) {
      const next = pending.pop()!;
      if (next === stack) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...next.dependencies);
    }
    return false;
  }

  /** Outputs of another zone's stack, read through the estate's backend (one data source per zone). */
  remoteState(stackName: string): TerraformRemoteState {
    let state = this.remoteStates.get(stackName);
    if (!state) {
      state = zoneRemoteState(this, `remote-state-${stackName}`, this.estate.backend, this.outputLocation, stackName, this.node.id);
      this.remoteStates.set(stackName, state);
    }
    return state;
  }

  /** The provider for resources in another zone's subscription: the default one when it is the same. */
  providerFor(zoneStackName: string, subscriptionId: string, options: { readonly force?: boolean } = {}): AzurermProvider {
    if (subscriptionId === this.subscriptionId && !options.force) return this.provider;
    let provider = this.aliasedProviders.get(zoneStackName);
    if (!provider) {
      provider = new AzurermProvider(this, `azurerm-${zoneStackName}`, {
        alias: zoneStackName,
        features: [{}],
        subscriptionId,
        storageUseAzuread: true,
      });
      this.aliasedProviders.set(zoneStackName, provider);
    }
    return provider;
  }

  /** A remote-state output with a fixed name (the contract), whatever the construct path. */
  protected output(name: string, value: unknown, description: string): TerraformOutput {
    const output = new TerraformOutput(this, name, { value, description });
    output.overrideLogicalId(name);
    return output;
  }
}
