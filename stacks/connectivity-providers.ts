import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { Estate } from '../lib/estate/model';

/** Alias of the provider for the enterprise hub's subscription (hub-side peerings). */
export const HUB_PROVIDER_KEY = 'connectivity';
/** Alias of the provider for the enterprise firewall policy's subscription, when it is not the hub's. */
export const FIREWALL_POLICY_PROVIDER_KEY = 'connectivity-policy';

/** The providers a zone stack needs in the enterprise connectivity subscriptions, made only when used. */
export interface ConnectivityProviders {
  /** For the hub side of the zone's peering: only with `createHubPeerings`. */
  hubSide(): AzurermProvider | undefined;
  /** For rules in the enterprise firewall policy (the estate's rule collection groups, published serving endpoints). */
  firewallPolicy(): AzurermProvider;
}

type ProviderFor = (key: string, subscriptionId: string) => AzurermProvider;

/** The connectivity providers of a stack, through its `providerFor` (the stack's own provider when the subscription is its own). */
export function connectivityProviders(estate: Estate, providerFor: ProviderFor): ConnectivityProviders {
  const hub = estate.managementZone.connectivity;
  return {
    hubSide: () => (hub.mode === 'existing-hub' && hub.createHubPeerings ? providerFor(HUB_PROVIDER_KEY, hub.hub.subscriptionId) : undefined),
    firewallPolicy: () => {
      if (hub.mode !== 'existing-hub' || !hub.firewallPolicy) throw new Error('internal: no enterprise firewall policy');
      const subscriptionId = hub.firewallPolicy.subscriptionId;
      return providerFor(subscriptionId === hub.hub.subscriptionId ? HUB_PROVIDER_KEY : FIREWALL_POLICY_PROVIDER_KEY, subscriptionId);
    },
  };
}
