import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';
import { Construct } from 'constructs';
import { TemplateNamesOf } from '../../naming/item-names';
import { DataItemContext, ItemIdentity, itemEndpoint } from '../data-items/item-context';
import { EventHubNamespace } from '../shared/event-hub-namespace';
import { Grant } from '../shared/grants';

export interface StreamingProductProps {
  readonly names: TemplateNamesOf<'streaming'>;
  readonly context: DataItemContext;
  readonly identity: ItemIdentity;
  /** @default 2 */
  readonly partitionCount?: number;
  /** Days events are kept (Standard: 1-7). @default 1 */
  readonly retentionDays?: number;
}

/**
 * Template `streaming` (reference section E, brief): the product's own Event Hub
 * namespace (Standard, Entra ID only: local SAS authentication off, public access off,
 * `namespace` endpoint in the product subnet, never destroyed) with one event hub the
 * product's identity sends to and receives from. Processing (Spark Structured Streaming
 * on its pool by default) comes with the engine. The reference's IoT Hub and Stream
 * Analytics are not deployed (docs/data-products.md).
 */
export class StreamingProduct extends Construct {
  readonly namespace: EventHubNamespace;
  readonly eventHub: Eventhub;
  readonly grants: Readonly<Record<string, Grant>>;
  readonly factoryTargets = {};

  constructor(scope: Construct, id: string, props: StreamingProductProps) {
    super(scope, id);
    const { names, context, identity } = props;
    this.namespace = new EventHubNamespace(this, 'event-hub-namespace', {
      name: names.eventHub.namespace,
      resourceGroupName: context.resourceGroupName,
      location: context.location,
      privateEndpoint: itemEndpoint(context, names.eventHub.privateEndpoint, 'privatelink.servicebus.windows.net'),
      diagnostics: context.diagnostics,
    });
    this.eventHub = new Eventhub(this, 'event-hub', {
      name: names.eventHub.hub,
      namespaceId: this.namespace.namespace.id,
      partitionCount: props.partitionCount ?? 2,
      messageRetention: props.retentionDays ?? 1,
    });
    this.grants = {
      'event-hub-send': { role: 'Azure Event Hubs Data Sender', principalId: identity.principalId, scope: this.eventHub.id },
      'event-hub-receive': { role: 'Azure Event Hubs Data Receiver', principalId: identity.principalId, scope: this.eventHub.id },
    };
  }
}
