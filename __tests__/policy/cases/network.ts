import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { TerraformStack } from 'cdktf';
import { firewallPolicy, INTERNAL_RULE, networkSecurityGroup, networkSecurityRule, privateEndpoint } from '../fixtures';
import { CaseTable } from './case-table';

const subnet = (defaultOutboundAccessEnabled?: boolean) => (stack: TerraformStack) =>
  new Subnet(stack, 'subject', {
    name: 'snet-test',
    resourceGroupName: 'rg-test',
    virtualNetworkName: 'vnet-test',
    addressPrefixes: ['10.1.0.0/24'],
    ...(defaultOutboundAccessEnabled === undefined ? {} : { defaultOutboundAccessEnabled }),
  });
const inboundFrom = (sourceAddressPrefix: string) => ({ ...INTERNAL_RULE, name: 'in', priority: 200, sourceAddressPrefix });

export const NETWORK_CASES: CaseTable = {
  'CSA-NET-001': {
    compliance: {
      'inline rule from VirtualNetwork': (s) => networkSecurityGroup(s),
      'no rules': (s) => networkSecurityGroup(s, { securityRule: [] }),
      'inline Deny from Internet': (s) => networkSecurityGroup(s, { securityRule: [{ ...inboundFrom('Internet'), access: 'Deny' }] }),
      'inline Allow to the Internet (outbound)': (s) =>
        networkSecurityGroup(s, { securityRule: [{ ...INTERNAL_RULE, direction: 'Outbound', destinationAddressPrefix: 'Internet' }] }),
      'rule resource from an estate range': (s) => networkSecurityRule(s, { sourceAddressPrefix: undefined, sourceAddressPrefixes: ['10.0.0.0/8'] }),
    },
    noncompliance: {
      'inline Allow from Internet': (s) => networkSecurityGroup(s, { securityRule: [INTERNAL_RULE, inboundFrom('Internet')] }),
      'inline Allow from *': (s) => networkSecurityGroup(s, { securityRule: [inboundFrom('*')] }),
      'inline Allow from 0.0.0.0/0 in a prefix list': (s) =>
        networkSecurityGroup(s, { securityRule: [{ ...INTERNAL_RULE, sourceAddressPrefix: undefined, sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0'] }] }),
      'rule resource Allow from Any': (s) => networkSecurityRule(s, { sourceAddressPrefix: 'Any' }),
      'rule resource Allow from internet (any case)': (s) => networkSecurityRule(s, { sourceAddressPrefix: 'internet' }),
    },
  },
  'CSA-NET-002': {
    compliance: { 'zone group with a zone': (s) => privateEndpoint(s) },
    noncompliance: {
      'no zone group': (s) => privateEndpoint(s, { privateDnsZoneGroup: undefined }),
      'zone group without zones': (s) => privateEndpoint(s, { privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [] } }),
    },
  },
  'CSA-NET-003': {
    compliance: { 'default outbound access off': subnet(false) },
    noncompliance: { 'default outbound access on': subnet(true), 'left to the provider default (on)': subnet() },
  },
  'CSA-FW-001': {
    compliance: { Deny: (s) => firewallPolicy(s) },
    noncompliance: {
      Alert: (s) => firewallPolicy(s, { threatIntelligenceMode: 'Alert' }),
      Off: (s) => firewallPolicy(s, { threatIntelligenceMode: 'Off' }),
      'left to the Azure default (Alert)': (s) => firewallPolicy(s, { threatIntelligenceMode: undefined }),
    },
  },
  'CSA-FW-002': {
    compliance: { 'Premium, IDPS Deny': (s) => firewallPolicy(s) },
    noncompliance: {
      'Premium, IDPS Alert': (s) => firewallPolicy(s, { intrusionDetection: { mode: 'Alert' } }),
      'Premium, no IDPS': (s) => firewallPolicy(s, { intrusionDetection: undefined }),
    },
    notApplicable: { 'Standard (no IDPS)': (s) => firewallPolicy(s, { sku: 'Standard', intrusionDetection: undefined }) },
  },
};
