import { join } from 'path';
import { zoneCode } from '../lib/estate/derived-names';
import { loadEstateFile } from '../lib/estate/load';
import { EstateNaming } from '../lib/naming/naming';
import { NAMING_RULES, namingProblem, ResourceKind } from '../lib/naming/rules';
import { landingZoneNames, managementZoneNames, MANAGEMENT_RESOURCE_GROUPS } from '../lib/naming/zone-names';
import { landingZoneSubnetDefinitions, managementZoneSubnetDefinitions } from '../lib/network/subnet-layout';

const MGMT_SUB = '00000000-0000-0000-0000-000000000001';
const SUFFIX = /^[0-9a-z]{4}$/;

describe('namingProblem', () => {
  it.each<[ResourceKind, string]>([
    ['storageAccount', 'relecloudopsraw7k2p'],
    ['storageAccount', 'abc'],
    ['keyVault', 'kv-relecloud-ops-7k2p'],
    ['resourceGroup', 'rg-relecloud-prd-dmlz-network'],
    ['resourceGroup', 'rg-(legacy)_x'],
    ['virtualNetwork', 'vnet-relecloud-prd-operations'],
    ['subnet', 'AzureFirewallSubnet'],
    ['subnet', 'snet_trailing_'],
    ['logAnalyticsWorkspace', 'log-relecloud-prd-dmlz'],
    ['firewall', 'afw-relecloud-prd-dmlz'],
  ])('accepts a valid %s name: %s', (kind, name) => {
    expect(namingProblem(kind, name)).toBeUndefined();
  });

  it.each<[ResourceKind, number]>([
    ['storageAccount', 25],
    ['keyVault', 25],
    ['resourceGroup', 91],
    ['virtualNetwork', 65],
    ['subnet', 81],
    ['firewall', 57],
    ['logAnalyticsWorkspace', 64],
  ])('rejects a %s name of %i characters as too long', (kind, length) => {
    const name = 'a'.repeat(length);
    const rule = NAMING_RULES[kind];
    expect(namingProblem(kind, name)).toBe(`is ${length} characters; ${kind} names must be ${rule.minLength}-${rule.maxLength}`);
    // One character less is within the limit.
    expect(namingProblem(kind, name.slice(1))).toBeUndefined();
  });

  it.each<[ResourceKind, string]>([
    ['storageAccount', 'ab'],
    ['keyVault', 'kv'],
    ['virtualNetwork', 'v'],
    ['logAnalyticsWorkspace', 'log'],
  ])('rejects a %s name that is too short: %s', (kind, name) => {
    expect(namingProblem(kind, name)).toMatch(new RegExp(`^is ${name.length} characters; ${kind} names must be \\d+-\\d+$`));
  });

  it.each<[ResourceKind, string]>([
    ['storageAccount', 'Relecloudopsraw'],
    ['storageAccount', 'relecloud-ops-raw'],
    ['keyVault', 'kv--relecloud'],
    ['keyVault', '1kv-relecloud'],
    ['keyVault', 'kv-relecloud-'],
    ['resourceGroup', 'rg-relecloud.'],
    ['virtualNetwork', 'vnet-relecloud-'],
    ['subnet', '-snet'],
    ['subnet', 'snet/services'],
    ['logAnalyticsWorkspace', 'log_relecloud'],
  ])('rejects a %s name with a bad charset: %s', (kind, name) => {
    expect(namingProblem(kind, name)).toBe(`must contain only ${NAMING_RULES[kind].charset}`);
  });

  it('checks the length before the charset', () => {
    expect(namingProblem('storageAccount', 'A'.repeat(30))).toMatch(/^is 30 characters/);
  });

  it('marks exactly the public-DNS kinds as globally unique', () => {
    const global = (Object.keys(NAMING_RULES) as ResourceKind[]).filter((k) => NAMING_RULES[k].global).sort();
    expect(global).toEqual([
      'containerRegistry',
      'dataFactory',
      'eventHubNamespace',
      'keyVault',
      'purviewAccount',
      'sqlServer',
      'storageAccount',
      'synapseWorkspace',
    ]);
  });
});

