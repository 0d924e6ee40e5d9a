import { validateEstate } from '../../lib/estate/load';
import { shippedEstateProblems } from '../helpers/problems';
import { loadShippedEstate } from '../helpers/synth';
import { EstateProblem } from '../../lib/util/problems';

/** The estate file's `suppressions` field: checked with everything else, before anything is synthesized. */

const valid = {
  rule: 'CSA-ST-008',
  stack: 'dlz-operations',
  address: 'azurerm_storage_account.landing-zone_storage_raw_*',
  reason: 'raw data is re-ingested from the sources',
};

function problems(suppressions: unknown): readonly EstateProblem[] {
  return shippedEstateProblems((estate) => (estate.suppressions = suppressions));
}

describe('estate suppressions', () => {
  it('resolves valid entries with where they were declared', () => {
    const estate = loadShippedEstate('relecloud');
    estate.suppressions = [valid, { ...valid, stack: 'dmlz', rule: 'CSA-KV-001', address: 'azurerm_key_vault.*', scope: 'stack' }];
    expect(validateEstate(estate).suppressions).toEqual([
      { ...valid, path: 'suppressions[0]' },
      { ...valid, stack: 'dmlz', rule: 'CSA-KV-001', address: 'azurerm_key_vault.*', scope: 'stack', path: 'suppressions[1]' },
    ]);
  });

  it('defaults to none', () => {
    expect(validateEstate(loadShippedEstate('adatum')).suppressions).toEqual([]);
  });

  it.each([
    [
      'an unknown rule id, with a suggestion',
      { ...valid, rule: 'CSA-ST-08' },
      'suppressions[0].rule',
      /^"CSA-ST-08" is not a rule of the policy pack \(did you mean "CSA-ST-008"\?\); the rules are listed in docs\/policy-rules.md$/,
    ],
    ['a rule id that is not a string', { ...valid, rule: 8 }, 'suppressions[0].rule', /must be a string, got 8/],
    ['an empty reason', { ...valid, reason: '' }, 'suppressions[0].reason', /^"" must explain in at least 10 characters why the finding is acceptable/],
    ['a reason of blanks', { ...valid, reason: '            ' }, 'suppressions[0].reason', /must explain in at least 10 characters/],
    ['a missing reason', { rule: valid.rule, stack: valid.stack, address: valid.address }, 'suppressions[0].reason', /^is required$/],
    ['a stack that is no stack name', { ...valid, stack: 'operations' }, 'suppressions[0].stack', /must be a stack name: dmlz or dlz-<landing zone name>/],
    [
      'a stack of no zone of this estate',
      { ...valid, stack: 'dlz-operation' },
      'suppressions[0].stack',
      /^"dlz-operation" is not a stack of this estate \(did you mean "dlz-operations"\?\); stacks: dmlz, dlz-operations, dlz-billing$/,
    ],
    ['an address without a type', { ...valid, address: 'raw-lake' }, 'suppressions[0].address', /must be a Terraform address "<type>.<name>"/],
    [
      'an address of a type the rule never checks',
      { ...valid, address: 'azurerm_key_vault.kv' },
      'suppressions[0].address',
      /^CSA-ST-008 never checks azurerm_key_vault \(it checks azurerm_storage_account\); this suppression could accept nothing$/,
    ],
    ['an unknown key', { ...valid, expires: '2030-01-01' }, 'suppressions[0].expires', /unknown key; allowed here: rule, stack, address, reason/],
  ])('fails on %s, naming the field', (_what, entry, path, message) => {
    const found = problems([entry]);
    expect(found).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  it('fails when suppressions is not a list', () => {
    expect(problems({ rule: 'CSA-ST-001' })).toEqual([{ path: 'suppressions', message: 'must be a list, got an object' }]);
  });

  it('accepts a wildcard type, whatever types the rule checks', () => {
    expect(problems([{ ...valid, address: '*.landing-zone_storage_raw_account_*' }])).toEqual([]);
  });
});
