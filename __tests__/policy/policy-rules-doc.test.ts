import { readFileSync } from 'fs';
import { POLICY_RULES_FILE, policyRulesMarkdown } from '../../scripts/policy-rules-doc';
import { PLAN_RULES } from '../../lib/policy/plan-rules/check-plans';
import { RULE_PACK } from '../../lib/policy/rule-pack';

describe('docs/policy-rules.md', () => {
  it('is what scripts/policy-rules-doc.ts generates from the rule objects (run npx tsx scripts/policy-rules-doc.ts)', () => {
    expect(readFileSync(POLICY_RULES_FILE, 'utf8')).toBe(policyRulesMarkdown());
  });

  it('lists every rule with its severity, title, rationale and fix', () => {
    const text = policyRulesMarkdown();
    for (const rule of [...RULE_PACK, ...PLAN_RULES]) {
      expect(text).toContain(`| [${rule.id}](#${rule.id.toLowerCase()}) | ${rule.severity} | ${rule.title.replace(/\|/g, '\\|')} |`);
      expect(text).toContain(`### ${rule.id}\n`);
      expect(text).toContain(`- Why: ${rule.rationale}`);
      expect(text).toContain(`- Fix: ${rule.fix}`);
    }
  });
});
