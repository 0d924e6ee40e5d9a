import { validateEstate } from '../lib/estate/load';
import { EstateProblem } from '../lib/util/problems';
import { shippedEstateProblems } from './helpers/problems';
import { loadShippedEstate } from './helpers/synth';

/*
 * Validation of the governance fields (issue #10): policy effects, assignments,
 * exemptions, access groups, cost centers and budgets. Each test mutates the shipped
 * relecloud estate and asserts the path and a distinctive part of the message.
 */

type Raw = Record<string, any>;

const problemsOf = (mutate: (e: Raw) => void) => shippedEstateProblems(mutate);

function expectProblem(problems: readonly EstateProblem[], path: string, ...fragments: string[]): void {
  const match = problems.find((p) => p.path === path && fragments.every((f) => p.message.includes(f)));
  if (!match)
    throw new Error(`no problem at ${path} contains ${JSON.stringify(fragments)}; got:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
}

function expectOnly(problems: readonly EstateProblem[], path: string, ...fragments: string[]): void {
  expect(problems).toHaveLength(1);
  expectProblem(problems, path, ...fragments);
}

const billing = (e: Raw) => e.landingZones[1];
const invoices = (e: Raw) => billing(e).dataIntegrations[1];
/** A year from now: exemptions may not expire more than 5 years ahead. */
const FUTURE = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('valid governance', () => {
  it("accepts the shipped estate with the billing zone's own effect, groups and budget", () => {
    const estate = validateEstate(loadShippedEstate('relecloud'));
    const [operations, billingZone] = estate.landingZones;
    expect(billingZone.governance.policy.effect).toBe('Audit');
    expect(operations.governance.policy.effect).toBe('Deny');
    expect(billingZone.governance.budget?.thresholds).toEqual([50, 90, 100]);
    expect(operations.governance.budget?.thresholds).toEqual([50, 80, 100]);
    expect(billingZone.access.zoneAdmins).toEqual(['22222222-2222-2222-2222-222222222221']);
  });

  it("defaults every zone to Deny, no groups, no budget and the estate's cost center", () => {
    const e = loadShippedEstate('adatum');
    e.tags = { ...e.tags, costCenter: '900' };
    const estate = validateEstate(e);
    expect(estate.managementZone.governance).toMatchObject({ policy: { effect: 'Deny', assignments: [], exemptions: [] }, costCenter: '900' });
    expect(estate.managementZone.governance.budget).toBeUndefined();
    const sales = estate.landingZones[0];
    expect(sales.governance.policy.effect).toBe('Deny');
    expect(sales.access).toEqual({ zoneAdmins: [], dataEngineers: [], dataReaders: [] });
    expect(sales.dataIntegrations[0].costCenter).toBe('900');
  });

  it("lets the product's cost center win over the zone's, and the zone's over the estate's", () => {
    const e = loadShippedEstate('relecloud');
    billing(e).dataProducts[0].costCenter = '5300';
    const estate = validateEstate(e);
    const zone = estate.landingZones[1];
    expect(zone.governance.costCenter).toBe('5200');
    expect(zone.dataProducts[0].costCenter).toBe('5300');
    expect(zone.dataIntegrations[0].costCenter).toBe('5200');
    expect(zone.dataIntegrations[1].costCenter).toBe('5201');
    expect(estate.landingZones[0].governance.costCenter).toBe('4711');
  });

  it('accepts an exemption with a reason and a future expiry, and a bare GUID as definition id', () => {
    const estate = validateEstate(
      (() => {
        const e = loadShippedEstate('relecloud');
        billing(e).governance.policy.exemptions = [
          { assignment: 'baseline', policies: ['allowed-locations'], reason: 'Invoice archive stays in its original region until 2027.', expiresOn: FUTURE },
        ];
        return e;
      })(),
    );
    const policy = estate.landingZones[1].governance.policy;
    expect(policy.exemptions[0]).toMatchObject({ assignment: 'baseline', category: 'Waiver', expiresOn: FUTURE });
    expect(policy.assignments[0].definitionId).toBe('/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c');
  });
});

describe('policy', () => {
  it('fails on an unknown policy effect, listing the allowed ones', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.effect = 'Enforce')),
      'landingZones[1].governance.policy.effect',
      '"Enforce" is not allowed',
      '"Audit", "Deny"',
    );
  });

  it('fails on an unknown effect of an extra assignment', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.assignments[0].effect = 'deny')),
      'landingZones[1].governance.policy.assignments[0].effect',
      '"deny" is not allowed',
      '"Deny"',
    );
  });

  it('fails on an unknown key under governance.policy, with a did-you-mean', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.efect = 'Audit')),
      'landingZones[1].governance.policy.efect',
      'unknown key',
      'did you mean "effect"',
    );
  });

  it('fails on a definition id that is not a built-in id', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.assignments[0].definitionId = 'Storage accounts should restrict network access')),
      'landingZones[1].governance.policy.assignments[0].definitionId',
      'built-in policy definition',
    );
  });

  it('fails on two assignments with the same name', () => {
    expectProblem(
      problemsOf((e) => billing(e).governance.policy.assignments.push({ ...billing(e).governance.policy.assignments[0] })),
      'landingZones[1].governance.policy.assignments[1].name',
      'already the name',
    );
  });

  it('fails on an assignment named "baseline"', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.assignments[0].name = 'baseline')),
      'landingZones[1].governance.policy.assignments[0].name',
      'baseline initiative',
    );
  });

  it('fails on roles for an assignment without a DeployIfNotExists or Modify effect', () => {
    expectOnly(
      problemsOf((e) => (billing(e).governance.policy.assignments[0].roles = ['Contributor'])),
      'landingZones[1].governance.policy.assignments[0].roles',
      'DeployIfNotExists and Modify',
    );
  });

  it('fails on an unknown remediation role', () => {
    expectProblem(
      problemsOf((e) => Object.assign(billing(e).governance.policy.assignments[0], { effect: 'DeployIfNotExists', roles: ['Owner'] })),
      'landingZones[1].governance.policy.assignments[0].roles[0]',
      '"Owner" is not allowed',
    );
  });
});

describe('exemptions', () => {
  const exempt = (exemption: Raw) => (e: Raw) => (billing(e).governance.policy.exemptions = [exemption]);

  it('fails on an exemption without a reason', () => {
    expectOnly(problemsOf(exempt({ assignment: 'baseline', expiresOn: FUTURE })), 'landingZones[1].governance.policy.exemptions[0].reason', 'is required');
  });

  it('fails on an exemption whose reason says nothing', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'ok', expiresOn: FUTURE })),
      'landingZones[1].governance.policy.exemptions[0].reason',
      'at least 10 visible characters',
    );
  });

  it('fails on an exemption whose reason is made of invisible characters', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'ok\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b', expiresOn: FUTURE })),
      'landingZones[1].governance.policy.exemptions[0].reason',
      'at least 10 visible characters',
    );
  });

  it('fails on an exemption without an expiry date', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'Migration of the invoice archive.' })),
      'landingZones[1].governance.policy.exemptions[0].expiresOn',
      'is required',
    );
  });

  it('fails on an expired exemption', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'Migration of the invoice archive.', expiresOn: '2020-01-31' })),
      'landingZones[1].governance.policy.exemptions[0].expiresOn',
      'has passed',
    );
  });

  it('fails on an expiry more than 5 years away', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'Migration of the invoice archive.', expiresOn: '2099-12-31' })),
      'landingZones[1].governance.policy.exemptions[0].expiresOn',
      'within 5 years',
    );
  });

  it('fails on an expiry that is not a calendar date', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', reason: 'Migration of the invoice archive.', expiresOn: `${FUTURE.slice(0, 4)}-02-30` })),
      'landingZones[1].governance.policy.exemptions[0].expiresOn',
      'calendar date',
    );
  });

  it('fails on an exemption of an unknown assignment, with a did-you-mean', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'storage-netwrk', reason: 'Migration of the invoice archive.', expiresOn: FUTURE })),
      'landingZones[1].governance.policy.exemptions[0].assignment',
      'not an assignment of this zone',
      'did you mean "storage-network"',
    );
  });

  it('fails on an exemption naming a policy the baseline does not hold', () => {
    expectOnly(
      problemsOf(exempt({ assignment: 'baseline', policies: ['allowed-location'], reason: 'Migration of the invoice archive.', expiresOn: FUTURE })),
      'landingZones[1].governance.policy.exemptions[0].policies[0]',
      'not a policy of the baseline',
      'did you mean "allowed-locations"',
    );
  });
});

describe('access', () => {
  it('fails on a malformed group object id', () => {
    expectOnly(
      problemsOf((e) => (billing(e).access.dataReaders = ['22222222-2222-2222-2222-22222222222'])),
      'landingZones[1].access.dataReaders[0]',
      'Entra group object id',
    );
  });

  it('fails on a group given by name or user principal name', () => {
    expectOnly(
      problemsOf((e) => (billing(e).access.zoneAdmins = ['alice@example.com'])),
      'landingZones[1].access.zoneAdmins[0]',
      'never by display name or user',
    );
  });

  it('fails on an unknown role name, listing the roles', () => {
    expectOnly(
      problemsOf((e) => (billing(e).access.owners = ['22222222-2222-2222-2222-222222222229'])),
      'landingZones[1].access.owners',
      'unknown key',
      'zoneAdmins, dataEngineers, dataReaders',
    );
  });

  it('fails on zoneAdmins on an integration (zone role only)', () => {
    expectOnly(
      problemsOf((e) => (invoices(e).access.zoneAdmins = ['22222222-2222-2222-2222-222222222229'])),
      'landingZones[1].dataIntegrations[1].access.zoneAdmins',
      'unknown key',
      'dataEngineers, dataReaders',
    );
  });

  it('fails on the same group twice in one role', () => {
    expectOnly(
      problemsOf((e) => (billing(e).access.dataReaders = ['22222222-2222-2222-2222-222222222223', '22222222-2222-2222-2222-222222222223'])),
      'landingZones[1].access.dataReaders',
      'lists a group twice',
    );
  });
});

describe('budgets and cost centers', () => {
  it('fails on a budget without contacts', () => {
    expectOnly(
      problemsOf((e) => delete billing(e).budget.contactEmails),
      'landingZones[1].budget.contactEmails',
      'is required',
    );
  });

  it('fails on a budget with an empty contact list', () => {
    expectOnly(
      problemsOf((e) => (invoices(e).budget.contactEmails = [])),
      'landingZones[1].dataIntegrations[1].budget.contactEmails',
      'at least one address',
    );
  });

  it('fails on a contact that is not an email address', () => {
    expectOnly(
      problemsOf((e) => (billing(e).budget.contactEmails = ['billing-finance'])),
      'landingZones[1].budget.contactEmails[0]',
      'email address',
    );
  });

  it('fails on a budget amount that is not positive', () => {
    expectOnly(
      problemsOf((e) => (billing(e).budget.amount = 0)),
      'landingZones[1].budget.amount',
      'positive',
    );
  });

  it('fails on a threshold out of range and on more than 5 thresholds', () => {
    expectOnly(
      problemsOf((e) => (billing(e).budget.thresholds = [50, 0])),
      'landingZones[1].budget.thresholds[1]',
      'at least 1',
    );
    expectOnly(
      problemsOf((e) => (billing(e).budget.thresholds = [10, 20, 30, 40, 50, 60])),
      'landingZones[1].budget.thresholds',
      'at most 5',
    );
  });

  it('fails on an unknown budget key, with a did-you-mean', () => {
    expectOnly(
      problemsOf((e) => (billing(e).budget.contacts = ['a@example.com'])),
      'landingZones[1].budget.contacts',
      'unknown key',
    );
  });

  it('fails on a cost center that is not a valid tag value', () => {
    expectOnly(
      problemsOf((e) => (billing(e).dataProducts[0].costCenter = '52/00')),
      'landingZones[1].dataProducts[0].costCenter',
      'must not contain',
    );
  });

  it('accepts a management zone budget and policy, and rejects an unknown key there', () => {
    expectOnly(
      problemsOf((e) => (e.managementZone.governance.polcy = {})),
      'managementZone.governance.polcy',
      'unknown key',
      'did you mean "policy"',
    );
  });

  it('reports every governance problem of a file at once', () => {
    const problems = problemsOf((e) => {
      billing(e).governance.policy.effect = 'Block';
      delete billing(e).budget.contactEmails;
      billing(e).access.dataReaders = ['not-a-guid'];
      billing(e).governance.policy.exemptions = [{ assignment: 'baseline', expiresOn: FUTURE }];
    });
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'landingZones[1].access.dataReaders[0]',
        'landingZones[1].budget.contactEmails',
        'landingZones[1].governance.policy.effect',
        'landingZones[1].governance.policy.exemptions[0].reason',
      ].sort(),
    );
  });
});
