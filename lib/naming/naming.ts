import { createHash } from 'crypto';
import { NAMING_RULES, ResourceKind } from './rules';

export type Environment = 'dev' | 'test' | 'prod';

/** Short environment codes used in names, as the reference implementation does. */
export const ENVIRONMENT_CODES: Record<Environment, string> = { dev: 'dev', test: 'tst', prod: 'prd' };

/** One derived Azure name, with what it names. */
export interface NamedResource {
  readonly kind: ResourceKind;
  readonly name: string;
  /** The zone code the name embeds (compact names), so errors can say how short it must be. */
  readonly zoneCode?: string;
}

/**
 * The one place Azure resource names are made. Two shapes:
 * - standard (hyphenated, CAF order): `{abbr}-{estate}-{env}-{zone}[-{purpose}]`, e.g. `rg-relecloud-prd-dmlz-network`
 *   (`unique` appends the suffix, for globally unique names that allow hyphens);
 * - compact (globally unique, length-limited, no hyphens): `{estate}{zoneCode}{purpose}{suffix}`,
 *   e.g. `relecloudbillingraw7k2p` for a storage account.
 * The suffix is 4 base-36 characters hashed from estate, environment and the management
 * subscription: stable across runs, and different for two organisations that pick the same
 * estate name. Every name made is recorded so validation can check it before synthesis.
 */
export class EstateNaming {
  readonly suffix: string;
  readonly envCode: string;
  private readonly made: NamedResource[] = [];

  constructor(
    readonly estate: string,
    readonly environment: Environment,
    managementSubscriptionId: string,
  ) {
    this.envCode = ENVIRONMENT_CODES[environment];
    this.suffix = uniqueSuffix(`${estate}|${environment}|${managementSubscriptionId.toLowerCase()}`);
  }

  /** `{abbr}-{estate}-{env}-{zone}[-{purpose}]` */
  standard(kind: ResourceKind, zone: string, purpose?: string): string {
    const parts = [NAMING_RULES[kind].abbreviation, this.estate, this.envCode, zone];
    if (purpose) parts.push(purpose);
    return this.record({ kind, name: parts.join('-') });
  }

  /**
   * `{abbr}-{estate}-{env}-{zone}[-{purpose}]-{suffix}`: the standard shape for globally
   * unique names that allow hyphens and have room for it (Purview accounts). The suffix
   * keeps two organisations with the same estate name from colliding.
   */
  unique(kind: ResourceKind, zone: string, purpose?: string): string {
    const parts = [NAMING_RULES[kind].abbreviation, this.estate, this.envCode, zone];
    if (purpose) parts.push(purpose);
    parts.push(this.suffix);
    return this.record({ kind, name: parts.join('-') });
  }

  /** `{abbr}-{purpose}` for names scoped inside a parent (subnets, rules). */
  child(kind: ResourceKind, purpose: string): string {
    return this.record({ kind, name: `${NAMING_RULES[kind].abbreviation}-${purpose}` });
  }

  /** A fixed name Azure mandates (e.g. `AzureFirewallSubnet`). */
  fixed(kind: ResourceKind, name: string): string {
    return this.record({ kind, name });
  }

  /**
   * A name scoped inside its parent, used verbatim: the estate's own conventions for
   * children that carry no CAF prefix (containers named after data integrations, the
   * reference's database names, managed private endpoints). Recorded and validated like
   * every other name.
   */
  scoped(kind: ResourceKind, name: string): string {
    return this.record({ kind, name });
  }

  /** `{estate}{zoneCode}{purpose}{suffix}` for globally unique names with tight length limits. */
  compact(kind: ResourceKind, zoneCode: string, purpose: string): string {
    return this.record({ kind, name: `${this.estate}${zoneCode}${purpose}${this.suffix}`, zoneCode });
  }

  /** Every name made so far. */
  get names(): readonly NamedResource[] {
    return this.made;
  }

  private record(named: NamedResource): string {
    this.made.push(named);
    return named.name;
  }
}

function uniqueSuffix(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  const n = digest.readUInt32BE(0) % 36 ** 4;
  // Start with a letter-or-digit mix; base 36 keeps it lowercase alphanumeric.
  return n.toString(36).padStart(4, '0');
}
