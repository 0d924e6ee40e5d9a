import { PolicyResource } from './rule';

/** The parts of a synthesized stack (`cdk.tf.json`) the rules read. */
export interface StackConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** Every resource of a synthesized stack, without cdktf's `//` metadata. */
export function stackResources(config: StackConfig): PolicyResource[] {
  const resources: PolicyResource[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { ['//']: _metadata, ...attributes } = body;
      resources.push({ type, address: `${type}.${name}`, attributes });
    }
  }
  return resources;
}
