import { storagePublicNetworkAccess } from '../../lib/policy/rules/storage-public-network-access';
import { App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct, IConstruct } from 'constructs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { EstateSuppression } from '../../lib/policy/suppressions';
import { formatFinding } from '../../lib/policy/findings';
import { PolicyAspect } from '../../lib/policy/policy-aspect';
import { RULE_PACK } from '../../lib/policy/rule-pack';
import { checkSynthesizedApp } from '../../lib/policy/policy-check';
import { suppressRule } from '../../lib/policy/suppressions';
import { readWrittenStacks } from '../../lib/lock/written-stacks';
import { storageAccount, testStack } from './fixtures';

/** The aspect and the check over a real `app.synth()`, as lib/synth/synthesize.ts runs them. */

/** The storage rules only: the fixtures carry no tags and no diagnostic settings, which other rules would report. */
const STORAGE_RULES = RULE_PACK.filter((rule) => rule.id.startsWith('CSA-ST-'));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function app(): App {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-policy-'));
  dirs.push(dir);
  return new App({ outdir: dir, stackTraces: false });
}

/** A stack with the rule pack and one storage account open to an IP range (CSA-ST-001). */
function publicLake(scope: App = app()) {
  const stack = testStack(scope);
  Aspects.of(stack).add(new PolicyAspect(STORAGE_RULES));
  const lake = new Construct(stack, 'lake');
  const account = storageAccount(lake, { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } });
  return { app: scope, stack, lake, account, address: `azurerm_storage_account.${account.friendlyUniqueId}` };
}

const suppression = (overrides: Partial<EstateSuppression>): EstateSuppression => ({
  rule: 'CSA-ST-001',
  stack: 'test',
  address: 'azurerm_storage_account.*',
  reason: 'a public test fixture, no data',
  path: 'suppressions[0]',
  ...overrides,
});

