import { IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { EstateSuppression } from './suppressions';
import { PolicyFinding, SuppressedFinding } from './findings';
import { PolicyResource, PolicyRule, RuleResult } from './rule';
import { RULE_PACK } from './rule-pack';
import { StackConfig, stackResources } from './stack-resources';
import { addressMatcher, declaredSuppressions, suppressionsOf } from './suppressions';

export interface StackPolicyResult {
  /** Findings no suppression accepted, errors and warnings. */
  readonly findings: readonly PolicyFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** `path`s of the estate suppressions that accepted at least one finding. */
  readonly usedEstateSuppressions: ReadonlySet<string>;
  /** suppressRule calls in this stack that accepted nothing (warnings). */
  readonly unusedConstructSuppressions: readonly PolicyFinding[];
}

/**
 * The rule pack, applied to one stack (cdk-nag style: `Aspects.of(stack).add(new PolicyAspect())`).
 *
 * `visit` runs during `app.synth()` and only records the stack's resources and
 * suppressions; `evaluate` then judges the stack's synthesized JSON. Why not resolve each
 * resource inside `visit`: resolving every resource a second time cost 20-25% of synth
 * time (0.6 s of 2.9 s at 50 landing zones), aspects added after this one could still
 * change a resource, and stack-level overrides never show in a resource's own
 * `toTerraform()`. The written JSON is exactly what Terraform receives, and reading it
 * back costs one JSON.parse per stack (0.13 s of 8 s at 100 landing zones).
 */
export class PolicyAspect implements IAspect {
  private stack?: TerraformStack;
  private readonly resources = new Set<TerraformResource>();
  /** `<construct path>\0<rule id>` of every suppressRule call seen, for the unused-suppression warning. */
  private readonly declared = new Map<string, { constructPath: string; rule: string }>();

  constructor(private readonly rules: readonly PolicyRule[] = RULE_PACK) {}

  visit(node: IConstruct): void {
    this.stack ??= TerraformStack.of(node);
    if (node instanceof TerraformResource) this.resources.add(node);
    for (const suppression of declaredSuppressions(node)) this.declared.set(`${suppression.constructPath}\0${suppression.rule}`, suppression);
  }

  /**
   * Whether evaluate() reads the stack's JSON. An aspect that answers with a verdict reached
   * elsewhere (parallel synth's stand-ins, lib/synth/parallel-synth.ts) does not, so the JSON
   * is not read for it.
   */
  readsStackJson(): boolean {
    return true;
  }

  /** Judges the stack's synthesized configuration (its `cdk.tf.json`), after `app.synth()`. */
  evaluate(config: StackConfig, estateSuppressions: readonly EstateSuppression[] = []): StackPolicyResult {
    if (!this.stack) throw new Error('PolicyAspect.evaluate() before the aspect visited its stack: call app.synth() first');
    const stackName = this.stack.node.id;
    const constructs = new Map<string, TerraformResource>([...this.resources].map((r) => [`${r.terraformResourceType}.${r.friendlyUniqueId}`, r]));
    const ownSuppressions = estateSuppressions.filter((s) => s.stack === stackName).map((s) => ({ ...s, matcher: addressMatcher(s.address) }));
    const resources = stackResources(config);
    const checks = this.checksByType(resources);

    const findings: PolicyFinding[] = [];
    const suppressed: SuppressedFinding[] = [];
    const usedEstate = new Set<string>();
    const usedConstruct = new Set<string>();
    for (const resource of resources) {
      for (const { rule, check } of checks.get(resource.type) ?? []) {
        if (check(resource) !== 'noncompliant') continue;
        const finding: PolicyFinding = {
          ruleId: rule.id,
          severity: rule.severity,
          stack: stackName,
          address: resource.address,
          title: rule.title,
          fix: rule.fix,
        };
        const construct = constructs.get(resource.address);
        // The innermost suppressRule wins; the estate file is consulted only when no construct accepts the finding.
        const bySuppressRule = construct
          ? suppressionsOf(construct)
              .filter((s) => s.rule === rule.id)
              .pop()
          : undefined;
        if (bySuppressRule) {
          usedConstruct.add(`${bySuppressRule.constructPath}\0${rule.id}`);
          suppressed.push({ ...finding, reason: bySuppressRule.reason, suppressedBy: bySuppressRule.constructPath });
          continue;
        }
        const byEstate = ownSuppressions.find((s) => s.rule === rule.id && s.matcher.test(resource.address));
        if (byEstate) {
          usedEstate.add(byEstate.path);
          suppressed.push({ ...finding, reason: byEstate.reason, suppressedBy: byEstate.path });
          continue;
        }
        findings.push(finding);
      }
    }
    const unusedConstructSuppressions = [...this.declared]
      .filter(([key]) => !usedConstruct.has(key))
      .map(([, { constructPath, rule }]): PolicyFinding => ({
        ruleId: rule,
        severity: 'warning',
        stack: stackName,
        address: constructPath,
        title: `suppressRule(${rule}) on this construct accepted no finding`,
        fix: 'remove the suppressRule call, or move it to the construct that holds the noncompliant resource',
      }));
    return { findings, suppressed, usedEstateSuppressions: usedEstate, unusedConstructSuppressions };
  }

  /** Each resource type's rules; stack rules prepared once with the whole stack. */
  private checksByType(resources: readonly PolicyResource[]): Map<string, { rule: PolicyRule; check: (r: PolicyResource) => RuleResult }[]> {
    const byType = new Map<string, { rule: PolicyRule; check: (r: PolicyResource) => RuleResult }[]>();
    for (const rule of this.rules) {
      const check = rule.scope === 'stack' ? rule.prepare(resources) : (r: PolicyResource) => rule.check(r);
      for (const type of rule.resourceTypes) {
        const list = byType.get(type) ?? [];
        list.push({ rule, check });
        byType.set(type, list);
      }
    }
    return byType;
  }
}
