import { App, TerraformStack } from 'cdktf';
import { shippedEstateProblems } from '../helpers/problems';
import { loadShippedEstate } from '../helpers/synth';
import { Construct } from 'constructs';
import { validateEstate } from '../../lib/estate/load';
import { EstateProblem } from '../../lib/util/problems';
import { suppressRule, visibleLength } from '../../lib/policy/suppressions';

/**
 * A suppression's reason must be one a reviewer can read: at least 10 visible characters.
 * And an address that names no resource (a whole-stack wildcard) is accepted only when the
 * entry says so with `scope: stack`.
 */

const entry = {
  rule: 'CSA-ST-008',
  stack: 'dlz-operations',
  address: 'azurerm_storage_account.landing-zone_storage_raw_*',
  reason: 'raw data is re-ingested from the sources',
};

function problems(...suppressions: unknown[]): readonly EstateProblem[] {
  return shippedEstateProblems((estate) => (estate.suppressions = suppressions));
}

const INVISIBLE_REASONS: [string, string][] = [
  ['zero-width spaces', '\u200b'.repeat(12)],
  ['zero-width joiners and a word joiner', '\u200d\u2060'.repeat(6)],
  ['no-break and ideographic spaces', '\u00a0\u3000'.repeat(6)],
  ['Hangul fillers', '\u3164\u115f\u1160\uffa0'.repeat(3)],
  ['braille blanks', '\u2800'.repeat(12)],
  ['combining marks on nothing', '\u0301\u20dd'.repeat(6)],
  ['a byte order mark and soft hyphens', '\ufeff\u00ad'.repeat(6)],
  ['nine letters padded with invisible characters', `ok${'\u200b'.repeat(20)}fine now`],
];

describe('suppression reasons count visible characters', () => {
  it.each(INVISIBLE_REASONS)('the estate file refuses a reason of %s, naming the field', (_what, reason) => {
    const found = problems({ ...entry, reason });
    expect(found).toEqual([
      {
        path: 'suppressions[0].reason',
        message: expect.stringMatching(
          /must explain in at least 10 characters why the finding is acceptable .*; it has \d visible characters?, and whitespace and invisible characters such as zero-width spaces do not count$/,
        ),
      },
    ]);
  });

  it.each(INVISIBLE_REASONS)('suppressRule refuses a reason of %s', (_what, reason) => {
    const construct = new Construct(new TerraformStack(new App(), 'test'), 'lake');
    expect(() => suppressRule(construct, 'CSA-ST-001', reason)).toThrow(
      /^suppressRule\(test\/lake, CSA-ST-001\): the reason must explain in at least 10 characters .* it has \d visible characters?/,
    );
  });

  it('says how many visible characters there are', () => {
    expect(problems({ ...entry, reason: '  abc \u200b def  ' })).toEqual([
      { path: 'suppressions[0].reason', message: expect.stringContaining('; it has 6 visible characters,') },
    ]);
  });

  it.each([
    ['ten digits', '0123456789'],
    ['ten CJK characters', '暫定の例外で来月に見直す'],
    ['a Devanagari sentence (spacing marks count)', 'डेटा फिर से लिया जाता है'],
    ['ten emoji', '🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒'],
  ])('accepts %s', (_what, reason) => {
    expect(problems({ ...entry, reason })).toEqual([]);
    const construct = new Construct(new TerraformStack(new App(), 'test'), 'lake');
    expect(() => suppressRule(construct, 'CSA-ST-001', reason)).not.toThrow();
  });

  it('visibleLength counts code points, not UTF-16 units, and skips invisible ones', () => {
    expect(visibleLength('𝔡𝔡𝔡')).toBe(3);
    expect(visibleLength('e\u0301')).toBe(1);
    expect(visibleLength('\u200b a \u2800 b \u3164')).toBe(2);
  });
});

describe('whole-stack addresses need scope: stack', () => {
  it.each([
    [
      'every resource of a type',
      'azurerm_storage_account.*',
      /^"azurerm_storage_account\.\*" has no letter or digit in its name part, so it names no resource and accepts every CSA-ST-008 finding in dlz-operations on azurerm_storage_account; name the resources \(e\.g\. azurerm_storage_account\.landing-zone_storage_raw_\*\), or add scope: stack to accept the whole stack on purpose$/,
    ],
    ['every resource of the stack', '*.*', /accepts every CSA-ST-008 finding in dlz-operations; name the resources .* or add scope: stack/],
    ['separators and wildcards only', 'azurerm_storage_account.*_*', /has no letter or digit in its name part/],
    ['question marks only', 'azurerm_storage_account.????', /has no letter or digit in its name part/],
    ['a wildcard type and separators', '*_*.*-*', /has no letter or digit in its name part/],
  ])('refuses %s without it, saying how', (_what, address, message) => {
    expect(problems({ ...entry, address })).toEqual([{ path: 'suppressions[0].address', message: expect.stringMatching(message) }]);
  });

  it('accepts them with scope: stack', () => {
    expect(problems({ ...entry, address: 'azurerm_storage_account.*', scope: 'stack' }, { ...entry, address: '*.*', scope: 'stack' })).toEqual([]);
    expect(validateEstate({ ...loadShippedEstate('relecloud'), suppressions: [{ ...entry, address: '*.*', scope: 'stack' }] }).suppressions[0]).toMatchObject({
      address: '*.*',
      scope: 'stack',
    });
  });

  it('refuses scope: stack on an address that names resources, and any other scope', () => {
    expect(problems({ ...entry, scope: 'stack' })).toEqual([
      {
        path: 'suppressions[0].scope',
        message: `"stack" is only for a whole-stack address, one without letter or digit in its name part (e.g. azurerm_key_vault.*), and "${entry.address}" names resources; remove scope`,
      },
    ]);
    expect(problems({ ...entry, address: '*.*', scope: 'all' })).toEqual([
      { path: 'suppressions[0].scope', message: '"all" is not allowed; use one of "stack"' },
    ]);
  });

  it('leaves addresses with a letter or digit in the name alone, whatever the type', () => {
    expect(problems({ ...entry, address: '*.landing-zone_storage_raw_account_*' }, { ...entry, address: 'azurerm_storage_account.*1*' })).toEqual([]);
  });
});
