import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import type { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';
import { FirewallRuleCollectionGroupKey } from '../../naming/zone-names';
import { ApplicationRule, FirewallRules, NetworkRule, RuleCollection } from '../../catalog/firewall-rules';

export interface FirewallRuleCollectionGroupsProps {
  readonly firewallPolicyId: string;
  /** The allow rules (see `firewallRules`). */
  readonly rules: FirewallRules;
  /**
   * Source addresses of every rule. The reference allows `*`; the estate's address pool
   * (which holds every zone) keeps the firewall from forwarding for anything that is not
   * an estate network.
   */
  readonly sourceAddresses: readonly string[];
  readonly names: Readonly<Record<FirewallRuleCollectionGroupKey, string>>;
  /**
   * A provider for the policy's subscription, when it is not the stack's (an enterprise hub's policy).
   * @default the stack's default provider
   */
  readonly provider?: AzurermProvider;
}

/** Renders the rule collection groups into the hub firewall policy, all collections `Allow`. */
export class FirewallRuleCollectionGroups extends Construct {
  readonly network: FirewallPolicyRuleCollectionGroup;
  readonly application: FirewallPolicyRuleCollectionGroup;

  constructor(scope: Construct, id: string, props: FirewallRuleCollectionGroupsProps) {
    super(scope, id);
    const sourceAddresses = [...props.sourceAddresses];
    const provider = props.provider ? { provider: props.provider } : {};
    this.network = new FirewallPolicyRuleCollectionGroup(this, 'network', {
      ...provider,
      name: props.names.network,
      firewallPolicyId: props.firewallPolicyId,
      priority: props.rules.network.priority,
      networkRuleCollection: props.rules.network.collections.map((collection: RuleCollection<NetworkRule>) => ({
        name: collection.name,
        priority: collection.priority,
        action: 'Allow',
        rule: collection.rules.map((rule) => ({
          name: rule.name,
          description: rule.description,
          protocols: [...rule.protocols],
          sourceAddresses,
          destinationAddresses: [...rule.destinationAddresses],
          destinationPorts: [...rule.destinationPorts],
        })),
      })),
    });
    this.application = new FirewallPolicyRuleCollectionGroup(this, 'application', {
      ...provider,
      name: props.names.application,
      firewallPolicyId: props.firewallPolicyId,
      priority: props.rules.application.priority,
      applicationRuleCollection: props.rules.application.collections.map((collection: RuleCollection<ApplicationRule>) => ({
        name: collection.name,
        priority: collection.priority,
        action: 'Allow',
        rule: collection.rules.map((rule) => ({
          name: rule.name,
          description: rule.description,
          protocols: rule.protocols.map((p) => ({ type: p.type, port: p.port })),
          sourceAddresses,
          ...(rule.destinationFqdns ? { destinationFqdns: [...rule.destinationFqdns] } : {}),
          ...(rule.destinationFqdnTags ? { destinationFqdnTags: [...rule.destinationFqdnTags] } : {}),
        })),
      })),
      // Azure serialises writes to one policy; the reference orders the groups the same way.
      dependsOn: [this.network],
    });
  }
}
