import { storageInstanceRulesNeedPublicAccess } from '../../lib/policy/rules/storage-instance-rules-need-public-access';
import { storagePublicNetworkAccess } from '../../lib/policy/rules/storage-public-network-access';
import { storageAccount, testStack, verdictOn } from './fixtures';

const purview = [{ endpointResourceId: '${azurerm_purview_account.p.id}', endpointTenantId: 't' }];

describe('CSA-ST-010 resource-instance rules need public network access', () => {
  it('flags instance rules on an account whose public endpoint is disabled (the rules would be inert)', () => {
    expect(
      verdictOn(storageInstanceRulesNeedPublicAccess, storageAccount(testStack(), { networkRules: { defaultAction: 'Deny', privateLinkAccess: purview } })),
    ).toBe('noncompliant');
  });
  it('passes them with public access on from selected networks', () => {
    const account = storageAccount(testStack(), { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Deny', privateLinkAccess: purview } });
    expect(verdictOn(storageInstanceRulesNeedPublicAccess, account)).toBe('compliant');
    expect(verdictOn(storagePublicNetworkAccess, account)).toBe('compliant');
  });
  it('does not apply without instance rules', () => {
    expect(verdictOn(storageInstanceRulesNeedPublicAccess, storageAccount(testStack()))).toBe('not-applicable');
  });
});

describe('CSA-ST-001 public access only from selected networks', () => {
  it.each([
    ['default Allow', { defaultAction: 'Allow' }],
    ['an IP rule', { defaultAction: 'Deny', ipRules: ['203.0.113.7'] }],
    ['a subnet rule', { defaultAction: 'Deny', virtualNetworkSubnetIds: ['${azurerm_subnet.s.id}'] }],
    ['IP rules from an expression', { defaultAction: 'Deny', ipRules: '${var.ips}' as unknown as string[] }],
  ])('public access on with %s is noncompliant', (_label, networkRules) => {
    expect(verdictOn(storagePublicNetworkAccess, storageAccount(testStack(), { publicNetworkAccessEnabled: true, networkRules }))).toBe('noncompliant');
  });
});

describe('CSA-PLAN-001 on storage planned public from selected networks', () => {
  const { plannedPrivateNetwork } = jest.requireActual('../../lib/policy/plan-rules/planned-private-network');
  const plan = (after: Record<string, unknown>) => ({
    resource_changes: [
      { address: 'azurerm_storage_account.s', type: 'azurerm_storage_account', mode: 'managed', change: { actions: ['create'], after, after_unknown: {} } },
    ],
  });
  const rules = (extra: Record<string, unknown> = {}) => [{ default_action: 'Deny', ip_rules: [], virtual_network_subnet_ids: [], ...extra }];

  it('accepts public access with Deny and no IP or subnet rules', () => {
    expect(plannedPrivateNetwork.check(plan({ public_network_access_enabled: true, network_rules: rules() }))).toEqual([]);
  });
  it.each([
    ['an IP rule', rules({ ip_rules: ['203.0.113.7'] })],
    ['default Allow', rules({ default_action: 'Allow' })],
    ['no network rules', []],
  ])('rejects public access with %s', (_label, networkRules) => {
    expect(plannedPrivateNetwork.check(plan({ public_network_access_enabled: true, network_rules: networkRules }))).toHaveLength(1);
  });
});