describe('EstateNaming', () => {
  const naming = () => new EstateNaming('relecloud', 'prod', MGMT_SUB);

  it('makes standard names in CAF order with the environment code', () => {
    const n = naming();
    expect(n.standard('resourceGroup', 'dmlz', 'network')).toBe('rg-relecloud-prd-dmlz-network');
    expect(n.standard('virtualNetwork', 'operations')).toBe('vnet-relecloud-prd-operations');
    expect(new EstateNaming('relecloud', 'test', MGMT_SUB).standard('routeTable', 'billing')).toBe('rt-relecloud-tst-billing');
    expect(new EstateNaming('relecloud', 'dev', MGMT_SUB).standard('firewall', 'dmlz')).toBe('afw-relecloud-dev-dmlz');
  });

  it('makes child names from the abbreviation and purpose only', () => {
    expect(naming().child('subnet', 'di-telemetry')).toBe('snet-di-telemetry');
  });

  it('makes fixed names verbatim', () => {
    expect(naming().fixed('subnet', 'AzureFirewallSubnet')).toBe('AzureFirewallSubnet');
  });

  it('makes compact names as estate + zone code + purpose + suffix', () => {
    const n = naming();
    const name = n.compact('storageAccount', 'ops', 'raw');
    expect(name).toMatch(/^relecloudopsraw[0-9a-z]{4}$/);
    expect(name.slice(-4)).toBe(n.suffix);
    expect(namingProblem('storageAccount', name)).toBeUndefined();
  });

  it('uses a suffix of 4 lowercase base-36 characters', () => {
    for (let i = 0; i < 300; i++) {
      const id = `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`;
      expect(new EstateNaming('relecloud', 'prod', id).suffix).toMatch(SUFFIX);
    }
  });

  it('keeps the suffix stable across releases (changing it would replace every storage account)', () => {
    expect(naming().suffix).toBe('szr8');
  });

  it('derives the same suffix in every instance (deterministic)', () => {
    expect(naming().suffix).toBe(naming().suffix);
    expect(naming().compact('storageAccount', 'billing', 'enr')).toBe(naming().compact('storageAccount', 'billing', 'enr'));
  });

  it('ignores the case of the management subscription id', () => {
    expect(new EstateNaming('relecloud', 'prod', 'ABCDEF00-0000-0000-0000-000000000001').suffix).toBe(
      new EstateNaming('relecloud', 'prod', 'abcdef00-0000-0000-0000-000000000001').suffix,
    );
  });

  it('changes the suffix when the management subscription id differs (two organisations, same estate name)', () => {
    expect(new EstateNaming('relecloud', 'prod', '00000000-0000-0000-0000-000000000009').suffix).not.toBe(naming().suffix);
  });

  it('changes the suffix by environment', () => {
    const suffixes = (['dev', 'test', 'prod'] as const).map((env) => new EstateNaming('relecloud', env, MGMT_SUB).suffix);
    expect(new Set(suffixes).size).toBe(3);
  });

  it('changes the suffix by estate name', () => {
    expect(new EstateNaming('adatum', 'prod', MGMT_SUB).suffix).not.toBe(naming().suffix);
  });

  it('records every name it makes, with its kind and the zone code of compact names', () => {
    const n = naming();
    n.standard('resourceGroup', 'dmlz', 'network');
    n.child('subnet', 'services');
    const compact = n.compact('storageAccount', 'ops', 'raw');
    expect(n.names).toEqual([
      { kind: 'resourceGroup', name: 'rg-relecloud-prd-dmlz-network' },
      { kind: 'subnet', name: 'snet-services' },
      { kind: 'storageAccount', name: compact, zoneCode: 'ops' },
    ]);
  });
});

describe('zoneCode', () => {
  it('uses the shortName when set, else the name without hyphens', () => {
    expect(zoneCode({ name: 'operations', shortName: 'ops' })).toBe('ops');
    expect(zoneCode({ name: 'sales-eu-west' })).toBe('saleseuwest');
  });
});

