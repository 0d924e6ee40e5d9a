import { ruleById } from '../../lib/policy/rule-pack';
import { ML_SERVING_CASES } from './cases/ml-serving';
import { testStack, verdictOn } from './fixtures';

/** CSA-AKS-004 and CSA-CR-005 on their own (rules.test.ts runs them with the whole pack too). */
describe.each(Object.entries(ML_SERVING_CASES))('%s', (id, cases) => {
  const rule = ruleById(id)!;
  it('is in the pack', () => expect(rule).toBeDefined());
  it.each(Object.entries(cases.compliance))('Compliance: %s', (_label, build) => expect(verdictOn(rule, build(testStack()))).toBe('compliant'));
  it.each(Object.entries(cases.noncompliance))('Noncompliance: %s', (_label, build) => expect(verdictOn(rule, build(testStack()))).toBe('noncompliant'));
  it.each(Object.entries(cases.notApplicable ?? {}))('Not applicable: %s', (_label, build) =>
    expect(verdictOn(rule, build(testStack()))).toBe('not-applicable'),
  );
});
