import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';

/** One published scoring endpoint. */
export interface PublishedEndpoint {
  /** The data product: names its rule collection and rule. */
  readonly product: string;
  /** azureml-fe's internal load balancer address (in the product's subnet). */
  readonly address: string;
  /** IPv4 addresses or CIDR blocks allowed to call it. */
  readonly callers: readonly string[];
  /** The DNAT rule collection's priority inside the group (100-65000, unique in the group). */
  readonly priority: number;
}

export interface ServingIngressProps {
  /** The hub firewall policy (the management zone's). */
  readonly firewallPolicyId: string;
  /** The hub firewall's public IP address: what callers connect to. */
  readonly firewallPublicIp: string;
  /** The management zone's provider: the policy lives in its subscription. */
  readonly provider: AzurermProvider;
  /** The rule collection group's name, unique in the policy. */
  readonly name: string;
  /** The group's priority (100-65000), unique in the policy. */
  readonly priority: number;
  readonly endpoints: readonly PublishedEndpoint[];
}

/** The port callers use and azureml-fe listens on with TLS (the operator's certificate). */
export const SERVING_HTTPS_PORT = 443;

/**
 * Publishes served products' scoring endpoints to callers outside the platform: a rule
 * collection group in the hub firewall policy with one DNAT collection per product, TCP 443
 * on the firewall's public IP from the product's callers to azureml-fe's internal load
 * balancer, port 443. The firewall translates the source to its own private address, so the
 * replies return through it (no asymmetric routing; the subnet's default route points at it
 * too), and TLS runs end to end between caller and azureml-fe: the certificate never passes
 * through Terraform.
 */
export class ServingIngress extends Construct {
  readonly ruleCollectionGroup: FirewallPolicyRuleCollectionGroup;

  constructor(scope: Construct, id: string, props: ServingIngressProps) {
    super(scope, id);
    this.ruleCollectionGroup = new FirewallPolicyRuleCollectionGroup(this, 'dnat', {
      provider: props.provider,
      name: props.name,
      firewallPolicyId: props.firewallPolicyId,
      priority: props.priority,
      natRuleCollection: props.endpoints.map((endpoint) => ({
        name: `dnat-${endpoint.product}`,
        priority: endpoint.priority,
        action: 'Dnat',
        rule: [
          {
            name: `https-${endpoint.product}`,
            description: `Scoring endpoint of data product ${endpoint.product} (azureml-fe, internal load balancer)`,
            protocols: ['TCP'],
            sourceAddresses: [...endpoint.callers],
            destinationAddress: props.firewallPublicIp,
            destinationPorts: [String(SERVING_HTTPS_PORT)],
            translatedAddress: endpoint.address,
            translatedPort: SERVING_HTTPS_PORT,
          },
        ],
      })),
    });
  }
}