describe('PolicyAspect and checkSynthesizedApp', () => {
  it('reports an error finding as "<rule id> <stack>/<address>: <title>. Fix: <fix>"', () => {
    const { app: a, address } = publicLake();
    a.synth();
    const report = checkSynthesizedApp(a);
    expect(report.errors.map(formatFinding)).toEqual([
      `CSA-ST-001 test/${address}: ${storagePublicNetworkAccess.title}. Fix: ${storagePublicNetworkAccess.fix}`,
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('judges the synthesized JSON, so aspects added after it and stack-level overrides are seen', () => {
    const a = app();
    const stack = testStack(a);
    Aspects.of(stack).add(new PolicyAspect(STORAGE_RULES));
    const account = storageAccount(stack);
    const openUp: IAspect = { visit: (node: IConstruct) => node instanceof StorageAccount && (node.httpsTrafficOnlyEnabled = false) };
    Aspects.of(stack).add(openUp);
    stack.addOverride(`resource.azurerm_storage_account.${account.friendlyUniqueId}.min_tls_version`, 'TLS1_0');
    a.synth();
    expect(
      checkSynthesizedApp(a)
        .errors.map((f) => f.ruleId)
        .sort(),
    ).toEqual(['CSA-ST-003', 'CSA-ST-004']);
  });

  it('judges the parsed stacks it is given (synth shares one parse) and reads the others from disk', () => {
    const { app: a } = publicLake();
    a.synth();
    expect(checkSynthesizedApp(a, [], readWrittenStacks(a.outdir).stacks)).toEqual(checkSynthesizedApp(a));
    expect(checkSynthesizedApp(a, [], { test: {} }).errors).toEqual([]);
    expect(checkSynthesizedApp(a, [], { other: {} }).errors.map((f) => f.ruleId)).toEqual(['CSA-ST-001']);
  });

  it('reads no stack for an aspect that answers with a verdict reached elsewhere (parallel synth)', () => {
    const { app: a } = publicLake();
    a.synth();
    const verdict = Aspects.of(a.node.children.find(TerraformStack.isStack)!)
      .all.find((x): x is PolicyAspect => x instanceof PolicyAspect)!
      .evaluate(readWrittenStacks(a.outdir).stacks.test!);
    // The stack's file gone: only the recorded verdict can answer.
    rmSync(path.join(a.outdir, 'stacks'), { recursive: true });
    for (const stack of a.node.children.filter(TerraformStack.isStack)) {
      const aspect = Aspects.of(stack).all.find((x): x is PolicyAspect => x instanceof PolicyAspect)!;
      aspect.evaluate = () => verdict;
      aspect.readsStackJson = () => false;
    }
    expect(checkSynthesizedApp(a).errors.map((f) => f.ruleId)).toEqual(['CSA-ST-001']);
  });

  it('checks only stacks that carry the aspect', () => {
    const a = app();
    storageAccount(testStack(a), { publicNetworkAccessEnabled: true, networkRules: { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] } });
    a.synth();
    expect(checkSynthesizedApp(a).errors).toEqual([]);
  });

  it('fails when asked to evaluate before app.synth()', () => {
    expect(() => new PolicyAspect().evaluate({})).toThrow(/app.synth\(\) first/);
  });

  describe('suppressRule (construct API)', () => {
    it('suppresses the rule on the construct and its children, keeping the reason', () => {
      const { app: a, lake, address } = publicLake();
      suppressRule(lake, 'CSA-ST-001', 'public test fixture without data');
      a.synth();
      const report = checkSynthesizedApp(a);
      expect(report.errors).toEqual([]);
      expect(report.suppressed).toEqual([
        expect.objectContaining({ ruleId: 'CSA-ST-001', address, reason: 'public test fixture without data', suppressedBy: 'test/lake' }),
      ]);
    });

    it('suppresses only the named rule', () => {
      const { app: a, account } = publicLake();
      account.sharedAccessKeyEnabled = true;
      suppressRule(account, 'CSA-ST-001', 'public test fixture without data');
      a.synth();
      expect(checkSynthesizedApp(a).errors.map((f) => f.ruleId)).toEqual(['CSA-ST-002']);
    });

    it('warns about a suppression that accepted nothing', () => {
      const { app: a, stack } = publicLake();
      const other = new Construct(stack, 'other');
      suppressRule(other, 'CSA-KV-001', 'there is no vault here at all');
      a.synth();
      const report = checkSynthesizedApp(a);
      expect(report.warnings.map(formatFinding)).toEqual([
        expect.stringMatching(/^CSA-KV-001 test\/test\/other: suppressRule\(CSA-KV-001\) on this construct accepted no finding\. Fix: /),
      ]);
    });

    it.each([
      ['an unknown rule id', 'CSA-XX-999', 'a perfectly good reason', /unknown rule id "CSA-XX-999"/],
      ['an empty reason', 'CSA-ST-001', '', /at least 10 characters/],
      ['a reason of blanks', 'CSA-ST-001', '            ', /at least 10 characters/],
      ['a one-word reason', 'CSA-ST-001', 'temporary', /at least 10 characters/],
    ])('fails on %s', (_what, rule, reason, message) => {
      const { lake } = publicLake();
      expect(() => suppressRule(lake, rule, reason)).toThrow(message);
    });
  });

  describe('estate file suppressions', () => {
    it('suppress findings whose stack, rule and address glob match', () => {
      const { app: a } = publicLake();
      a.synth();
      const report = checkSynthesizedApp(a, [suppression({})]);
      expect(report.errors).toEqual([]);
      expect(report.suppressed).toEqual([
        expect.objectContaining({ ruleId: 'CSA-ST-001', reason: 'a public test fixture, no data', suppressedBy: 'suppressions[0]' }),
      ]);
      expect(report.warnings).toEqual([]);
    });

    it.each([
      ['another stack', { stack: 'dmlz' }],
      ['another rule', { rule: 'CSA-ST-002' }],
      ['another address', { address: 'azurerm_storage_account.other' }],
      ['a glob that matches a prefix only', { address: 'azurerm_storage_account.lake' }],
    ])('do not apply to %s, and warn that they are unused', (_what, overrides) => {
      const { app: a } = publicLake();
      a.synth();
      const report = checkSynthesizedApp(a, [suppression(overrides)]);
      expect(report.errors.map((f) => f.ruleId)).toEqual(['CSA-ST-001']);
      expect(report.warnings).toEqual([
        expect.objectContaining({ severity: 'warning', title: expect.stringMatching(/^unused suppression \(suppressions\[0\]\)/) }),
      ]);
    });

    it('match "?" to exactly one character', () => {
      const { app: a, address } = publicLake();
      a.synth();
      const glob = `${address.slice(0, -2)}??`;
      expect(checkSynthesizedApp(a, [suppression({ address: glob })]).errors).toEqual([]);
      expect(checkSynthesizedApp(a, [suppression({ address: `${address.slice(0, -2)}?` })]).errors).toHaveLength(1);
    });
  });
});
