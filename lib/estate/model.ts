import { EstateNaming, Environment } from '../naming/naming';
import { LandingZoneNames, ManagementZoneNames } from '../naming/zone-names';
import { SubnetSlot } from '../network/subnet-layout';
import { IntegrationEngine, ProductTemplate } from './schema';

/**
 * The resolved estate: the file after validation, defaults, address planning and
 * naming. Constructs read only this; they never re-derive names or addresses.
 */
export interface Estate {
  readonly estate: string;
  readonly environment: Environment;
  readonly location: string;
  /** User tags; the synthesizer adds estate, environment, zone and managed-by. */
  readonly tags: Readonly<Record<string, string>>;
  readonly backend: Backend;
  readonly network: { readonly addressPool: string; readonly topology: 'peering' };
  readonly naming: EstateNaming;
  readonly managementZone: ManagementZone;
  readonly landingZones: readonly LandingZone[];
  /** Policy findings the estate accepts, each with a written reason (lib/policy). */
  readonly suppressions: readonly EstateSuppression[];
}

/** One entry of the estate file's `suppressions`. */
export interface EstateSuppression {
  /** A rule id of the policy pack, e.g. `CSA-ST-001`. */
  readonly rule: string;
  /** `dmlz` or `dlz-<landing zone name>`. */
  readonly stack: string;
  /** A Terraform address in the stack, `*` and `?` as wildcards. */
  readonly address: string;
  readonly reason: string;
  /** Where it is declared (`suppressions[<n>]`), for messages. */
  readonly path: string;
}

export type Backend =
  | { readonly type: 'local'; readonly stateDirectory: string }
  | {
      readonly type: 'azurerm';
      readonly resourceGroupName: string;
      readonly storageAccountName: string;
      readonly containerName: string;
      readonly subscriptionId?: string;
    };

export interface Zone {
  /** `dmlz` or `dlz-<name>`: the stack name and its state key. */
  readonly stackName: string;
  readonly subscriptionId: string;
  readonly addressSpace: string;
  readonly subnets: readonly SubnetSlot[];
}

export interface ManagementZone extends Zone {
  readonly firewall: { readonly tier: 'Standard' | 'Premium' };
  readonly purview: { readonly rootCollectionAdmins: readonly string[] };
  readonly names: ManagementZoneNames;
}

export interface SharedServices {
  readonly databricks: boolean;
  readonly dataFactory: boolean;
  readonly synapse: boolean;
  readonly eventHub: boolean;
  readonly selfHostedIntegrationRuntime: boolean;
}

export interface LandingZone extends Zone {
  /** Position in the file; zones link only to earlier zones. */
  readonly index: number;
  readonly name: string;
  /** Zone part of compact global names. */
  readonly code: string;
  readonly sharedServices: SharedServices;
  readonly dataIntegrations: readonly DataIntegration[];
  readonly dataProducts: readonly DataProduct[];
  readonly names: LandingZoneNames;
}

export interface DataIntegration {
  readonly name: string;
  readonly sources: readonly string[];
  readonly engine: IntegrationEngine;
}

export interface DataProduct {
  readonly name: string;
  readonly template: ProductTemplate;
  readonly engine: IntegrationEngine;
  readonly serving?: 'aks';
  readonly inputs: readonly DataInput[];
}

export interface DataInput {
  readonly zone: string;
  readonly name: string;
  readonly kind: 'integration' | 'product';
}

export function stackNameOf(zoneName: string): string {
  return `dlz-${zoneName}`;
}