describe('zone name plans', () => {
  it('names the management zone in CAF style', () => {
    const naming = new EstateNaming('relecloud', 'prod', MGMT_SUB);
    const names = managementZoneNames(naming, managementZoneSubnetDefinitions());
    expect(names.resourceGroups.network).toBe('rg-relecloud-prd-dmlz-network');
    expect(names.resourceGroups['global-dns']).toBe('rg-relecloud-prd-dmlz-global-dns');
    expect(Object.values(names.resourceGroups)).toEqual(MANAGEMENT_RESOURCE_GROUPS.map((rg) => `rg-relecloud-prd-dmlz-${rg}`));
    expect(names.virtualNetwork).toBe('vnet-relecloud-prd-dmlz');
    expect(names.subnets).toEqual({
      firewall: 'AzureFirewallSubnet',
      services: 'snet-services',
      'dbw-webauth-public': 'snet-dbw-webauth-public',
      'dbw-webauth-private': 'snet-dbw-webauth-private',
    });
    expect(names.databricksWebAuth).toEqual({
      workspace: 'dbw-relecloud-prd-dmlz-webauth',
      managedResourceGroup: 'rg-relecloud-prd-dmlz-dbw-webauth-managed',
      networkSecurityGroup: 'nsg-relecloud-prd-dmlz-databricks',
    });
    expect(names.networkSecurityGroup).toBe('nsg-relecloud-prd-dmlz-services');
    expect(names.routeTable).toBe('rt-relecloud-prd-dmlz');
    expect(names.firewall).toBe('afw-relecloud-prd-dmlz');
    expect(names.firewallPolicy).toBe('afwp-relecloud-prd-dmlz');
    expect(names.publicIp).toBe('pip-relecloud-prd-dmlz-afw');
    expect(names.publicIpPrefix).toBe('ippre-relecloud-prd-dmlz-afw');
    expect(names.logAnalyticsWorkspace).toBe('log-relecloud-prd-dmlz');
  });

  it('names a landing zone in CAF style, with compact storage accounts per lake', () => {
    const naming = new EstateNaming('relecloud', 'prod', MGMT_SUB);
    const names = landingZoneNames(naming, { name: 'operations', code: 'ops' }, landingZoneSubnetDefinitions(['telemetry'], ['recommender-revenue']));
    expect(names.resourceGroups.network).toBe('rg-relecloud-prd-operations-network');
    expect(names.virtualNetwork).toBe('vnet-relecloud-prd-operations');
    expect(names.subnets['services']).toBe('snet-services');
    expect(names.subnets['di-telemetry']).toBe('snet-di-telemetry');
    expect(names.subnets['dp-recommender-revenue']).toBe('snet-dp-recommender-revenue');
    expect(names.networkSecurityGroups).toEqual({ default: 'nsg-relecloud-prd-operations', databricks: 'nsg-relecloud-prd-operations-databricks' });
    expect(names.routeTable).toBe('rt-relecloud-prd-operations');
    const s = naming.suffix;
    expect(names.storageAccounts).toEqual({
      raw: `relecloudopsraw${s}`,
      enriched: `relecloudopsenr${s}`,
      workspace: `relecloudopswork${s}`,
      external: `relecloudopsext${s}`,
    });
  });

  it('uses the zone name (not the code) in standard names and the code (not the name) in compact names', () => {
    const naming = new EstateNaming('adatum', 'dev', MGMT_SUB);
    const names = landingZoneNames(naming, { name: 'sales-eu', code: 'seu' }, landingZoneSubnetDefinitions([], []));
    expect(names.virtualNetwork).toBe('vnet-adatum-dev-sales-eu');
    expect(names.storageAccounts.raw).toBe(`adatumseuraw${naming.suffix}`);
    expect(Object.values(names.storageAccounts).join()).not.toContain('sales');
  });

  it('gives the shipped relecloud estate valid, distinct names', () => {
    const estate = loadEstateFile(join(__dirname, '..', 'estates', 'relecloud.yaml'));
    const [operations, billing] = estate.landingZones;
    expect(estate.managementZone.names.resourceGroups.network).toBe('rg-relecloud-prd-dmlz-network');
    expect(operations.names.virtualNetwork).toBe('vnet-relecloud-prd-operations');
    expect(operations.names.storageAccounts.raw).toMatch(/^relecloudopsraw[0-9a-z]{4}$/);
    expect(billing.names.storageAccounts.raw).toMatch(/^relecloudbillingraw[0-9a-z]{4}$/);

    const all = estate.naming.names;
    expect(all.length).toBeGreaterThan(0);
    for (const named of all) expect([named.kind, named.name, namingProblem(named.kind, named.name)]).toEqual([named.kind, named.name, undefined]);
    const global = all.filter((n) => NAMING_RULES[n.kind].global).map((n) => n.name);
    expect(new Set(global).size).toBe(global.length);
  });
});
