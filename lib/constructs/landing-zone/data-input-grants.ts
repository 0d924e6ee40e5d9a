import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';
import { Estate } from '../../estate/model';
import { withPreviousIds } from '../shared/previous-ids';
import { RoleAssignment } from '../shared/role-assignment';

/** One product input: who reads (a product) what (an integration or product), across zones or not. */
export interface InputEdge {
  /** `previousNames`: the product's earlier names, oldest first (they were its grants' construct ids). */
  readonly consumer: Readonly<{ zone: string; product: string; previousNames: readonly string[] }>;
  readonly producer: Readonly<{ zone: string; item: string; kind: 'integration' | 'product'; previousNames: readonly string[] }>;
}

/**
 * The inputs whose read grant belongs in `zoneName`'s stack (spec section 3): an input
 * within one zone is granted there; one across zones in whichever of the two zones comes
 * later in the file, which reads the other's ids from its remote state. So no stack ever
 * depends on a later zone, and appending a zone changes no existing stack. In file order
 * of the consuming zone, product and input.
 */
export function inputGrantsPlacedIn(estate: Estate, zoneName: string): InputEdge[] {
  const index = new Map(estate.landingZones.map((zone) => [zone.name, zone.index]));
  const previousNames = new Map(
    estate.landingZones.flatMap((zone) => [...zone.dataIntegrations, ...zone.dataProducts].map((item) => [`${zone.name}/${item.name}`, item.previousNames] as const)),
  );
  // An input listed twice (`telemetry` and `operations/telemetry` in operations) is one grant.
  const seen = new Set<string>();
  const once = (edge: InputEdge) => {
    const key = `${edge.consumer.zone}/${edge.consumer.product}/${edge.producer.zone}/${edge.producer.item}`;
    return seen.has(key) ? false : (seen.add(key), true);
  };
  return estate.landingZones.flatMap((zone) =>
    zone.dataProducts.flatMap((product) =>
      product.inputs
        .filter((input) => {
          const later = index.get(input.zone)! > zone.index ? input.zone : zone.name;
          return later === zoneName;
        })
        .map((input): InputEdge => ({
          consumer: { zone: zone.name, product: product.name, previousNames: product.previousNames },
          producer: { zone: input.zone, item: input.name, kind: input.kind, previousNames: previousNames.get(`${input.zone}/${input.name}`) ?? [] },
        }))
        .filter(once),
    ),
  );
}

/** A read grant with its references resolved: local tokens, or another zone's remote-state outputs. */
export interface ResolvedInputGrant extends InputEdge {
  /** The consuming product's identity (principal id). */
  readonly principalId: string;
  /** The producer's data location (container id). */
  readonly scope: string;
  /** The subscription the container lies in (the producer zone's). */
  readonly subscriptionId: string;
  /**
   * Provider for that subscription.
   * @default - the stack's default provider (the container is in this zone's subscription)
   */
  readonly provider?: AzurermProvider;
}

export interface DataInputGrantsProps {
  readonly grants: readonly ResolvedInputGrant[];
}

/**
 * Storage Blob Data Reader for each consuming product's identity on each input's data
 * location: container scope, so a product reads exactly the integrations and products it
 * names. Construct ids are `<consumer zone>/<product>/<producer zone>/<item>`: keyed by
 * names, never by position.
 */
export class DataInputGrants extends Construct {
  readonly grants: readonly ResolvedInputGrant[];

  constructor(scope: Construct, id: string, props: DataInputGrantsProps) {
    super(scope, id);
    this.grants = props.grants;
    const child = (parent: Construct, key: string, previousIds: readonly string[] = []) =>
      (parent.node.tryFindChild(key) as Construct | undefined) ?? withPreviousIds(new Construct(parent, key), previousIds);
    for (const grant of props.grants) {
      const parent = child(child(child(this, grant.consumer.zone), grant.consumer.product, grant.consumer.previousNames), grant.producer.zone);
      const assignment = withPreviousIds(
        new RoleAssignment(parent, grant.producer.item, {
          role: 'Storage Blob Data Reader',
          principalId: grant.principalId,
          scope: grant.scope,
          subscriptionId: grant.subscriptionId,
        }),
        grant.producer.previousNames,
      );
      if (grant.provider) assignment.assignment.provider = grant.provider;
    }
  }
}
