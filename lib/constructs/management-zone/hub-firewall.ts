import { Firewall } from '@cdktf/provider-azurerm/lib/firewall';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { PublicIpPrefix } from '@cdktf/provider-azurerm/lib/public-ip-prefix';
import { Construct } from 'constructs';
import { Placement } from '../shared/vocabulary';
import { SECURE_DEFAULTS } from '../../catalog/secure-defaults';

export interface HubFirewallProps extends Placement {
  /** The AzureFirewallSubnet. */
  readonly subnetId: string;
  /** Premium adds intrusion detection (IDPS) in deny mode. */
  readonly tier: 'Standard' | 'Premium';
  /** Availability zones to spread over; empty in regions without zones. */
  readonly zones: readonly string[];
  readonly names: { readonly firewall: string; readonly policy: string; readonly publicIp: string; readonly publicIpPrefix: string };
}

/**
 * Azure Firewall for the estate: the only egress path (every zone routes 0.0.0.0/0
 * here) and the DNS proxy every zone's network uses to resolve private endpoints.
 */
export class HubFirewall extends Construct {
  readonly firewall: Firewall;
  readonly policy: FirewallPolicy;
  readonly publicIp: PublicIp;
  /** The address zones route to and use as DNS server. */
  readonly privateIp: string;

  constructor(scope: Construct, id: string, props: HubFirewallProps) {
    super(scope, id);
    const zones = props.zones.length ? { zones: [...props.zones] } : {};
    const prefix = new PublicIpPrefix(this, 'public-ip-prefix', {
      name: props.names.publicIpPrefix,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      ipVersion: 'IPv4',
      prefixLength: 30,
      ...zones,
    });
    this.publicIp = new PublicIp(this, 'public-ip', {
      name: props.names.publicIp,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Standard',
      allocationMethod: 'Static',
      ipVersion: 'IPv4',
      publicIpPrefixId: prefix.id,
      ...zones,
    });
    this.policy = new FirewallPolicy(this, 'policy', {
      name: props.names.policy,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: props.tier,
      threatIntelligenceMode: SECURE_DEFAULTS.firewall.threatIntelligenceMode.value,
      dns: { proxyEnabled: SECURE_DEFAULTS.firewall.dnsProxyEnabled.value },
      ...(props.tier === 'Premium' ? { intrusionDetection: { mode: SECURE_DEFAULTS.firewall.intrusionDetectionMode.value } } : {}),
    });
    this.firewall = new Firewall(this, 'firewall', {
      name: props.names.firewall,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      skuName: 'AZFW_VNet',
      skuTier: props.tier,
      firewallPolicyId: this.policy.id,
      ipConfiguration: [{ name: 'ipconfig', subnetId: props.subnetId, publicIpAddressId: this.publicIp.id }],
      ...zones,
    });
    this.privateIp = this.firewall.ipConfiguration.get(0).privateIpAddress;
  }
}
