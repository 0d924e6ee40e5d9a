import { EventhubNamespace } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { Construct } from 'constructs';
import { DiagnosticSettings } from './diagnostic-settings';
import { PrivateEndpoint, PrivateEndpointSpec } from './private-endpoint';
import type { ZoneDiagnostics } from './vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface EventHubNamespaceProps {
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly privateEndpoint: PrivateEndpointSpec;
  readonly diagnostics: ZoneDiagnostics;
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
      sku: SECURE_DEFAULTS.eventHub.sku.value,
      capacity: props.capacity ?? SECURE_DEFAULTS.eventHub.capacity.value,
      // The reference enables auto-inflate with a maximum of 1 unit, which inflates nothing.
      autoInflateEnabled: SECURE_DEFAULTS.eventHub.autoInflateEnabled.value,
      localAuthenticationEnabled: SECURE_DEFAULTS.eventHub.localAuthenticationEnabled.value,
      publicNetworkAccessEnabled: SECURE_DEFAULTS.eventHub.publicNetworkAccessEnabled.value,
      minimumTlsVersion: SECURE_DEFAULTS.eventHub.minimumTlsVersion.value,
      identity: { type: 'SystemAssigned' },
      networkRulesets: [
        {
          defaultAction: SECURE_DEFAULTS.eventHub.networkDefaultAction.value,
          publicNetworkAccessEnabled: SECURE_DEFAULTS.eventHub.publicNetworkAccessEnabled.value,
          // As the reference: no trusted-service bypass.
          trustedServiceAccessEnabled: SECURE_DEFAULTS.eventHub.trustedServiceAccessEnabled.value,
          ipRule: [],
          virtualNetworkRule: [],
        },
      ],
      // Holds events for their retention period: never destroyed by a refactor.
      lifecycle: { preventDestroy: SECURE_DEFAULTS.eventHub.preventDestroy.value },
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
