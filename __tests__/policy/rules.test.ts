import { RULE_PACK } from '../../lib/policy/rule-pack';
import { CaseTable } from './cases/case-table';
import { DATA_SERVICE_CASES } from './cases/data-services';
import { DATABRICKS_PRIVATE_CASES } from './cases/databricks-private';
import { GOVERNANCE_CASES } from './cases/governance';
import { KEY_VAULT_CASES } from './cases/key-vault';
import { ML_SERVING_CASES } from './cases/ml-serving';
import { NETWORK_CASES } from './cases/network';
import { PLATFORM_CASES } from './cases/platform';
import { STORAGE_CASES } from './cases/storage';
import { testStack, verdictOn } from './fixtures';

/**
 * Every rule of the pack on real cdktf resources in a tiny stack: "Compliance" cases must
 * pass, every "Noncompliance n" case must be caught. The tables live in cases/, one per area.
 */
const CASES: CaseTable = {
  ...DATABRICKS_PRIVATE_CASES,
  ...STORAGE_CASES,
  ...KEY_VAULT_CASES,
  ...DATA_SERVICE_CASES,
  ...PLATFORM_CASES,
  ...NETWORK_CASES,
  ...GOVERNANCE_CASES,
  ...ML_SERVING_CASES,
};

it('every rule of the pack has test cases, and every case table names a rule of the pack', () => {
  expect(Object.keys(CASES).sort()).toEqual(RULE_PACK.map((rule) => rule.id).sort());
});

describe.each(RULE_PACK.map((rule) => [`${rule.id} ${rule.title}`, rule] as const))('%s', (_name, rule) => {
  const cases = CASES[rule.id];
  if (!cases) return;
  const noncompliance = Object.entries(cases.noncompliance);

  it('has at least one Noncompliance and one Compliance case', () => {
    expect(noncompliance.length).toBeGreaterThan(0);
    expect(Object.keys(cases.compliance).length).toBeGreaterThan(0);
  });

  it.each(noncompliance.map(([label, build], i) => [`Noncompliance ${i + 1}: ${label}`, build] as const))('%s', (_label, build) => {
    expect(verdictOn(rule, build(testStack()))).toBe('noncompliant');
  });

  it.each(Object.entries(cases.compliance).map(([label, build]) => [`Compliance: ${label}`, build] as const))('%s', (_label, build) => {
    expect(verdictOn(rule, build(testStack()))).toBe('compliant');
  });

  const notApplicable = Object.entries(cases.notApplicable ?? {});
  if (notApplicable.length) {
    it.each(notApplicable.map(([label, build]) => [`Not applicable: ${label}`, build] as const))('%s', (_label, build) => {
      expect(verdictOn(rule, build(testStack()))).toBe('not-applicable');
    });
  }
});
