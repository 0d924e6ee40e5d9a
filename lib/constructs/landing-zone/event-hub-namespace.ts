import { EventhubNamespace } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { Construct } from 'constructs';
import { DiagnosticSettings, DiagnosticSettingsOptions } from '../shared/diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from '../shared/private-endpoint';

export interface EventHubNamespaceProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: DiagnosticSettingsOptions & { readonly name: string };
  /**
   * Throughput units.
   * @default 1 (as the reference)
   */
  readonly capacity?: number;
}

/**
 * An Event Hub namespace (the shared integration one, or a streaming product's): Standard (Kafka
 * endpoint), Entra ID only (no SAS keys: local authentication off), reachable only
 * through its `namespace` endpoint, TLS 1.2.
 */
export class EventHubNamespace extends Construct {
  readonly namespace: EventhubNamespace;

  constructor(scope: Construct, id: string, props: EventHubNamespaceProps) {
    super(scope, id);
    this.namespace = new EventhubNamespace(this, 'namespace', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      capacity: props.capacity ?? 1,
      // The reference enables auto-inflate with a maximum of 1 unit, which inflates nothing.
      autoInflateEnabled: false,
      localAuthenticationEnabled: false,
      publicNetworkAccessEnabled: false,
      minimumTlsVersion: '1.2',
      identity: { type: 'SystemAssigned' },
      networkRulesets: [
        {
          defaultAction: 'Deny',
          publicNetworkAccessEnabled: false,
          // As the reference: no trusted-service bypass.
          trustedServiceAccessEnabled: false,
          ipRule: [],
          virtualNetworkRule: [],
        },
      ],
      // Holds events for their retention period: never destroyed by a refactor.
      lifecycle: { preventDestroy: true },
    });
    new PrivateEndpoint(this, 'private-endpoint', {
      ...props.privateEndpoint,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      targetResourceId: this.namespace.id,
      subresource: 'namespace',
    });
    new DiagnosticSettings(this, 'diagnostics', { ...props.diagnostics, targetResourceId: this.namespace.id });
  }
}
