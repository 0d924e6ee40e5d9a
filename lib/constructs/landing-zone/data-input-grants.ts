import { Construct } from 'constructs';
import { withPreviousIds } from '../shared/previous-ids';
import { RoleAssignment } from '../shared/role-assignment';

/**
 * One product input: who reads (a product) what (an integration or product), across zones
 * or not. Which stack holds its grant is the app's choice (lib/estate/input-plan.ts).
 */
export interface InputEdge {
  /** `previousNames`: the product's earlier names, oldest first (they were its grants' construct ids). */
  readonly consumer: Readonly<{ zone: string; product: string; previousNames: readonly string[] }>;
  readonly producer: Readonly<{ zone: string; item: string; kind: 'integration' | 'product'; previousNames: readonly string[] }>;
}

/** A read grant with its references resolved: local tokens, or another zone's remote-state outputs. */
export interface ResolvedInputGrant extends InputEdge {
  /** The consuming product's identity (principal id). */
  readonly principalId: string;
  /** The producer's data location (container id). */
  readonly scope: string;
  /**
   * The subscription the container lies in (the producer zone's): the role definition's. The
   * stack's own provider creates the assignment, in any subscription: Azure addresses it by
   * its scope (docs/apply-time.md).
   */
  readonly subscriptionId: string;
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
      withPreviousIds(
        new RoleAssignment(parent, grant.producer.item, {
          role: 'Storage Blob Data Reader',
          principalId: grant.principalId,
          scope: grant.scope,
          subscriptionId: grant.subscriptionId,
        }),
        grant.producer.previousNames,
      );
    }
  }
}
